"""What the service needs of the outputs it reads, in range: an example paying more than its line fails
whatever it expects, the lint shows an input that breaks a range, `xiaopu test` and publish refuse both, and
a policy cannot escape the check by no longer declaring the input a bound is read against."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from engine import Evaluator, examples
from engine.contract import check_contract
from engine.examples import run_examples
from engine.lint import lint
from engine.loader import load_policy_bundle, load_policy_set, policy_bundle
from workflows.policies.contract import SERVICE_CONTRACT, SERVICE_RANGES
from workflows.policies.soundness import PolicyRejected, checked_policy_set

ROOT = Path(__file__).resolve().parents[2]
FRUIT = 'then: {rate_bp: "17.99%", commission: {rate: "17.99%", of: line_amount}, basis: program_rate}'
FIXED = 'then: {rate_bp: "17.99%", commission: "5.20", basis: program_rate}'  # RMB 5.20 whatever the line
EXAMPLES = "    examples:\n"
CHEAP = """      - name: a cheap bag of fruit
        facts: {category: fresh_fruit, price: "2.00", quantity: 1}
        expect: {outputs: {commission: "5.20"}, fired: [fresh_fruit_rate]}
"""
ABOVE = "commission 5.20 is above line_amount (2.00): the service needs commission between 0.00 and line_amount"


def fixed_commission(example: str = "") -> dict[str, str]:
    """The fruit rule paying a fixed RMB 5.20 per line (only the apples example still passes), with `example`."""
    files = policy_bundle(load_policy_set(ROOT))
    text = files["rules/commission.yaml"]
    assert FRUIT in text and EXAMPLES in text
    files["rules/commission.yaml"] = text.replace(FRUIT, FIXED, 1).replace(EXAMPLES, EXAMPLES + example, 1)
    return files


def test_the_shipped_set_keeps_every_range() -> None:
    pset = load_policy_set(ROOT)
    assert run_examples(Evaluator(pset), SERVICE_RANGES).passed
    assert lint(pset, SERVICE_RANGES) == []


def test_an_example_paying_more_than_its_line_fails_though_it_expects_it() -> None:
    evaluator = Evaluator(load_policy_bundle(fixed_commission(CHEAP)))

    def cheap(report: examples.TestReport) -> list[str]:
        return next(r.problems for r in report.results if r.name == "a cheap bag of fruit")
    assert cheap(run_examples(evaluator)) == []  # it gets what it expects ...
    assert cheap(run_examples(evaluator, SERVICE_RANGES)) == [ABOVE]  # ... but not what the service needs


def test_the_lint_shows_an_input_that_breaks_a_range() -> None:
    pset = load_policy_bundle(fixed_commission())
    assert lint(pset) == []  # nothing else is wrong with the set
    [finding] = lint(pset, SERVICE_RANGES)
    assert finding.code == "lint_out_of_range"
    assert (finding.file, finding.line) == ("rules/commission.yaml", pset.policies["commission"].rule(
        "fresh_fruit_rate").line)
    assert finding.message == ("commission: commission 5.20 is above line_amount (1.00): the service needs "
                               "commission between 0.00 and line_amount (rule 'fresh_fruit_rate')")
    assert finding.example == {"category": "fresh_fruit", "line_amount": "1.00", "price": "1.00", "quantity": "1"}


def test_publish_and_xiaopu_test_refuse_a_set_that_breaks_a_range(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    files = fixed_commission(CHEAP)
    with pytest.raises(PolicyRejected) as caught:
        checked_policy_set(files)
    problems = caught.value.extra["problems"]
    assert any(": example_failed: commission: a cheap bag of fruit: " + ABOVE in p for p in problems), problems
    assert any(": lint_out_of_range: " in p for p in problems), problems
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    assert main(["test", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert ABOVE in out and "lint_out_of_range" in out
    assert main(["lint", str(tmp_path)]) == 1


def test_a_range_read_against_an_input_the_policy_does_not_declare_is_refused() -> None:
    pset = load_policy_set(ROOT)
    assert check_contract(pset, SERVICE_CONTRACT, ranges=SERVICE_RANGES) == []
    [broken] = check_contract(pset, SERVICE_CONTRACT, ranges={"commission": {"commission": ("0.00", "order_total")}})
    assert broken.code == "contract_range_input"
    assert "checked against input 'order_total', which the policy does not declare" in broken.message
