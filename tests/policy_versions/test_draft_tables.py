"""Grid edits written into a rule file's text: a typed cell takes its column's type (money and rates quoted, in
groups and ranges as mappings), a flow mapping is changed in place, a new column goes before the outputs, and the
grid places each cell on its line and column (where the diagnostics point)."""

from __future__ import annotations

import pytest
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from engine import layout
from workflows.common.errors import InvalidInput
from workflows.policies.draft_tables import apply_edit, flow, grids, taxonomy, typed, unchanged_where_same

RULES = """\
policies:
  - id: shipping
    title: Shipping fee
    hit_policy: first
    inputs:
      price: {type: money}
      region: {type: enum, values: [east, west]}
      items: {type: integer}
      total: {type: money, derived: {product_of: [price, items]}}
    outputs:
      fee: {type: money}
      discount: {type: rate}
    table:
      columns: [price, region]
      rows:
        - id: cheap_east   # the common case
          description: Cheap goods to the east.
          price: {lt: "50.00"}
          region: east
          then: {fee: "6.00", discount: "0%"}
    default: {fee: "12.00", discount: "0%"}
    examples:
      - name: a cheap parcel east
        facts: {price: "20.00", region: east, items: 1}
        expect: {outputs: {fee: "6.00"}}
"""


def test_a_cell_takes_its_columns_type() -> None:
    assert typed("16%", "rate") == "16%" and isinstance(typed("16%", "rate"), DoubleQuotedScalarString)
    assert isinstance(typed("28.90", "money"), DoubleQuotedScalarString) and typed('"28.90"', "money") == "28.90"
    assert typed("3", "integer") == 3 and typed("true", "boolean") is True
    assert typed("fresh_fruit", "category") == "fresh_fruit" and typed("", "money") is None
    assert dict(typed("{in_group: food_health}", "category")) == {"in_group": "food_health"}
    assert dict(typed('{gte: "100.00", lt: "500.00"}', "money")) == {"gte": "100.00", "lt": "500.00"}
    assert list(typed("[snacks, beverages]", "category")) == ["snacks", "beverages"]
    with pytest.raises(InvalidInput) as refused:
        typed("{in_group: food", "category")
    assert refused.value.code == "cell_unreadable"
    assert flow(layout.load('{rate: "16%", of: line_amount}')) == '{rate: "16%", of: line_amount}'


def test_edits_change_only_their_values_and_keep_the_layout() -> None:
    text = apply_edit(RULES, {"op": "set_cell", "policy": "shipping", "row": "cheap_east", "column": "price",
                              "value": '{gte: "10.00", lt: "60.00"}'})
    text = apply_edit(text, {"op": "set_cell", "policy": "shipping", "row": "cheap_east", "column": "fee",
                             "value": "5.50"})
    assert '          price: {gte: "10.00", lt: "60.00"}\n' in text
    assert '          then: {fee: "5.50", discount: "0%"}\n' in text
    assert "# the common case" in text
    text = apply_edit(text, {"op": "set_cell", "policy": "shipping", "row": "cheap_east", "column": "region",
                             "value": ""})  # any region
    assert "          region: east\n" not in text
    text = apply_edit(text, {"op": "set_cell", "policy": "shipping", "row": "cheap_east", "column": "region",
                             "value": "west"})
    assert '          price: {gte: "10.00", lt: "60.00"}\n          region: west\n          then:' in text
    text = apply_edit(text, {"op": "set_default", "policy": "shipping", "column": "fee", "value": "15.00"})
    assert 'default: {fee: "15.00", discount: "0%"}' in text
    text = apply_edit(text, {"op": "set_expected", "policy": "shipping", "example": "a cheap parcel east",
                             "column": "discount", "value": "0%"})
    assert 'expect: {outputs: {fee: "6.00", discount: "0%"}}' in text


def test_the_grid_places_cells_on_their_lines() -> None:
    [grid] = grids("rules/shipping.yaml", RULES)
    assert (grid.policy, grid.columns, grid.hit_policy) == ("shipping", ["price", "region"], "first")
    assert grid.choices == {"region": ["east", "west"]}  # what an enum cell offers
    assert grid.inputs == {"price": "money", "region": "enum", "items": "integer"}  # a caller gives these
    [row] = grid.rows
    assert (row.id, row.line, row.end) == ("cheap_east", 16, 20)
    assert [(c.name, c.text, c.line) for c in row.conditions] == [("price", '{lt: "50.00"}', 18),
                                                                  ("region", "east", 19)]
    assert [(c.name, c.text, c.line, c.col) for c in row.outputs] == [("fee", "6.00", 20, 18),
                                                                      ("discount", "0%", 20, 31)]
    assert [(c.name, c.text) for c in grid.default] == [("fee", "12.00"), ("discount", "0%")]
    assert [(e.name, e.line, [c.text for c in e.expected]) for e in grid.examples] == [
        ("a cheap parcel east", 23, ["6.00"])]
    assert grids("rules/x.yaml", "policies: [") == []
    assert taxonomy("taxonomy:\n  food: {title: Food, categories: [snacks, beverages]}\n") == {
        "food": ["snacks", "beverages"]}


def test_lines_the_writer_only_rewrapped_stay_as_they_were() -> None:
    before = "a: {x: 1,\n    y: 2}\nc: 3\nb: 1\n"
    assert unchanged_where_same(before, "a: {x: 1, y: 2}\nc: 3\nb: 2\n") == "a: {x: 1,\n    y: 2}\nc: 3\nb: 2\n"
    assert unchanged_where_same("a: 'x  y'\n", "a: 'x y'\n") == "a: 'x y'\n"  # a change in spaces is a change


def test_grids_of_a_text_seen_before_are_the_same_and_each_callers_own() -> None:
    first = grids("rules/shipping.yaml", RULES)
    first[0].rows[0].conditions[0].text = "changed by one page"
    first[0].rows.clear()
    again = grids("rules/shipping.yaml", RULES)
    assert [r.id for r in again[0].rows] == ["cheap_east"]
    assert again[0].rows[0].conditions[0].text == '{lt: "50.00"}'
    groups = taxonomy("taxonomy:\n  food: {categories: [snacks]}\n")
    groups["food"].append("changed")
    assert taxonomy("taxonomy:\n  food: {categories: [snacks]}\n") == {"food": ["snacks"]}
