"""A draft's file nested deeper than Python's parsers follow (a few hundred brackets) is a file that is not
readable YAML, as any other: the draft's page, its impact and its grid edits had answered 500 each time they were
opened, the file stored, since ruamel.yaml and the loader's own walk ran out of Python's stack."""

from __future__ import annotations

import httpx
import pytest
from ruamel.yaml.error import YAMLError

from engine.layout import canonical, load
from engine.yaml_source import load_source
from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.pages import sign_in

RULES = "rules/commission.yaml"
DEEP = {"brackets": "[" * 900 + "]" * 900, "mappings": "{a: " * 900 + "1" + "}" * 900}


def test_a_file_nested_too_deep_is_a_syntax_problem_for_the_loader() -> None:
    problems = load_source(RULES, DEEP["brackets"]).problems
    assert [(p.file, p.code) for p in problems] == [(RULES, "yaml_syntax")] and "nests too deep" in problems[0].message


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in DEEP.items()])
def test_a_file_nested_too_deep_is_no_yaml_to_lay_out(text: str) -> None:
    with pytest.raises(YAMLError, match="nests too deep"):
        load(text)
    with pytest.raises(ValueError, match="nests too deep"):
        canonical(text, RULES)


async def test_a_draft_with_a_file_nested_too_deep_still_opens(client: httpx.AsyncClient,
                                                               make_key: MakeKey) -> None:
    admin = await make_key("policy_admin")
    await ok(await client.post("/v1/policy-drafts", headers=bearer(admin), json={"draft_id": "D-1", "name": "deep"}))
    saved = await ok(await client.put(f"/v1/policy-drafts/D-1/files/{RULES}", headers=bearer(admin),
                                      json={"text": DEEP["brackets"]}))
    assert not saved["check"]["passed"]
    assert any(p["code"] == "yaml_syntax" and p["file"] == RULES for p in saved["check"]["diagnostics"])
    assert (await sign_in(client, "/policy", admin)).status_code == 303
    page = await client.get("/policy/drafts/D-1")
    assert page.status_code == 200 and "nests too deep" in page.text
    impact = await client.get("/policy/drafts/D-1/impact")
    assert impact.status_code in (200, 409, 422), impact.text[:300]


async def test_a_cell_nested_too_deep_is_refused(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = bearer(await make_key("policy_admin"))
    await ok(await client.post("/v1/policy-drafts", headers=admin, json={"draft_id": "D-1", "name": "deep"}))
    refused = await client.post("/v1/policy-drafts/D-1/edits", headers=admin, json={"file": RULES, "edits": [
        {"op": "set_cell", "policy": "commission", "row": "fresh_fruit_rate", "column": "category",
         "value": "[" * 900 + "]" * 900}]})
    assert (refused.status_code, refused.json()["code"]) == (422, "cell_unreadable"), refused.text[:300]
