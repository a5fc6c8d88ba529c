"""The evidence behind a supplier application, as a reviewer reads it: the authorization chains link by link
with each document's validity on the decision date, the categories with the ones outside the core groups
named, the purchase vouchers with their trail; and, for every fact the entry rules read that is derived from
those documents, the culprits in business words ("AUTH-1 expired on 2026-06-30, before the decision date
2026-12-05"). The derivation lives here once: the requirement report names culprits from it for whichever
rule reads the fact, so no requirement has hand-written wording."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from engine.model import Taxonomy
from workflows.suppliers.credit_code import credit_code_problem


@dataclass
class Evidence:
    """Readable evidence tables and, per derived fact, the sentences naming what made it so."""

    chains: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    vouchers: list[dict[str, Any]] = field(default_factory=list)
    culprits: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"chains": self.chains, "categories": self.categories, "vouchers": self.vouchers,
                "culprits": self.culprits}


def _link_problems(chain: list[dict[str, Any]], index: int, day: dt.date) -> list[str]:
    link = chain[index]
    valid_from, valid_to = dt.date.fromisoformat(link["valid_from"]), dt.date.fromisoformat(link["valid_to"])
    problems = []
    if day > valid_to:
        problems.append(f"{link['document_id']} expired on {valid_to}, before the decision date {day}")
    elif day < valid_from:
        problems.append(f"{link['document_id']} is valid only from {valid_from}, after the decision date {day}")
    if index and link["grantor"] != chain[index - 1]["grantee"]:
        previous = chain[index - 1]
        problems.append(f"{link['document_id']}'s grantor {link['grantor']} is not the grantee of "
                        f"{previous['document_id']} ({previous['grantee']}): the chain is broken")
    return problems


def _chains(body: dict[str, Any], day: dt.date, evidence: Evidence) -> None:
    for authorization in body.get("brand_authorizations", []):
        chain = authorization["chain"]
        links = []
        for i, link in enumerate(chain):
            problems = _link_problems(chain, i, day)
            links.append({**link, "level": i + 1, "in_force": not problems, "problems": problems})
            evidence.culprits.setdefault("authorizations_valid", []).extend(problems)
        parties = " → ".join([chain[0]["grantor"], *(link["grantee"] for link in chain)])
        evidence.chains.append({"brand": authorization["brand"], "levels": len(chain), "parties": parties,
                                "links": links})
        evidence.culprits.setdefault("authorization_chain_depth", []).append(
            f"the {authorization['brand']} chain has {len(chain)} level{'s' if len(chain) != 1 else ''}: {parties}")
    if not evidence.chains:
        evidence.culprits["has_brand_authorization"] = ["no brand authorization was presented"]


def _categories(body: dict[str, Any], taxonomy: Taxonomy, evidence: Evidence) -> None:
    group_of = {c: g for g, cats in taxonomy.groups.items() for c in cats}
    outside = []
    for category in body.get("categories", []):
        group = group_of.get(category)
        core = group in taxonomy.core_groups
        title = taxonomy.titles.get(group, group) if group else "not in the taxonomy"
        evidence.categories.append({"category": category, "group": title,
                                    "core": core})
        if not core:
            outside.append(category)
    evidence.culprits["categories_outside_core"] = [
        f"{c} is outside the {len(taxonomy.core_groups)} core groups" for c in outside]


def _vouchers(body: dict[str, Any], evidence: Evidence) -> None:
    vouchers = body.get("purchase_vouchers", [])
    problems = [] if vouchers else ["no purchase vouchers were presented"]
    for i, voucher in enumerate(vouchers, start=1):
        gaps = ([] if voucher["traceable_to_source"] else ["not traceable to the source"]) + (
            [] if voucher["documents"] else ["no documents"])
        evidence.vouchers.append({"number": i, "brand": voucher["brand"], "documents": voucher["documents"],
                                  "traceable_to_source": voucher["traceable_to_source"], "problems": gaps})
        problems += [f"the {voucher['brand']} voucher (#{i}) has {gap}" if gap == "no documents"
                     else f"the {voucher['brand']} voucher (#{i}) is {gap}" for gap in gaps]
    evidence.culprits["vouchers_traceable"] = problems


CHINA = dt.timezone(dt.timedelta(hours=8))


def decision_day(as_of: dt.datetime) -> dt.date:
    """The day a document must be valid on: the decision's date in China time, as the documents are dated."""
    return as_of.astimezone(CHINA).date()


def application_evidence(body: dict[str, Any], taxonomy: Taxonomy, as_of: dt.datetime) -> Evidence:
    """The evidence of `body` on the decision date of `as_of`."""
    day = decision_day(as_of)
    evidence = Evidence()
    if problem := credit_code_problem(body.get("uscc", "")):
        evidence.culprits["uscc_check_character_valid"] = [problem]
    _chains(body, day, evidence)
    _categories(body, taxonomy, evidence)
    _vouchers(body, evidence)
    return evidence
