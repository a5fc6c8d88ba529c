"""The service's contract with the policy set: a consistent rename of an output the service reads, or a
deleted policy it evaluates, is refused with a diagnostic naming what the service needs."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from cli.main import main
from engine.contract import check_contract
from engine.loader import load_policy_bundle, load_policy_set, policy_bundle
from workflows.policies.contract import SERVICE_CONTRACT, SERVICE_INPUTS
from workflows.policies.soundness import PolicyRejected, checked_policy_set

ROOT = Path(__file__).resolve().parents[2]


def _shipped() -> dict[str, str]:
    return policy_bundle(load_policy_set(ROOT))


def test_shipped_set_meets_the_contract() -> None:
    assert check_contract(load_policy_set(ROOT), SERVICE_CONTRACT, SERVICE_INPUTS) == []


# A reward per recruited shopkeeper, written without the `basis: recruitment` tag the guard rail reads.
RECRUIT_INPUT = "      supplier_amount: {type: money, optional: true,"
RECRUIT_RULE = "    table:\n"


def _per_recruit_reward(tag: str = "") -> dict[str, str]:
    files = _shipped()
    text = files["rules/commission.yaml"]
    assert RECRUIT_INPUT in text and RECRUIT_RULE in text
    text = text.replace(RECRUIT_INPUT, "      shopkeepers_invited: {type: integer, optional: true" + tag +
                        ", description: shopkeepers the seller invited}\n" + RECRUIT_INPUT, 1)
    text = text.replace(RECRUIT_RULE, "      - id: invite_bonus\n        description: three invites earn 30%.\n"
                         "        when: {shopkeepers_invited: {gte: 3}}\n        then: {rate_bp: '30%', commission: "
                         "{rate: '30%', of: line_amount}, basis: program_rate}\n" + RECRUIT_RULE, 1)
    assert "invite_bonus" in text
    files["rules/commission.yaml"] = text
    return files


def test_a_reward_per_recruit_is_refused_with_or_without_its_tag() -> None:
    """The tagged one fails the guard rail; the untagged one reads an input the service never provides."""
    tagged = _per_recruit_reward(", basis: recruitment")
    with pytest.raises(PolicyRejected) as caught:
        checked_policy_set(tagged)
    assert any(": guardrail_per_recruit_reward: " in p for p in caught.value.extra["problems"])
    untagged = _per_recruit_reward()
    with pytest.raises(PolicyRejected) as caught:
        checked_policy_set(untagged)
    problems = caught.value.extra["problems"]
    assert any(": contract_input_unknown: " in p and "'shopkeepers_invited'" in p for p in problems), problems
    assert check_contract(load_policy_bundle(untagged), SERVICE_CONTRACT) == []  # what let it through before


def test_an_input_of_another_type_than_the_service_provides_is_refused() -> None:
    pset = copy.deepcopy(load_policy_set(ROOT))  # the loaded set is shared (cached): change a copy
    inputs = pset.policies["commission"].inputs
    inputs["quantity"] = dataclasses.replace(inputs["quantity"], type="money")
    found = check_contract(pset, SERVICE_CONTRACT, SERVICE_INPUTS)
    assert [d.code for d in found] == ["contract_input_type"] and "'quantity'" in found[0].message


def test_consistent_rename_of_a_read_output_is_refused() -> None:
    files = _shipped()
    rel = next(k for k, v in files.items() if "lock_after_days" in v)
    files[rel] = files[rel].replace("lock_after_days", "lock_days")
    pset = load_policy_bundle(files)  # consistent: the set alone is valid
    found = check_contract(pset, SERVICE_CONTRACT)
    assert [d.code for d in found] == ["contract_output_missing"]
    assert "'lock_after_days'" in found[0].message and "commission_lock" in found[0].message
    assert found[0].file == rel and found[0].line > 1


def test_deleted_policy_is_refused() -> None:
    files = _shipped()
    rel = next(k for k, v in files.items() if "id: commission_lock" in v)
    text = files[rel]
    start = text.index("  - id: commission_lock")
    end = text.find("\n  - id:", start + 1)
    files[rel] = text[:start] + (text[end + 1:] if end != -1 else "")
    found = check_contract(load_policy_bundle(files), SERVICE_CONTRACT)
    assert [d.code for d in found] == ["contract_policy_missing"]
    assert "commission_lock" in found[0].message



def test_publish_check_refuses_a_set_that_breaks_the_contract() -> None:
    files = _shipped()
    rel = next(k for k, v in files.items() if "lock_after_days" in v)
    files[rel] = files[rel].replace("lock_after_days", "lock_days")
    with pytest.raises(PolicyRejected) as caught:
        checked_policy_set(files)
    assert any("contract_output_missing" in p and "lock_after_days" in p for p in caught.value.extra["problems"])


def test_validate_and_test_commands_refuse_a_deleted_policy(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    files = _shipped()
    rel = next(k for k, v in files.items() if "id: commission_lock" in v)
    text = files[rel]
    start = text.index("  - id: commission_lock")
    end = text.find("\n  - id:", start + 1)
    files[rel] = text[:start] + (text[end + 1:] if end != -1 else "")
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    for command in ("validate", "test"):
        assert main([command, str(tmp_path)]) == 1
        assert "policies.yaml:1:1: contract_policy_missing: the service evaluates policy 'commission_lock'" \
            in capsys.readouterr().err
