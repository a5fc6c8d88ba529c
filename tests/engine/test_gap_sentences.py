"""Near-miss sentences are arithmetically right for every comparison operator, in the field's unit, and
grammatical in the singular and the plural."""

from __future__ import annotations

import pytest

from engine.conditions import Compare
from engine.reference import trace
from workflows.sellers.tiers import missing_reason


def gap(op: str, limit: int, actual: int, ftype: str = "integer") -> str | None:
    [check] = trace(Compare("n", op, limit), {"n": actual}, {"n": ftype})
    assert not check.passed
    return check.gap


@pytest.mark.parametrize(("op", "limit", "actual", "expected"), [
    pytest.param("gte", 5, 3, "short by 2", id="gte-below"),
    pytest.param("gt", 3, 3, "needs 1 more", id="gt-equal"),
    pytest.param("gt", 5, 3, "needs 3 more", id="gt-below"),
    pytest.param("lte", 5, 7, "over by 2", id="lte-above"),
    pytest.param("lt", 3, 3, "needs 1 less", id="lt-equal"),
    pytest.param("lt", 3, 5, "needs 3 less", id="lt-above"),
    pytest.param("eq", 5, 3, "short by 2", id="eq-below"),
    pytest.param("eq", 5, 7, "over by 2", id="eq-above"),
    pytest.param("ne", 5, 5, None, id="ne-has-no-distance"),
])
def test_every_operator_says_how_far_and_which_way(op: str, limit: int, actual: int, expected: str | None) -> None:
    assert gap(op, limit, actual) == expected


@pytest.mark.parametrize(("ftype", "op", "limit", "actual", "expected"), [
    pytest.param("money", "gte", 100_000_000, 99_999_999, "short by RMB 0.01", id="money"),
    pytest.param("rate", "lte", 200, 201, "over by 0.01%", id="rate"),
    pytest.param("date", "gte", 10, 9, "short by 1 day", id="one-day"),
    pytest.param("date", "gte", 10, 7, "short by 3 days", id="days"),
])
def test_the_distance_is_in_the_fields_unit(ftype: str, op: str, limit: int, actual: int, expected: str) -> None:
    assert gap(op, limit, actual, ftype) == expected


@pytest.mark.parametrize(("field", "op", "limit", "actual", "expected"), [
    pytest.param("distinct_buyers", "gte", 3, 2, "1 more distinct buyer", id="singular"),
    pytest.param("distinct_buyers", "gte", 3, 1, "2 more distinct buyers", id="plural"),
    pytest.param("qualifying_transactions", "gt", 4, 4, "1 more qualifying transaction", id="strict-singular"),
    pytest.param("qualifying_transactions", "gte", 5, 2, "3 more qualifying transactions", id="strict-plural"),
    pytest.param("business_address", "gte", 2, 1, "1 more business address", id="double-s-stays"),
])
def test_missing_requirements_read_as_sentences(field: str, op: str, limit: int, actual: int, expected: str) -> None:
    [check] = trace(Compare(field, op, limit), {field: actual}, {field: "integer"})
    assert missing_reason(check) == expected


def test_a_ceiling_is_described_with_its_test_not_as_more() -> None:
    [check] = trace(Compare("panel_size", "lt", 3), {"panel_size": 3}, {"panel_size": "integer"})
    assert missing_reason(check) == "panel size must be < 3 (now 3)"
    assert check.gap == "needs 1 less"
