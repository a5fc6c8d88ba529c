"""What the service needs of the policy set: each policy it evaluates and each output it reads by name,
with the type it reads it as; and the inputs it provides to each policy it calls, with their types (a policy
may read nothing else). One place; `engine.contract.check_contract` refuses a set that breaks it."""

from __future__ import annotations

from engine.contract import Contract, InputContract
from engine.output_ranges import OutputRanges

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

# The facts each workflow passes (workflows/<domain>/...): nothing here is a count of people recruited, of
# downline sales or of the seller's own purchases, so no rule can pay or qualify on them (guard rails).
SERVICE_INPUTS: InputContract = {
    "commission": {"category": "category", "price": "money", "quantity": "integer", "refunded_amount": "money",
                   "line_amount": "money", "seller_tier": "enum", "supplier_rate_bp": "rate",
                   "supplier_amount": "money"},
    "commission_lock": {"category": "category"},
    "qualifying_transaction": {"receipt_confirmed": "boolean", "fully_refunded": "boolean", "self_purchase": "boolean"},
    "seller_tier": {"current_tier": "enum", "qualifying_transactions": "integer", "distinct_buyers": "integer"},
    "shelf_admission": {"shelf_count": "integer", "shelf_limit": "integer"},
    "supplier_entry": {"uscc": "text", "uscc_check_character_valid": "boolean", "entity_kind": "enum",
                       "registered_capital": "money", "taxpayer_type": "enum", "deposit_paid": "money",
                       "has_brand_authorization": "boolean", "authorization_chain_depth": "integer",
                       "authorizations_valid": "boolean", "vouchers_traceable": "boolean",
                       "categories_outside_core": "integer"},
    "deposit_standing": {"balance": "money", "required": "money", "days_underfunded": "integer"},
    "deposit_requirement": {"entity_kind": "enum"},
    "deposit_release": {"open_disputes": "integer"},
    "listing_parity": {"price": "money", "commission_rate_bp": "rate", "taoke_commission_rate_bp": "rate",
                       "lowest_other_price": "money"},
    "wanted_goods": {"category": "category", "gross_margin_bp": "rate", "repurchase_cycle_days": "integer",
                     "brand_recognized": "boolean", "price": "money"},
    "no_reason_return": {"category": "category", "days_since_receipt": "integer", "digital_opened": "boolean",
                         "order_paid_at": "datetime"},
    "after_sales_deadlines": {"step": "enum"},
    "dispute_lifecycle": {"state": "enum", "event": "enum", "actor": "enum", "case_type": "enum",
                          "appeals_made": "integer"},
    "campaign_terms": {},
    "share_to_earn_reward": {"paid_at": "datetime", "window_start": "datetime", "window_end": "datetime",
                             "category": "category", "line_amount": "money", "attributed": "boolean",
                             "self_purchase": "boolean"},
    "share_to_earn_order_cap": {"order_reward": "money"},
    "share_to_earn_allowance": {"sharer_earned": "money"},
    "maker_badge": {"panel_score": "integer", "panel_size": "integer", "dispute_rate_bp": "rate"},
}

# The ranges the service needs the outputs it reads in (a bound is a value in the output's unit or an input of
# the same decision): every example is checked against them and the lint searches for an input that breaks one.
SERVICE_RANGES: OutputRanges = {
    "commission": {"commission": ("0.00", "line_amount"), "rate_bp": ("0%", "100%")},
    "commission_lock": {"lock_after_days": (0, 365)},
    "seller_tier": {"shelf_limit": (0, None)},
    "deposit_requirement": {"required": ("0.00", None)},
    "after_sales_deadlines": {"hours": (1, 24 * 90)},
    "campaign_terms": {"budget_cap": ("0.00", None)},
}
