"""The canonical layout of policy files (engine.layout.canonical): same data, same comments, a fixed point."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.layout import WIDTH, LayoutError, canonical, dump, load

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [ROOT / "policies.yaml", *sorted((ROOT / "rules").glob("*.yaml"))]

ONE_LONG_LINE = """\
domain: demo   # the domain
policies:
  - id: demo
    examples:
      # the examples, one per line while they fit
      - {name: short, facts: {price: "28.90"}, expect: {outputs: {commission: "5.20"}, fired: [fruit]}}
      - {name: a long example that does not fit, facts: {price: "28.90", quantity: 3, category: fresh_fruit}, \
expect: {outputs: {commission: "15.60", basis: program_rate}, fired: [fresh_fruit_rate]}}
    description: a description written over
      two lines, as a plain scalar
    note: >
      folded text keeps
      its lines
"""


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_are_in_the_canonical_layout(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert canonical(text) == text


def test_a_long_flow_collection_becomes_block_and_its_children_stay_flow() -> None:
    laid_out = canonical(ONE_LONG_LINE)
    assert yaml.safe_load(laid_out) == yaml.safe_load(ONE_LONG_LINE)
    assert canonical(laid_out) == laid_out
    assert """\
      - {name: short, facts: {price: "28.90"}, expect: {outputs: {commission: "5.20"}, fired: [fruit]}}
      - name: a long example that does not fit
        facts: {price: "28.90", quantity: 3, category: fresh_fruit}
        expect: {outputs: {commission: "15.60", basis: program_rate}, fired: [fresh_fruit_rate]}
""" in laid_out
    assert "domain: demo   # the domain\n" in laid_out
    assert "      # the examples, one per line while they fit\n" in laid_out
    assert "    description: a description written over two lines, as a plain scalar\n" in laid_out
    assert "    note: >\n      folded text keeps\n      its lines\n" in laid_out
    assert all(len(line) <= WIDTH and line == line.rstrip() for line in laid_out.splitlines())


def test_dump_breaks_long_lines_where_canonical_does_not() -> None:
    # what ruamel.yaml does at width 120: a line broken inside the braces
    dumped = dump(load(ONE_LONG_LINE))
    assert any(line.endswith("expect: {") for line in dumped.splitlines())
    assert canonical(dumped) == canonical(ONE_LONG_LINE)


def test_a_long_scalar_is_never_broken() -> None:
    text = "description: " + " ".join(["word"] * 40) + "\nitems: [" + ", ".join(["an_item"] * 20) + "]\n"
    laid_out = canonical(text)
    assert laid_out.startswith(text.splitlines()[0] + "\n")  # 212 characters, one line
    assert laid_out.endswith("items:\n  - an_item\n" + "  - an_item\n" * 18 + "  - an_item\n")


def test_text_that_is_not_yaml_is_refused_where_validate_says() -> None:
    with pytest.raises(LayoutError) as err:
        canonical("domain: x\npolicies: [a, b\n", "rules/x.yaml")
    assert str(err.value.diagnostic).startswith("rules/x.yaml:3:1: yaml_syntax: YAML syntax error:")
    assert isinstance(err.value, ValueError) and err.value.code == "yaml_syntax"


def test_a_key_twice_is_refused_as_validate_reports_it() -> None:
    with pytest.raises(LayoutError) as err:
        canonical("domain: x\ndomain: y\n", "rules/x.yaml")
    assert str(err.value.diagnostic) == \
        "rules/x.yaml:2:1: duplicate_key: key 'domain' appears twice in the same mapping"


def test_an_empty_file_is_left_as_it_is() -> None:
    assert canonical("") == "" and canonical("# nothing yet\n") == "# nothing yet\n"
