"""A compliant application and ways to spoil it, as the domain's test vectors describe."""

from __future__ import annotations

import copy
from typing import Any

LINK = {"valid_from": "2026-01-01", "valid_to": "2027-12-31"}


def chain(levels: int) -> list[dict[str, str]]:
    parties = ["Brand Owner Co"] + [f"Dealer {i}" for i in range(1, levels)] + ["Applicant Co"]
    return [{"grantor": parties[i], "grantee": parties[i + 1], "document_id": f"AUTH-{i}", **LINK}
            for i in range(levels)]


GOOD: dict[str, Any] = {
    "application_id": "APP-1", "legal_name": "Applicant Co", "uscc": "91330100MA2AXXXX0X", "entity_kind": "dealer",
    "registered_capital": "1000000.00", "taxpayer_type": "general", "deposit_paid": "10000.00",
    "categories": ["fresh_fruit", "snacks"],
    "brand_authorizations": [{"brand": "Orchard", "chain": chain(3)}],
    "purchase_vouchers": [], "as_of": "2026-11-23T10:00:00+08:00",
}


def application(application_id: str, **changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(GOOD)
    body.update(changes, application_id=application_id)
    return body
