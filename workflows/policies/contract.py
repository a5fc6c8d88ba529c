"""What the service needs of the policy set: each policy it evaluates and each output it reads by name,
with the type it reads it as. One place; `engine.contract.check_contract` refuses a set that breaks it."""

from __future__ import annotations

from engine.contract import Contract

SERVICE_CONTRACT: Contract = {
    "commission": {"rate_bp": "rate", "commission": "money"},
    "commission_lock": {"lock_after_days": "integer"},
    "qualifying_transaction": {"qualifies": "boolean"},
    "seller_tier": {"tier": "enum", "shelf_limit": "integer"},
    "deposit_requirement": {"required": "money"},
    "deposit_standing": {"standing": "enum"},
    "deposit_release": {"allowed": "boolean", "reason": "text"},
    "no_reason_return": {"allowed": "boolean", "reason": "text"},
    "after_sales_deadlines": {"hours": "integer", "owed_by": "enum"},
    "campaign_terms": {"campaign": "text", "budget_cap": "money", "when_short": "enum",
                       "window_start": "datetime", "window_end": "datetime"},
}
