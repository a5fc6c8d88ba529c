"""The Good Find feed: merchants with a badge in force at as_of; an expired or superseded badge leaves it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.badges.helpers import AS_OF, Panel
from tests.commerce.helpers import ok

pytestmark = pytest.mark.asyncio
DAY = dt.timedelta(days=1)


async def test_an_expired_badge_leaves_the_good_find_list(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    await panel.merchant("M-1")
    award = await panel.judged("R-1", "M-1", [93, 92, 94])
    valid_until = dt.datetime.fromisoformat(award["valid_until"])
    assert valid_until == AS_OF + 365 * DAY

    before = await panel.good_find(AS_OF - dt.timedelta(seconds=1))
    assert before["merchants"] == []
    listed = await panel.good_find(AS_OF)
    assert [(m["merchant_id"], m["badge"], m["valid_until"]) for m in listed["merchants"]] == [
        ("M-1", "master", award["valid_until"])]
    assert listed["merchants"][0]["decision_id"] == award["decision_id"]
    assert [m["merchant_id"] for m in (await panel.good_find(valid_until - dt.timedelta(seconds=1)))["merchants"]] \
        == ["M-1"]
    assert (await panel.good_find(valid_until))["merchants"] == []
    assert (await panel.good_find(valid_until + DAY))["merchants"] == []

    badge = await panel.badge("M-1", valid_until + DAY)
    assert (badge["badge"], badge["status"], badge["good_find"]) == ("none", "expired", False)
    assert badge["award"]["badge"] == "master"  # the expired award is still shown, explained
    in_force = await panel.badge("M-1", valid_until - DAY)
    assert (in_force["badge"], in_force["status"], in_force["valid_until"]) == ("master", "in_force",
                                                                                 award["valid_until"])


async def test_a_new_award_supersedes_the_earlier_one_from_its_as_of(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    await panel.merchant("M-1")
    first = await panel.judged("R-1", "M-1", [85, 85, 85])
    second_at = AS_OF + 100 * DAY
    second = await panel.judged("R-2", "M-1", [62, 61, 60], second_at)
    assert (first["badge"], second["badge"]) == ("craftsman", "rising")

    at_first = await panel.good_find(AS_OF + DAY)
    assert [(m["merchant_id"], m["badge"]) for m in at_first["merchants"]] == [("M-1", "craftsman")]
    at_second = await panel.good_find(second_at + DAY)
    assert [(m["merchant_id"], m["badge"]) for m in at_second["merchants"]] == [("M-1", "rising")]
    round_one = await ok(await client.get("/v1/badge-rounds/R-1", headers=panel.chair))
    assert (round_one["award"]["superseded_at"], round_one["award"]["superseded_by"]) == (
        second["valid_from"], "R-2")

    # A later round judged "no badge" takes the merchant off the feed although R-2's year is not over.
    third_at = second_at + 10 * DAY
    third = await panel.judged("R-3", "M-1", [50, 50, 50], third_at)
    assert third["badge"] == "none"
    assert (await panel.good_find(third_at + DAY))["merchants"] == []
    assert (await panel.badge("M-1", third_at + DAY))["status"] == "no_badge"

    # An award dated before the merchant's latest one is refused and changes nothing.
    await ok(await panel.open_round("R-4", "M-1", AS_OF - 10 * DAY), 201)
    late = await panel.award("R-4", second_at)
    assert (late.status_code, late.json()["code"]) == (409, "award_out_of_order")
    assert (await ok(await client.get("/v1/badge-rounds/R-4", headers=panel.chair)))["status"] == "open"


async def test_the_feed_is_paged_by_merchant_id(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    for n, scores in ((1, [90, 90, 90]), (2, [10, 10, 10]), (3, [70, 70, 70]), (4, [60, 60, 60])):
        await panel.merchant(f"M-{n}")
        await panel.judged(f"R-{n}", f"M-{n}", scores)

    first = await panel.good_find(AS_OF + DAY, limit=2)
    assert [(m["merchant_id"], m["badge"]) for m in first["merchants"]] == [("M-1", "master"), ("M-3", "select")]
    assert first["next"] == "M-3"
    rest = await panel.good_find(AS_OF + DAY, limit=2, after=first["next"])
    assert ([m["merchant_id"] for m in rest["merchants"]], rest["next"]) == (["M-4"], None)


async def test_good_find_needs_a_time_with_an_offset(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(0)
    r = await client.get("/v1/good-find", params={"as_of": "2026-12-10T10:00:00"}, headers=panel.storefront)
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input")
    assert r.json()["errors"][0]["field"] == "query.as_of"
