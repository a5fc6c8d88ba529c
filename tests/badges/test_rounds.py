"""Rounds and scores: one score per judge per round, replays change nothing, bad input changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from store.api_keys import install_dev_key
from store.badges import BadgeAward, BadgeRound, PanelScore
from tests.badges.helpers import AS_OF, Panel
from tests.clock import advance_to
from tests.commerce.helpers import bearer, ok

pytestmark = pytest.mark.asyncio


async def test_a_judge_scores_once_per_round(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(2)
    await panel.merchant("M-1")
    assert (await panel.open_round("R-1", "M-1")).status_code == 201
    assert (await panel.open_round("R-1", "M-1")).status_code == 200  # a replay
    other = await panel.open_round("R-1", "M-2")
    assert (other.status_code, other.json()["code"]) == (409, "badge_round_id_reused")

    first = await ok(await panel.score("R-1", 0, 88, judge_name="Li Wei", comment="fine seams"), 201)
    replay = await panel.score("R-1", 0, 88, judge_name="Li Wei", comment="fine seams")
    assert replay.status_code == 200 and replay.json() == first
    changed = await panel.score("R-1", 0, 95, judge_name="Li Wei", comment="fine seams")
    assert (changed.status_code, changed.json()["code"], changed.json()["score"]) == (409, "score_already_entered",
                                                                                       88)
    await ok(await panel.score("R-1", 1, 71), 201)
    view = await ok(await client.get("/v1/badge-rounds/R-1", headers=panel.chair))
    assert (view["panel_size"], view["panel_score"]) == (2, 79)
    assert [(s["judge_name"], s["score"]) for s in view["scores"]] == [("Li Wei", 88), (None, 71)]
    assert await PanelScore.filter(round_id="R-1").count() == 2


async def test_an_award_is_given_once_and_closes_the_round(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(4)
    await panel.merchant("M-1")
    await ok(await panel.open_round("R-1", "M-1"), 201)
    for judge in range(3):
        await ok(await panel.score("R-1", judge, 90), 201)
    award = await ok(await panel.award("R-1"), 201)
    replay = await panel.award("R-1")
    assert replay.status_code == 200 and replay.json()["award_id"] == award["award_id"]
    other = await panel.award("R-1", AS_OF + dt.timedelta(hours=1))
    assert (other.status_code, other.json()["code"]) == (409, "already_awarded")
    late = await panel.score("R-1", 3, 10)
    assert (late.status_code, late.json()["code"]) == (409, "round_closed")
    assert await BadgeAward.filter(merchant_id="M-1").count() == 1
    assert (await ok(await client.get("/v1/badge-rounds/R-1", headers=panel.chair)))["panel_size"] == 3


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"score": 101}, "body.score", id="above-100"),
    pytest.param({"score": -1}, "body.score", id="below-0"),
    pytest.param({"score": "ninety"}, "body.score", id="not-a-number"),
    pytest.param({"score": 90, "criteria": {"design": 90}}, "body.criteria", id="unknown-field"),
])
async def test_a_bad_score_is_refused_and_changes_nothing(client: Any, make_key: Any, body: dict[str, Any],
                                                          field: str) -> None:
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-1")
    await ok(await panel.open_round("R-1", "M-1"), 201)
    r = await client.put("/v1/badge-rounds/R-1/scores", json=body, headers=panel.judges[0])
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input")
    assert [e["field"] for e in r.json()["errors"]] == [field]
    assert await PanelScore.filter(round_id="R-1").count() == 0
    await ok(await panel.score("R-1", 0, 90), 201)  # the judge may still score once


async def test_rounds_need_a_known_merchant_and_awards_a_time_after_the_round_opened(client: Any,
                                                                                     make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(1)
    unknown = await panel.open_round("R-1", "M-NOBODY")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "merchant_not_found")
    assert await BadgeRound.filter(round_id="R-1").count() == 0
    await panel.merchant("M-1")
    await ok(await panel.open_round("R-1", "M-1", AS_OF), 201)
    early = await panel.award("R-1", AS_OF - dt.timedelta(days=1))
    assert (early.status_code, early.json()["code"]) == (422, "award_before_round_opened")
    no_offset = await client.post("/v1/badge-rounds/R-1/award", json={"as_of": "2026-12-10T10:00:00"},
                                  headers=panel.chair)
    assert (no_offset.status_code, no_offset.json()["errors"][0]["field"]) == (422, "body.as_of")
    missing = await client.put("/v1/badge-rounds/R-NONE/scores", json={"score": 80}, headers=panel.judges[0])
    assert (missing.status_code, missing.json()["code"]) == (404, "badge_round_not_found")
    assert await BadgeAward.all().count() == 0
    assert (await ok(await client.get("/v1/badge-rounds/R-1", headers=panel.chair)))["status"] == "open"


async def test_concurrent_replays_of_one_score_enter_it_once(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-1")
    await ok(await panel.open_round("R-1", "M-1"), 201)
    responses = await asyncio.gather(*(panel.score("R-1", 0, 77) for _ in range(10)))
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201], [r.text for r in responses]
    assert await PanelScore.filter(round_id="R-1").count() == 1


async def test_three_reviewer_keys_of_one_person_are_one_judge(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-ONE")
    assert (await panel.open_round("R-ONE", "M-ONE")).status_code == 201
    keys = [bearer(await make_key("reviewer", person="Li Wei <li@example.com>")) for _ in range(3)]
    first = await client.put("/v1/badge-rounds/R-ONE/scores", json={"score": 95}, headers=keys[0])
    assert first.status_code == 201
    again = await client.put("/v1/badge-rounds/R-ONE/scores", json={"score": 95}, headers=keys[1])
    assert again.status_code == 200  # the same person's score again: a replay, not a second judge
    other = await client.put("/v1/badge-rounds/R-ONE/scores", json={"score": 99}, headers=keys[2])
    assert other.status_code == 409 and other.json()["code"] == "score_already_entered"
    view = await ok(await client.get("/v1/badge-rounds/R-ONE", headers=panel.chair))
    assert view["panel_size"] == 1


async def test_a_key_that_names_nobody_does_not_score(client: Any, make_key: Any) -> None:
    """Two keys that name nobody could be one person's: the panel would count that person twice."""
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-NOBODY")
    assert (await panel.open_round("R-NOBODY", "M-NOBODY")).status_code == 201
    plaintext = "xpk_dev_reviewer_without_a_name"
    await install_dev_key("reviewer", plaintext)
    refused = await client.put("/v1/badge-rounds/R-NOBODY/scores", json={"score": 99}, headers=bearer(plaintext))
    assert (refused.status_code, refused.json()["code"]) == (403, "person_not_named")
    assert await PanelScore.filter(round_id="R-NOBODY").count() == 0


async def test_an_award_is_not_dated_before_the_scores_it_counts(client: Any, make_key: Any) -> None:
    """Scores entered an hour after the round opened counted in an award dated half an hour after it opened: the
    award counted scores of its future and left out the merchant's disputes since."""
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-BACK")
    opened = AS_OF - dt.timedelta(days=3)
    await ok(await panel.open_round("R-BACK", "M-BACK", opened), 201)
    advance_to(opened + dt.timedelta(hours=1))
    await ok(await panel.score("R-BACK", 0, 95), 201)
    backdated = await panel.award("R-BACK", opened + dt.timedelta(minutes=30))
    assert (backdated.status_code, backdated.json()["code"]) == (422, "time_before_previous_step"), backdated.text
    assert await BadgeAward.filter(merchant_id="M-BACK").count() == 0
    await ok(await panel.award("R-BACK", opened + dt.timedelta(hours=2)), 201)


async def test_two_rounds_of_one_merchant_awarded_at_once_leave_one_award_in_force(client: Any,
                                                                                   make_key: Any) -> None:
    """Awarded together on PostgreSQL, both rounds had seen no award before them: both stood, the earlier never
    superseded (a Good Find flag the later award withdrew stayed in the feed)."""
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-1")
    for round_id in ("R-1", "R-2"):
        await ok(await panel.open_round(round_id, "M-1"), 201)
    answers = await asyncio.gather(panel.award("R-1", AS_OF), panel.award("R-2", AS_OF + dt.timedelta(hours=1)))
    assert all(r.status_code == 201 or r.json()["code"] == "award_out_of_order" for r in answers), \
        [r.text for r in answers]
    awards = await BadgeAward.filter(merchant_id="M-1").order_by("valid_from")
    assert [a.superseded_at for a in awards][-1] is None
    assert all(a.superseded_at == b.valid_from for a, b in zip(awards, awards[1:], strict=False)), awards
