"""An award is decided, and explained, by the version of the rules in force at its as_of."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi import FastAPI

from store import clock
from tests.badges.helpers import Panel
from tests.commerce.helpers import bearer
from tests.conftest import SHIPPED_POLICY_VERSION
from tests.policy_versions.helpers import APPROVER, approved, edited_files

pytestmark = pytest.mark.asyncio
MASTER_AT_95 = {'"Tier 4, master (大师): a panel score of 90 or more."':
                    '"Tier 4, master (大师): a panel score of 95 or more."',
                "when: {panel_score: {gte: 90}}": "when: {panel_score: {gte: 95}}",
                "- name: master\n        facts: {panel_score: 93,": "- name: master\n        facts: {panel_score: 96,"}


async def test_the_version_in_force_at_as_of_decides_and_explains(client: Any, app: FastAPI, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    at = (clock.now() + dt.timedelta(hours=1)).replace(microsecond=0)
    published = await approved(client, await client.post("/v1/policy-versions", headers=bearer(
        await make_key("policy_admin")), json={"files": edited_files(MASTER_AT_95, "rules/badges.yaml"),
                                               "message": "master needs 95", "effective_from": at.isoformat()}),
        bearer(await make_key("policy_admin", person=APPROVER)))
    await app.state.evaluator.refresh()
    await panel.merchant("M-BEFORE")
    await panel.merchant("M-AFTER")

    before = await panel.judged("R-1", "M-BEFORE", [93, 93, 93], at - dt.timedelta(seconds=1))
    after = await panel.judged("R-2", "M-AFTER", [93, 93, 93], at)

    assert (before["badge"], before["policy_version"]) == ("master", SHIPPED_POLICY_VERSION)
    assert (after["badge"], after["policy_version"]) == ("craftsman", published["version"]["label"])
    words = {a["round_id"]: next(r["words"] for r in a["explanation"]["rules"] if r["rule_id"] == "master_badge")
             for a in (before, after)}
    assert words == {"R-1": "Tier 4, master (大师): a panel score of 90 or more.",
                     "R-2": "Tier 4, master (大师): a panel score of 95 or more."}
    assert after["explanation"]["near_misses"] == [
        {"rule_id": "master_badge", "badge": "master", "missing": ["panel score is 93, needs ≥ 95 (short by 2)"]}]
