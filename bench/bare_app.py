"""The baseline for bench/api.py: a bare FastAPI endpoint with the same request model and no rules,
no database and no authentication. What the product adds per quote is the difference."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from api.commission.schemas import QuoteRequest

app = FastAPI()


@app.post("/v1/commission/quotes")
async def quote(body: QuoteRequest) -> dict[str, Any]:
    items = [{"sku": i.sku, "commission": "0.00", "rules": [], "explanation": ""} for i in body.items]
    return {"policy_version": "bare", "items": items, "total_commission": "0.00"}
