"""Decision tables of a draft as editable grids: what a grid shows of a rule file, and a grid's edits written
back into the file's text through the round-trip layout (engine/layout.py), so that only the edited value
changes in the file: comments, key order, flow style and quotes stay.

A cell holds what the file says, in YAML flow words: `fresh_fruit`, `[snacks, beverages]`,
`{in_group: food_health}`, `{gte: "100.00", lt: "500.00"}`; an output `17.99%` or `{rate: 17.99%, of: line_amount}`
(whose rate is a cell of its own). A scalar typed into a cell takes the type of its column: money and rates are
written as quoted text ("16%", "4.62"), integers and booleans as such. Whether the value is right for the column
is the validator's to say, with the line of the cell.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from engine import layout
from engine.model import HIT_POLICIES
from workflows.common.errors import InvalidInput

QUOTED_TYPES = ("money", "rate", "datetime")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_%.\- ]*$")


@dataclass
class Cell:
    name: str  # the column (an input) or the output
    text: str  # the value in YAML flow words ("" for a column the row leaves open)
    line: int  # of the cell in the file (the row's line when the row leaves it open)
    col: int = 1  # of its key
    rate: str | None = None  # an output `{rate: R, of: amount}`: R, editable alone
    of: str | None = None


@dataclass
class Row:
    id: str
    description: str
    line: int
    end: int  # the last line of the row
    conditions: list[Cell]
    outputs: list[Cell]


@dataclass
class Example:
    name: str
    line: int
    end: int
    facts: str
    expected: list[Cell]


@dataclass
class Grid:
    """One policy of a rule file: its table (when it has one), hit policy, default and examples."""

    policy: str
    title: str
    file: str
    line: int
    end: int
    hit_policy: str
    inputs: dict[str, str]  # name -> type, of the inputs a caller gives
    outputs: dict[str, str]
    columns: list[str]
    choices: dict[str, list[str]] = field(default_factory=dict)  # an enum column's values
    rows: list[Row] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the ids of rules written as rules (edited as YAML)
    default: list[Cell] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)


def flow(value: Any) -> str:
    """A value in YAML flow words, on one line."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = str(value)
    if isinstance(value, str) and (isinstance(value, ScalarString) or not _PLAIN.match(text)):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _shown(value: Any) -> str:
    """A cell's text: a scalar as typed (no quotes), anything else in flow words."""
    if isinstance(value, Mapping | list):
        return flow(value)
    return "" if value is None else flow(value).strip('"') if isinstance(value, str) else flow(value)


def _line(node: Any, key: Any, fallback: int) -> int:
    return _where(node, key, fallback)[0]


def _where(node: Any, key: Any, fallback: int) -> tuple[int, int]:
    """The line and column (1-based) of `key` in the mapping `node`."""
    try:
        line, col = node.lc.key(key)
        return int(line) + 1, int(col) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return fallback, 1


def _output_cell(name: str, value: Any, where: tuple[int, int]) -> Cell:
    line, col = where
    if isinstance(value, Mapping) and set(value) == {"rate", "of"} and not isinstance(value["rate"], Mapping):
        return Cell(name, flow(value), line, col, rate=_shown(value["rate"]), of=str(value["of"]))
    return Cell(name, _shown(value), line, col)


def _given(node: Any) -> dict[str, str]:
    """The inputs a caller gives (the derived ones are computed)."""
    return {k: t for k, t in _types(node).items() if not (isinstance(node[k], Mapping) and "derived" in node[k])}


def _map(node: Any, key: str) -> Any:
    value = node.get(key) if isinstance(node, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _seq(node: Any, key: str) -> Any:
    value = node.get(key) if isinstance(node, Mapping) else None
    return value if isinstance(value, list) else []


def _types(node: Any) -> dict[str, str]:
    if not isinstance(node, Mapping):
        return {}
    return {str(k): str(v.get("type", "")) if isinstance(v, Mapping) else "" for k, v in node.items()}


# Grids, groups and data are pure functions of a file's text, worked out once for the texts seen last: every page
# of a draft shows all its grids, and a round-trip parse of a rule file costs tens of milliseconds. Callers get
# their own copies.
_TEXTS_KEPT = 64


def taxonomy(manifest: str) -> dict[str, list[str]]:
    """The manifest's category groups and their categories ({} when it cannot be read): what a category cell
    offers."""
    return copy.deepcopy(_taxonomy(manifest))


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _taxonomy(manifest: str) -> dict[str, list[str]]:
    try:
        doc = layout.load(manifest)
    except YAMLError:
        return {}
    groups = _map(doc, "taxonomy")
    return {str(g): [str(c) for c in _seq(node, "categories")] for g, node in groups.items()}


def grids(path: str, text: str) -> list[Grid]:
    """The policies of a rule file as grids; [] when the text is no readable rule file (the raw editor shows
    why)."""
    return copy.deepcopy(_grids(path, text))


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _grids(path: str, text: str) -> list[Grid]:
    try:
        doc = layout.load(text)
    except YAMLError:
        return []
    policies = doc.get("policies") if isinstance(doc, Mapping) else None
    if not isinstance(policies, list):
        return []
    starts = [int(p.lc.line) + 1 if hasattr(p, "lc") else 0 for p in policies]
    ends = [s - 1 for s in starts[1:]] + [len(text.splitlines())]
    found = []
    for node, start, end in zip(policies, starts, ends, strict=True):
        if not isinstance(node, Mapping):
            continue
        table = _map(node, "table")
        grid = Grid(str(node.get("id", "")), str(node.get("title", "")), path, start, end,
                    str(node.get("hit_policy", "")), _given(node.get("inputs")), _types(node.get("outputs")),
                    [str(c) for c in table.get("columns") or [] if isinstance(c, str)])
        declared = _map(node, "inputs")
        grid.choices = {c: [str(v) for v in _seq(declared.get(c), "values")] for c in grid.columns
                        if isinstance(declared.get(c), Mapping) and declared[c].get("type") == "enum"}
        rows = _seq(table, "rows")
        row_lines = [int(r.lc.line) + 1 if hasattr(r, "lc") else start for r in rows]
        row_ends = [s - 1 for s in row_lines[1:]] + [_line(node, _next_key(node, "table"), end + 1) - 1]
        row_ends = row_ends[:len(rows)]
        for row, line, row_end in zip(rows, row_lines, row_ends, strict=True):
            if not isinstance(row, Mapping):
                continue
            then = _map(row, "then")
            grid.rows.append(Row(
                str(row.get("id", "")), str(row.get("description", "")), line, row_end,
                [Cell(c, _shown(row.get(c)), *_where(row, c, line)) for c in grid.columns],
                [_output_cell(o, then.get(o), _where(then, o, _line(row, "then", line))) for o in grid.outputs]))
        grid.rules = [str(r.get("id", "")) for r in node.get("rules") or [] if isinstance(r, Mapping)]
        default = _map(node, "default")
        default_line = _line(node, "default", start)
        grid.default = [_output_cell(o, default.get(o), _where(default, o, default_line)) for o in grid.outputs]
        examples = _seq(node, "examples")
        ex_lines = [int(e.lc.line) + 1 if hasattr(e, "lc") else start for e in examples]
        ex_ends = ([s - 1 for s in ex_lines[1:]] + [end])[:len(examples)]
        for ex, line, ex_end in zip(examples, ex_lines, ex_ends, strict=True):
            if not isinstance(ex, Mapping):
                continue
            expect = _map(ex, "expect")
            outputs = _map(expect, "outputs")
            expected = [Cell(str(k), _shown(v), *_where(outputs, k, line)) for k, v in outputs.items()]
            grid.examples.append(Example(str(ex.get("name", "")), line, ex_end, flow(ex.get("facts") or {}), expected))
        found.append(grid)
    return found


def _next_key(node: Mapping[str, Any], key: str) -> str:
    keys = list(node)
    return keys[keys.index(key) + 1] if key in keys and keys.index(key) + 1 < len(keys) else key


# --- edits ---------------------------------------------------------------------------------------------------

EDITS = ("set_cell", "add_row", "remove_row", "move_row", "set_hit_policy", "set_default", "set_expected")


def _missing(what: str) -> InvalidInput:
    return InvalidInput(f"{what} is not in the file", code="edit_target_missing")


def typed(text: str, type_: str) -> Any:
    """A cell's text as the YAML value of a column of `type_`; "" is None (the cell is left open)."""
    text = text.strip()
    if not text:
        return None
    try:
        value = layout.load(text)
    except YAMLError as exc:
        raise InvalidInput(f"{text!r} is not a value: {str(exc).splitlines()[0]}", code="cell_unreadable",
                           errors=[{"field": "value", "message": "write a value, a [list] or a {mapping}"}]) from None
    if isinstance(value, Mapping | list):
        return value
    bare = text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text
    if type_ in QUOTED_TYPES:
        return DoubleQuotedScalarString(bare)
    if type_ in ("integer", "boolean") and isinstance(value, int):
        return value
    return value if isinstance(value, str) else bare


def _like(old: Any, new: Any) -> Any:
    """`new` written as `old` was: a quoted scalar stays quoted, a flow mapping is updated in place."""
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = _like(old.get(key), value)
        if list(old) != list(new):
            for key in new:  # in the order typed
                old.move_to_end(key)
        return old
    if isinstance(old, ScalarString) and isinstance(new, str) and not isinstance(new, ScalarString):
        return type(old)(new)
    return new


def _set(node: Any, key: str, value: Any) -> None:
    """Set (None: remove) `key`; a new key of a row goes before its outputs (`then`)."""
    if value is None:
        node.pop(key, None)
    elif key not in node and "then" in node and isinstance(node, CommentedMap):
        node.insert(list(node).index("then"), key, value)
    else:
        node[key] = _like(node.get(key), value)


def _policy(doc: Any, policy_id: str) -> Any:
    for node in doc.get("policies") or [] if isinstance(doc, Mapping) else []:
        if isinstance(node, Mapping) and str(node.get("id")) == policy_id:
            return node
    raise _missing(f"policy {policy_id!r}")


def _rows(policy: Any) -> Any:
    table = policy.get("table")
    if not isinstance(table, Mapping) or not isinstance(table.get("rows"), list):
        raise _missing(f"a decision table of {policy.get('id')!r}")
    return table["rows"]


def _row_index(rows: Any, row_id: str) -> int:
    for i, row in enumerate(rows):
        if isinstance(row, Mapping) and str(row.get("id")) == row_id:
            return i
    raise _missing(f"row {row_id!r}")


def _output_value(node: Any, name: str, text: str, part: str | None, type_: str) -> Any:
    if part == "rate":
        current = node.get(name)
        if not isinstance(current, Mapping) or "rate" not in current:
            raise _missing(f"a rate of output {name!r}")
        rate = typed(text, "rate")
        if rate is None:
            raise InvalidInput("a rate cell needs a rate, e.g. 16%", code="cell_unreadable",
                               errors=[{"field": "value", "message": "must not be empty"}])
        updated = copy.copy(dict(current))
        updated["rate"] = rate
        return updated
    return typed(text, type_)


def apply_edit(text: str, edit: Mapping[str, Any]) -> str:
    """The file's text with one grid edit made; InvalidInput when the edit names nothing in the file or a cell's
    text is no YAML value."""
    try:
        doc = layout.load(text)
    except YAMLError:
        raise InvalidInput("the file is not readable YAML; correct it in the raw editor first",
                           code="file_unreadable") from None
    op = str(edit["op"])
    policy = _policy(doc, str(edit["policy"]))
    types = _types(policy.get("inputs")) | {}
    outputs = _types(policy.get("outputs"))
    if op == "set_hit_policy":
        value = str(edit.get("value", ""))
        if value not in HIT_POLICIES:
            raise InvalidInput(f"{value!r} is no hit policy; one of {', '.join(HIT_POLICIES)}",
                               code="edit_value_invalid", errors=[{"field": "value", "message": "unknown hit policy"}])
        policy["hit_policy"] = _like(policy.get("hit_policy"), value)
    elif op == "set_default":
        name = str(edit["column"])
        if name not in outputs:
            raise _missing(f"output {name!r}")
        if not isinstance(policy.get("default"), Mapping):
            policy["default"] = CommentedMap()
            policy["default"].fa.set_flow_style()
        _set(policy["default"], name, _output_value(policy["default"], name, str(edit.get("value", "")),
                                                    edit.get("part"), outputs[name]))
    elif op == "set_expected":
        example: Any = next((e for e in policy.get("examples") or []
                        if isinstance(e, Mapping) and str(e.get("name")) == str(edit["example"])), None)
        if example is None:
            raise _missing(f"example {edit['example']!r}")
        name = str(edit["column"])
        if name not in outputs:
            raise _missing(f"output {name!r}")
        expect = example.setdefault("expect", CommentedMap())
        outs = expect.setdefault("outputs", CommentedMap())
        _set(outs, name, typed(str(edit.get("value", "")), outputs[name]))
    else:
        rows = _rows(policy)
        if op == "add_row":
            _add_row(rows, str(edit["row"]), edit.get("after"), str(edit.get("value", "")).strip())
        elif op == "remove_row":
            del rows[_row_index(rows, str(edit["row"]))]
        elif op == "move_row":
            row = rows.pop(_row_index(rows, str(edit["row"])))
            rows.insert(max(0, min(int(edit.get("to") or 0), len(rows))), row)
        elif op == "set_cell":
            row = rows[_row_index(rows, str(edit["row"]))]
            name, value = str(edit["column"]), str(edit.get("value", ""))
            columns = [str(c) for c in policy["table"].get("columns") or []]
            if name in columns:
                _set(row, name, typed(value, types.get(name, "")))
            elif name in outputs:
                if not isinstance(row.get("then"), Mapping):
                    row["then"] = CommentedMap()
                    row["then"].fa.set_flow_style()
                _set(row["then"], name, _output_value(row["then"], name, value, edit.get("part"), outputs[name]))
            elif name == "description":
                _set(row, name, value.strip() or None)
            else:
                raise _missing(f"column or output {name!r}")
        else:
            raise InvalidInput(f"no edit {op!r}; one of {', '.join(EDITS)}", code="edit_value_invalid")
    return unchanged_where_same(text, layout.dump(doc))


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _data(text: str) -> str:
    return json.dumps(layout.load(text), default=str)


def unchanged_where_same(before: str, after: str) -> str:
    """`after` with the original lines kept where the writer only re-wrapped them (a long flow mapping it folds
    at another place): the file differs from its source only where the edit is. When keeping them would change
    what the file says, `after` as written."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    merged: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        same = tag == "equal" or "".join("".join(old[i1:i2]).split()) == "".join("".join(new[j1:j2]).split())
        merged += old[i1:i2] if same else new[j1:j2]
    text = "".join(merged)
    try:
        return text if _data(text) == _data(after) else after
    except YAMLError:
        return after


def _add_row(rows: Any, row_id: str, after: Any, description: str) -> None:
    """A row after `after` (default: last) with its id and description, the outputs of the row before it, and
    every column open (the author fills them in)."""
    if any(isinstance(r, Mapping) and str(r.get("id")) == row_id for r in rows):
        raise InvalidInput(f"the table has a row {row_id!r} already", code="row_id_taken",
                           errors=[{"field": "row", "message": "choose another id"}])
    at = _row_index(rows, str(after)) + 1 if after else len(rows)
    neighbour = rows[at - 1] if at > 0 else (rows[0] if len(rows) else None)
    row = CommentedMap()
    row["id"] = row_id
    if description:
        row["description"] = description
    then = copy.deepcopy(neighbour.get("then")) if isinstance(neighbour, Mapping) else None
    row["then"] = then if then is not None else CommentedMap()
    if isinstance(row["then"], CommentedMap):
        row["then"].fa.set_flow_style()
    rows.insert(at, row)

