"""The unified social credit code's check character (GB 32100-2015) is verified, naming the expected one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.commerce.helpers import bearer
from tests.onboarding.helpers import application
from workflows.suppliers.credit_code import check_character, credit_code_problem


@pytest.mark.parametrize("code", [
    pytest.param("91350100M000100Y43", id="published-example"),
    pytest.param("91110000600037341L", id="letter-check"),
    pytest.param("91330100MA2AXXXX07", id="the-tests-supplier"),
    pytest.param("12100000400000770U", id="public-institution"),
])
def test_valid_codes_pass(code: str) -> None:
    assert check_character(code[:17]) == code[17]
    assert credit_code_problem(code) is None


@pytest.mark.parametrize(("code", "expected"), [
    pytest.param("91350100M000100Y44", "3", id="last-digit"),
    pytest.param("91330100MA2AXXXX0X", "7", id="letter-instead-of-digit"),
    pytest.param("91350100M000100Z43", None, id="a-forbidden-letter"),
    pytest.param("9135010", None, id="too-short"),
])
def test_a_changed_character_fails_naming_the_expected_one(code: str, expected: str | None) -> None:
    problem = credit_code_problem(code)
    assert problem is not None
    if expected:
        assert problem == f"the check character of {code} should be {expected} (GB 32100-2015), not {code[17]}"
    else:
        assert "not 18 characters of the national alphabet" in problem


async def test_an_application_with_a_wrong_check_character_fails_its_requirement(client: Any, make_key: Any) -> None:
    key = await make_key("supplier", party="SUP-91330100MA2AXXXX0X")
    r = await client.post("/v1/supplier-applications", headers=bearer(key),
                          json=application("APP-CC", uscc="91330100MA2AXXXX0X"))
    [req] = [q for q in r.json()["requirements"] if q["id"] == "uscc_well_formed"]
    assert req["verdict"] == "fail"
    assert req["message"] == "the check character of 91330100MA2AXXXX0X should be 7 (GB 32100-2015), not X"
