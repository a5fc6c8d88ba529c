"""Candidate policy sets as a policy team prepares them, and calls to the policy-version API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from engine import load_policy_set, policy_bundle

ROOT = Path(__file__).resolve().parents[2]
FRUIT_RULE = 'then: {rate_bp: "17.99%", commission: {rate: "17.99%", of: line_amount}, basis: program_rate}'
FRUIT_EXAMPLE = 'outputs: {rate_bp: "17.99%", commission: "5.20", basis: program_rate}'
# 2890 fen x 1600 bp = 462.4 -> 462 fen; the examples of the rule change with it
FRUIT_AT_16 = {FRUIT_RULE: FRUIT_RULE.replace("17.99%", "16%"),
               FRUIT_EXAMPLE: FRUIT_EXAMPLE.replace("17.99%", "16%").replace("5.20", "4.62"),
               'expect: {outputs: {commission: "15.60"}, fired: [fresh_fruit_rate]}':
                   'expect: {outputs: {commission: "13.87"}, fired: [fresh_fruit_rate]}',
               'expect: {outputs: {commission: "10.40"}, fired: [fresh_fruit_rate]}':
                   'expect: {outputs: {commission: "9.25"}, fired: [fresh_fruit_rate]}'}


APPROVER = "Chen Jie <chen.jie@xiaopu.test>"  # the second person of four eyes


async def approved(client: httpx.AsyncClient, proposed: httpx.Response, approver: dict[str, str],
                   comment: str = "diff and impact checked", **extra: Any) -> Any:
    """The change proposed (202) put in force by a second person's approval; the approval's answer."""
    assert proposed.status_code == 202, proposed.text
    proposal = proposed.json()["proposal"]["proposal_id"]
    response = await client.post(f"/v1/policy-proposals/{proposal}/approval", headers=approver,
                                 json={"comment": comment, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def shipped_files() -> dict[str, str]:
    return policy_bundle(load_policy_set(ROOT))


def edited_files(edits: dict[str, str], rule_file: str = "rules/commission.yaml") -> dict[str, str]:
    """The shipped set with text replaced in one rule file (each `old` must be there)."""
    files = shipped_files()
    text = files[rule_file]
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    files[rule_file] = text
    return files


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


async def quote_apples(client: httpx.AsyncClient, headers: dict[str, str], as_of: str | None = None
                       ) -> httpx.Response:
    body: dict[str, Any] = {"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}]}
    if as_of:
        body["as_of"] = as_of
    return await client.post("/v1/commission/quotes", json=body, headers=headers)
