"""Request bodies of quotes, orders, order events and settlements."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from api.common.schemas import Category, Id, Strict, UtcDatetime, Yuan
from engine.fields import MONEY_LIMIT_FEN, format_yuan, parse_yuan
from workflows.commission.line_commission import LineInput


class SupplierCommission(Strict):
    rate_bp: int | None = Field(default=None, ge=0, le=10_000, description="rate in basis points")
    amount: Yuan | None = Field(default=None, description="fixed commission per unit, yuan")

    @model_validator(mode="after")
    def one_of(self) -> SupplierCommission:
        if (self.rate_bp is None) == (self.amount is None):
            raise ValueError("give exactly one of rate_bp or amount")
        return self


class LineItem(Strict):
    sku: Id
    category: Category
    price: Yuan = Field(description="unit price in yuan, e.g. 28.90")
    quantity: int = Field(default=1, ge=1, le=100_000)
    supplier_id: Id | None = None
    commission: SupplierCommission | None = None

    @model_validator(mode="after")
    def within_the_program(self) -> LineItem:
        price = parse_yuan(self.price)
        if price * self.quantity > MONEY_LIMIT_FEN:
            raise ValueError(f"price x quantity exceeds the program's limit of RMB {format_yuan(MONEY_LIMIT_FEN)} "
                             "per line")
        c = self.commission
        if c is not None and c.amount is not None and parse_yuan(c.amount) > price:
            raise ValueError("a commission per unit cannot exceed the unit price")
        return self

    def to_line(self) -> LineInput:
        c = self.commission
        return LineInput(sku=self.sku, category=self.category, price_fen=parse_yuan(self.price),
                         quantity=self.quantity, supplier_id=self.supplier_id,
                         supplier_rate_bp=c.rate_bp if c else None,
                         supplier_amount_fen=parse_yuan(c.amount) if c and c.amount else None)


class QuoteRequest(Strict):
    seller_id: Id | None = None
    as_of: UtcDatetime | None = None
    items: list[LineItem] = Field(min_length=1, max_length=1000)


class OrderPut(Strict):
    seller_id: Id
    buyer_id: Id
    paid_at: UtcDatetime
    items: list[LineItem] = Field(min_length=1, max_length=1000)
    share_list_id: Id | None = Field(default=None, description="the shared shopping list the order came through")


class OrderEventPost(Strict):
    event_id: Id
    type: Literal["shipped", "receipt_confirmed", "refunded", "closed"]
    at: UtcDatetime
    amount: Yuan | None = Field(default=None, description="refunded amount in yuan; omit for a full refund (only on "
                                "`refunded`)")
    sku: Id | None = Field(default=None, description="the item refunded; omit for the whole order (only on "
                           "`refunded`)")

    @field_validator("amount", "sku")
    @classmethod
    def on_refunds_only(cls, value: str | None, info: ValidationInfo) -> str | None:
        """An item or an amount means something on a refund only: a close naming one item closed the whole order."""
        kind = info.data.get("type")
        if value is not None and kind not in (None, "refunded"):
            raise PydanticCustomError("refund_only", "given on a refund only: {kind} applies to the whole order",
                                      {"kind": kind})
        return value


class SettlementRequest(Strict):
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
