"""The panel's pages: each judge signs in with their own reviewer key, scores once, and the award is shown
explained rule by rule."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from store.badges import PanelScore
from tests.badges.helpers import AS_OF, Panel
from tests.clock import advance_to
from tests.commerce.helpers import ok
from tests.pages import sign_in as sign_in_on
from tests.pages import submit

pytestmark = pytest.mark.asyncio
ROUND = "/review/badges/R-1"


async def sign_in(client: httpx.AsyncClient, key: str) -> None:
    r = await sign_in_on(client, "/review", key)
    assert r.status_code == 303


async def test_judges_score_and_award_through_the_pages(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(0)
    await panel.merchant("M-1")
    await ok(await panel.open_round("R-1", "M-1"), 201)
    assert (await client.get("/review/badges")).headers["location"] == "/review/sign-in"

    people = [f"Judge {n} <judge{n}@xiaopu.test>" for n in range(3)]
    judges = [await make_key("reviewer", person=person) for person in people]
    for n, (key, score) in enumerate(zip(judges, ("88", "80", "79"), strict=True)):
        await sign_in(client, key)
        listing = (await client.get("/review/badges")).text
        assert 'href="/review/badges/R-1"' in listing
        if n == 0:
            bad = await submit(client, ROUND, "/review/badges/R-1/score",
                               {"score": "101", "judge_name": "Judge <0>", "comment": "a strong maker & a fair one"})
            assert bad.status_code == 422 and "whole number from 0 to 100" in bad.text
            # what the judge typed stays on the form, to mend the score only
            assert 'value="101"' in bad.text and 'value="Judge &lt;0&gt;"' in bad.text
            assert ">a strong maker &amp; a fair one</textarea>" in bad.text
            digit = await submit(client, ROUND, "/review/badges/R-1/score", {"score": "²"})  # isdigit() says yes
            assert digit.status_code == 422 and "whole number from 0 to 100" in digit.text
            assert await PanelScore.filter(round_id="R-1").count() == 0
        done = await submit(client, ROUND, "/review/badges/R-1/score",
                            {"score": score, "judge_name": f"Judge <{n}>"})
        assert done.status_code == 303
        page = (await client.get("/review/badges/R-1")).text
        assert 'id="my-score"' in page and 'id="score-form"' not in page
        again = await submit(client, ROUND, "/review/badges/R-1/score", {"score": "100"})
        assert again.status_code == 409 and "entered once" in again.text

    page = (await client.get("/review/badges/R-1")).text
    assert "Judge &lt;0&gt;" in page and 'id="panel-score">82<' in page
    # each score names the judge whose key entered it; what a judge typed as a name is beside it, not in its place
    scores = page.split('id="scores"')[1].split("</table>")[0]
    assert all(person.replace("<", "&lt;").replace(">", "&gt;") in scores for person in people)
    assert re.search(r'name="as_of" value="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00"', page)  # now, China time
    naive = await submit(client, ROUND, "/review/badges/R-1/award", {"as_of": "2026-12-10T10:00:00"})
    assert naive.status_code == 422 and 'name="as_of" value="2026-12-10T10:00:00"' in naive.text
    far = await submit(client, ROUND, "/review/badges/R-1/award", {"as_of": "9999-12-31T00:00:00+00:00"})
    assert far.status_code == 422 and "1970 to 2999" in far.text  # the validity end would overflow: once a 500
    ahead = await submit(client, ROUND, "/review/badges/R-1/award", {"as_of": AS_OF.isoformat()})
    assert ahead.status_code == 422 and "in the future" in ahead.text  # the clock has not reached it
    advance_to(AS_OF)
    await sign_in(client, judges[2])  # days later: the page session of the scoring has ended
    awarded = await submit(client, ROUND, "/review/badges/R-1/award", {"as_of": AS_OF.isoformat()})
    assert awarded.status_code == 303
    page = (await client.get("/review/badges/R-1")).text
    assert 'id="badge">craftsman<' in page and 'id="status">awarded<' in page
    assert "Tier 4, master (大师): a panel score of 90 or more." in page and "rules/badges.yaml:" in page
    assert "panel score is 82, needs ≥ 90 (short by 8)" in page
    assert 'id="award-form"' not in page
    awarded_by = page.split('id="awarded-by">')[1].split("</p>")[0]  # who asked the rules, and when (China time)
    assert "Judge 2 &lt;judge2@xiaopu.test&gt;" in awarded_by and "+08:00" in awarded_by


async def test_the_rounds_page_a_page_at_a_time(client: Any, make_key: Any) -> None:
    """Two hundred rounds a year: the rounds page shows 100 open ones (oldest first) and the older ones a link away."""
    panel = await Panel(client, make_key).seat(0)
    await panel.merchant("M-1")
    for n in range(101):
        await ok(await panel.open_round(f"R-{n:03d}", "M-1"), 201)
    await sign_in(client, await make_key("reviewer"))
    first = (await client.get("/review/badges")).text
    assert first.count('href="/review/badges/R-') == 100 and 'id="older-rounds"' in first
    assert 'id="newer-rounds"' not in first
    second = (await client.get("/review/badges?page=1")).text
    assert second.count('href="/review/badges/R-') == 1 and 'id="older-rounds"' not in second
    assert 'id="newer-rounds"' in second
