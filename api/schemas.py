"""Request bodies: money as yuan text at the edge, converted to integer fen before any workflow sees it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from engine.fields import parse_yuan
from workflows.commission import LineInput

Yuan = Annotated[str, StringConstraints(pattern=r"^\d{1,13}(\.\d{1,2})?$")]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Category = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# The largest row id a database stores (a signed 64-bit integer): larger cursors are 422, not a driver error.
MAX_ROW_ID = 2**63 - 1
EARLIEST, LATEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC), dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


def _in_utc(value: dt.datetime) -> dt.datetime:
    """Found by the API fuzz: `0001-01-01T00:00:00+01:00` overflowed in astimezone (a 500), and a time near
    9999 overflows when a deadline is added to it. Times are refused outside 1970 to 2999."""
    try:
        value = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("the time is out of range (1970 to 2999)") from None
    if not EARLIEST <= value < LATEST:
        raise ValueError("the time is out of range (1970 to 2999)")
    return value


# Times arrive with any offset and are kept in UTC (SQLite compares stored times as text).
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_in_utc)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


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


class SellerCreate(Strict):
    seller_id: Id


class ShelfPut(Strict):
    supplier_id: Id | None = None
    category: Category
    price: Yuan


class OrderPut(Strict):
    seller_id: Id
    buyer_id: Id
    paid_at: UtcDatetime
    items: list[LineItem] = Field(min_length=1, max_length=1000)
    share_list_id: Id | None = Field(default=None, description="the shared shopping list the order came through")


class ShareListPost(Strict):
    share_list_id: Id = Field(description="the storefront's own id for the list; a replay changes nothing")
    consumer_id: Id = Field(description="the consumer who shares the list and earns the rewards")
    seller_id: Id = Field(description="the store whose goods the list holds")
    skus: list[Id] = Field(min_length=1, max_length=200)


class OrderEventPost(Strict):
    event_id: Id
    type: Literal["shipped", "receipt_confirmed", "refunded", "closed"]
    at: UtcDatetime
    amount: Yuan | None = Field(default=None, description="refunded amount in yuan; omit for a full refund")
    sku: Id | None = None


class SettlementRequest(Strict):
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


def utc(value: dt.datetime | None) -> dt.datetime:
    return (value or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
