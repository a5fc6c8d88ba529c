"""A compliant application and ways to spoil it, as the domain's test vectors describe."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

LINK = {"valid_from": "2026-01-01", "valid_to": "2027-12-31"}


def chain(levels: int) -> list[dict[str, str]]:
    parties = ["Brand Owner Co"] + [f"Dealer {i}" for i in range(1, levels)] + ["Applicant Co"]
    return [{"grantor": parties[i], "grantee": parties[i + 1], "document_id": f"AUTH-{i}", **LINK}
            for i in range(levels)]


GOOD: dict[str, Any] = {
    "application_id": "APP-1", "legal_name": "Applicant Co", "uscc": "91330100MA2AXXXX07", "entity_kind": "dealer",
    "registered_capital": "1000000.00", "taxpayer_type": "general", "deposit_paid": "10000.00",
    "categories": ["fresh_fruit", "snacks"],
    "brand_authorizations": [{"brand": "Orchard", "chain": chain(3)}],
    "purchase_vouchers": [],
}


# an applicant that also supplies the dress the dispute tests are about
DRESS_CATEGORIES = ["fresh_fruit", "snacks", "womens_clothing"]


def application(application_id: str, **changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(GOOD)
    body.update(changes, application_id=application_id)
    return body


def candidate_policies(folder: Path, rule_file: str, old: str, new: str) -> Path:
    """A copy of the shipped policy set with one edit, as a policy team would prepare a candidate."""
    shutil.copytree(ROOT / "rules", folder / "rules")
    shutil.copy(ROOT / "policies.yaml", folder / "policies.yaml")
    path = folder / "rules" / rule_file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


TEST_APPLICANT = "SUP-91330100MA2AXXXX07"  # the supplier of application()'s default credit code


def platform_id(application_id: str, supplier: str = TEST_APPLICANT) -> str:
    """An application as the platform names it: qualified by the applying supplier (the supplier's own id
    without it)."""
    return application_id if "@" in application_id else f"{application_id}@{supplier}"


def app_path(application_id: str, tail: str = "") -> str:
    """The API path of an application as the platform names it (`tail`: "/decision", ...)."""
    return f"/v1/supplier-applications/{platform_id(application_id)}{tail}"


def review_path(application_id: str, tail: str = "") -> str:
    """The review page of an application."""
    return f"/review/applications/{platform_id(application_id)}{tail}"


def deposit_payment(application_id: str, amount: str = "10000.00") -> dict[str, str]:
    return {"payment_id": f"PAY-{application_id}", "amount": amount, "reference": f"transfer for {application_id}"}


async def pay_deposit(client: Any, admin_key: str, application_id: str, amount: str = "10000.00") -> None:
    """The platform records the deposit it received for the application (approval needs it)."""
    r = await client.post(app_path(application_id, "/deposit-payments"),
                          json=deposit_payment(application_id.split("@")[0], amount),
                          headers={"Authorization": f"Bearer {admin_key}"})
    assert r.status_code in (200, 201), r.text


def pay_deposit_to(url: str, admin_key: str, application_id: str) -> None:
    """pay_deposit against a served process."""
    import httpx
    r = httpx.post(f"{url}{app_path(application_id, '/deposit-payments')}",
                   json=deposit_payment(application_id.split("@")[0]), headers={"Authorization": f"Bearer {admin_key}"},
                   timeout=30)
    assert r.status_code in (200, 201), r.text
