"""Every endpoint against every role: no key 401, a wrong role 403, the right role gets through.

The table is the access policy; an endpoint missing from it fails the suite.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.commerce.helpers import bearer

pytestmark = pytest.mark.asyncio

ROLES = ("storefront", "supplier", "reviewer", "policy_admin")
ANY = frozenset(ROLES)
ACCESS: dict[tuple[str, str], frozenset[str]] = {
    ("POST", "/v1/commission/quotes"): frozenset({"storefront"}),
    ("POST", "/v1/sellers"): frozenset({"storefront"}),
    ("GET", "/v1/sellers/{seller_id}"): frozenset({"storefront"}),
    ("PUT", "/v1/sellers/{seller_id}/shelf/{sku}"): frozenset({"storefront"}),
    ("DELETE", "/v1/sellers/{seller_id}/shelf/{sku}"): frozenset({"storefront"}),
    ("GET", "/v1/sellers/{seller_id}/commission-lines"): frozenset({"storefront"}),
    ("PUT", "/v1/orders/{order_id}"): frozenset({"storefront"}),
    ("GET", "/v1/orders/{order_id}"): frozenset({"storefront"}),
    ("POST", "/v1/orders/{order_id}/events"): frozenset({"storefront"}),
    ("POST", "/v1/settlements"): frozenset({"policy_admin"}),
    ("GET", "/v1/sellers/{seller_id}/statements/{period}"): frozenset({"storefront", "policy_admin"}),
    ("GET", "/v1/decisions/{decision_id}"): ANY,
    ("GET", "/v1/decisions/{decision_id}/verification"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/decisions"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/decisions/rule-counts"): frozenset({"reviewer", "policy_admin"}),
    ("POST", "/v1/jobs/tick"): frozenset({"policy_admin"}),
    ("GET", "/v1/whoami"): ANY,
    ("POST", "/v1/supplier-applications"): frozenset({"supplier"}),
    ("GET", "/v1/supplier-applications"): frozenset({"reviewer"}),
    ("GET", "/v1/supplier-applications/{application_id}"): frozenset({"reviewer", "supplier"}),
    ("POST", "/v1/supplier-applications/{application_id}/decision"): frozenset({"reviewer"}),
    ("POST", "/v1/supplier-applications/{application_id}/deposit-payments"): frozenset({"policy_admin"}),
    ("GET", "/v1/supplier-applications/{application_id}/deposit"): frozenset({"reviewer", "supplier", "policy_admin"}),
    ("GET", "/v1/supplier-applications/{application_id}/preview"): frozenset({"reviewer"}),
    ("POST", "/v1/suppliers/{supplier_id}/products"): frozenset({"supplier"}),
    ("PUT", "/v1/suppliers/{supplier_id}/products/{sku}/parity"): frozenset({"supplier", "policy_admin"}),
    ("GET", "/v1/suppliers/{supplier_id}/products/{sku}"): frozenset({"supplier", "storefront", "reviewer"}),
    ("POST", "/v1/suppliers/{supplier_id}/deposit/movements"): frozenset({"policy_admin"}),
    ("GET", "/v1/suppliers/{supplier_id}/deposit"): frozenset({"supplier", "reviewer", "policy_admin"}),
    ("POST", "/v1/disputes"): frozenset({"storefront"}),
    ("GET", "/v1/disputes"): frozenset({"supplier", "reviewer"}),
    ("POST", "/v1/disputes/{dispute_id}/events"): frozenset({"storefront", "supplier", "reviewer"}),
    ("GET", "/v1/disputes/{dispute_id}"): frozenset({"storefront", "supplier", "reviewer"}),
    ("POST", "/v1/policy-versions"): frozenset({"policy_admin"}),
    ("GET", "/v1/policy-versions"): frozenset({"reviewer", "policy_admin"}),
    ("POST", "/v1/policy-versions/rollback"): frozenset({"policy_admin"}),
    ("POST", "/v1/policy-versions/{ref}/activations"): frozenset({"policy_admin"}),
    ("GET", "/v1/policy-versions/{ref}"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/policy-proposals"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/policy-proposals/{proposal_id}"): frozenset({"reviewer", "policy_admin"}),
    ("POST", "/v1/policy-proposals/{proposal_id}/approval"): frozenset({"policy_admin"}),
    ("POST", "/v1/policy-proposals/{proposal_id}/rejection"): frozenset({"policy_admin"}),
    ("POST", "/v1/policy-activations/{activation_id}/cancellation"): frozenset({"policy_admin"}),
    ("GET", "/v1/policy-versions/{old}/diff/{new}"): frozenset({"reviewer", "policy_admin"}),
    ("PUT", "/v1/policy-shadow"): frozenset({"policy_admin"}),
    ("DELETE", "/v1/policy-shadow"): frozenset({"policy_admin"}),
    ("GET", "/v1/policy-shadow"): frozenset({"reviewer", "policy_admin"}),
    ("POST", "/v1/policy-drafts"): frozenset({"policy_admin"}),
    ("GET", "/v1/policy-drafts"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/policy-drafts/{draft_id}"): frozenset({"reviewer", "policy_admin"}),
    ("PUT", "/v1/policy-drafts/{draft_id}/files/{path}"): frozenset({"policy_admin"}),
    ("POST", "/v1/policy-drafts/{draft_id}/edits"): frozenset({"policy_admin"}),
    ("POST", "/v1/policy-drafts/{draft_id}/what-if"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/policy-drafts/{draft_id}/tree"): frozenset({"reviewer", "policy_admin"}),
    ("POST", "/v1/policy-drafts/{draft_id}/tree"): frozenset({"policy_admin"}),
    ("GET", "/v1/policy-drafts/{draft_id}/impact"): frozenset({"reviewer", "policy_admin"}),
    ("POST", "/v1/policy-drafts/{draft_id}/proposal"): frozenset({"policy_admin"}),
    ("POST", "/v1/badge-rounds"): frozenset({"reviewer"}),
    ("GET", "/v1/badge-rounds/{round_id}"): frozenset({"reviewer", "policy_admin"}),
    ("PUT", "/v1/badge-rounds/{round_id}/scores"): frozenset({"reviewer"}),
    ("POST", "/v1/badge-rounds/{round_id}/award"): frozenset({"reviewer", "policy_admin"}),
    ("GET", "/v1/merchants/{merchant_id}/badge"): frozenset({"storefront", "reviewer", "policy_admin"}),
    ("GET", "/v1/good-find"): ANY,
    ("POST", "/v1/share-lists"): frozenset({"storefront"}),
    ("GET", "/v1/share-lists/{share_list_id}"): frozenset({"storefront"}),
    ("GET", "/v1/campaigns/{campaign_id}"): frozenset({"storefront", "reviewer", "policy_admin"}),
    ("GET", "/v1/audit"): frozenset({"policy_admin"}),
    ("POST", "/v1/keys/{key_id}/revoke"): frozenset({"policy_admin"}),
    ("GET", "/metrics"): frozenset({"policy_admin"}),
}
PUBLIC = {("GET", "/healthz"), ("GET", "/v1/policy-format/schema")}  # the schema is for editors, which send no key
SAMPLE = {"seller_id": "S-MATRIX", "sku": "A", "order_id": "O-MATRIX", "period": "2026-11",
          "decision_id": "00000000-0000-0000-0000-000000000000", "application_id": "APP-MATRIX",
          "supplier_id": "SUP-MATRIX", "dispute_id": "D-MATRIX", "ref": "2026.11.0+000000000000",
          "old": "2026.11.0+000000000000", "new": "2026.11.0+111111111111", "round_id": "R-MATRIX",
          "merchant_id": "M-MATRIX", "share_list_id": "L-MATRIX", "campaign_id": "share_to_earn_1212",
          "key_id": "nokey", "proposal_id": "prop_matrix", "activation_id": "act_matrix",
          "draft_id": "D-MATRIX", "path": "rules/commission.yaml"}


def routes(app: Any) -> set[tuple[str, str]]:
    """Every operation the API publishes (its OpenAPI document lists them all)."""
    return {(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops}


async def test_every_endpoint_is_in_the_access_table(app: Any) -> None:
    assert routes(app) - PUBLIC == set(ACCESS)


@pytest.mark.parametrize(("method", "path"), sorted(ACCESS), ids=lambda v: str(v))
async def test_role_matrix(client: Any, make_key: Any, method: str, path: str) -> None:
    url = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)
    body = {} if method in ("POST", "PUT") else None
    anonymous = await client.request(method, url, json=body)
    assert anonymous.status_code == 401, (method, path)
    assert anonymous.headers.get("www-authenticate", "").lower().startswith("bearer")
    unknown = await client.request(method, url, json=body, headers=bearer("xpk_nope_nope"))
    assert unknown.status_code == 401
    for role in ROLES:
        r = await client.request(method, url, json=body, headers=bearer(await make_key(role)))
        if role in ACCESS[(method, path)]:
            assert r.status_code not in (401, 403), (method, path, role, r.text)
        else:
            assert r.status_code == 403, (method, path, role, r.status_code)
            assert r.json()["code"] == "forbidden"
