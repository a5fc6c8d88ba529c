"""Fuzzing the policy loader: generated and mutated policy files never crash it.

Every input, however broken, is either accepted or rejected with PolicySetInvalid, and every diagnostic of a
rejection names a file of the set and a line and column inside that file (`file:line:col: code: message`).
Inputs: the shipped rules/ files mutated at the byte level (flips, truncations, insertions of hostile bytes,
non-UTF-8, line deletions and duplications) and at the structure level (a subtree of a shipped policy
replaced by generated YAML), and random YAML documents built from the policy format's own vocabulary. All
are loaded in-process from disk through the normal loader (engine/loader.py, engine/yaml_source.py).

The bounded default (XIAOPU_FUZZ_EXAMPLES, default 60 per test) keeps `make test` fast; raise it for a
longer hunt.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import PolicySetInvalid, load_policy_set
from engine.loader import MANIFEST, load_policy_bundle, policy_bundle

ROOT = Path(__file__).resolve().parents[2]
SHIPPED: dict[str, bytes] = {rel: text.encode() for rel, text in policy_bundle(load_policy_set(ROOT)).items()}
RULE_FILES = sorted(rel for rel in SHIPPED if rel != MANIFEST)
EXAMPLES = int(os.environ.get("XIAOPU_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PRINTED = re.compile(r"(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z_0-9]+): .+", re.S)
HOSTILE = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\t", b": ", b"- ", b"{", b"}", b"[", b"&a ", b"*a",
           b"<<: *a\n", b"!!python/object/apply:os.system ['true']", b"---\n", b"...\n", b"'", b'"', b"\r",
           b"\xef\xbb\xbf", b"? ", b"%YAML 1.1\n", b"!!binary ", b"2026-13-45", b"1e999", b"-0x1F", b"\\u"]


def lines_in(data: bytes) -> int:
    return data.count(b"\n") + 1


def check(files: Mapping[str, bytes]) -> str:
    """Load `files` from disk; 'accepted' or 'rejected', failing on anything else."""
    with tempfile.TemporaryDirectory() as tmp:
        for rel, data in files.items():
            path = Path(tmp, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        try:
            load_policy_set(tmp)
        except PolicySetInvalid as err:
            assert err.diagnostics, "a rejection says why"
            for d in err.diagnostics:
                m = PRINTED.fullmatch(str(d))
                assert m, str(d)
                assert d.file in files, f"{d}: names a file of the set"
                assert 1 <= d.line <= lines_in(files[d.file]) + 1 and d.col >= 1, f"{d}: a line inside {d.file}"
            return "rejected"
    return "accepted"


@st.composite
def byte_mutations(draw: st.DrawFn) -> dict[str, bytes]:
    files = dict(SHIPPED)
    for _ in range(draw(st.integers(1, 3))):
        rel = draw(st.sampled_from(sorted(files)))
        data = files[rel]
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete_line", "duplicate_line", "swap_lines"]))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif op == "truncate":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.sampled_from(HOSTILE) | st.binary(max_size=8)) + data[at:]
        else:
            lines = data.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "delete_line":
                del lines[i]
            elif op == "duplicate_line":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        files[rel] = data
    return files


VOCABULARY = ["id", "title", "purpose", "hit_policy", "inputs", "outputs", "rules", "when", "then", "default",
              "examples", "facts", "expect", "fired", "type", "values", "optional", "description", "derived",
              "product_of", "less", "table", "rows", "priority", "in_group", "field", "gte", "lt", "eq", "not",
              "any", "all", "from", "rate_bp", "category", "price", "money", "rate", "enum", "bool", "int",
              "text", "time", "first", "unique", "collect", "checklist", "reward", "rules_in_force_at", "policies",
              "domain"]
SCALARS = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True)
           | st.text(max_size=20) | st.sampled_from(VOCABULARY)
           | st.datetimes(timezones=st.just(dt.UTC)) | st.dates())
JUNK = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(VOCABULARY) | st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)


def subtree_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += subtree_paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += subtree_paths(value, (*path, i))
    return found


PARSED = {rel: yaml.safe_load(SHIPPED[rel]) for rel in SHIPPED}
PATHS = {rel: subtree_paths(doc)[1:] for rel, doc in PARSED.items()}


@st.composite
def structure_mutations(draw: st.DrawFn) -> dict[str, bytes]:
    rel = draw(st.sampled_from(sorted(PARSED)))
    doc = yaml.safe_load(SHIPPED[rel])  # a fresh copy
    path = draw(st.sampled_from(PATHS[rel]))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(JUNK)
    return {**SHIPPED, rel: yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()}


@given(files=byte_mutations())
@FUZZ
def test_byte_mutations_of_the_shipped_rules_are_accepted_or_rejected_with_lines(files: dict[str, bytes]) -> None:
    check(files)


@given(files=structure_mutations())
@FUZZ
def test_structure_mutations_of_the_shipped_rules_are_accepted_or_rejected_with_lines(
        files: dict[str, bytes]) -> None:
    check(files)


@given(doc=JUNK, policies=st.lists(JUNK, max_size=3))
@FUZZ
def test_generated_rule_files_are_accepted_or_rejected_with_lines(doc: Any, policies: list[Any]) -> None:
    as_file = {"domain": "commission", "policies": policies} if isinstance(doc, dict | None) else doc
    text = yaml.safe_dump(as_file, sort_keys=False, allow_unicode=True).encode()
    check({**SHIPPED, RULE_FILES[0]: text})


@given(text=st.text(max_size=300), rel=st.sampled_from(sorted(SHIPPED)))
@FUZZ
def test_arbitrary_text_as_any_file_is_accepted_or_rejected_with_lines(text: str, rel: str) -> None:
    check({**SHIPPED, rel: text.encode("utf-8", "surrogatepass")})


def test_the_shipped_set_itself_is_accepted() -> None:
    assert check(SHIPPED) == "accepted"


def test_bytes_that_are_not_utf8_are_reported_where_they_are() -> None:
    """Found by this fuzzer: a rule file with a Latin-1 byte was reported as `file_not_found` on the manifest,
    and a manifest with one raised UnicodeDecodeError out of the loader."""
    rule = RULE_FILES[0]
    data = SHIPPED[rule].split(b"\n")
    data[2] = data[2] + b" caf\xe9"
    with tempfile.TemporaryDirectory() as tmp:
        for rel, content in {**SHIPPED, rule: b"\n".join(data)}.items():
            Path(tmp, rel).parent.mkdir(parents=True, exist_ok=True)
            Path(tmp, rel).write_bytes(content)
        with pytest.raises(PolicySetInvalid) as err:
            load_policy_set(tmp)
        [found] = err.value.diagnostics
        assert (found.file, found.line, found.code) == (rule, 3, "not_utf8")
        assert found.col == len(data[2])  # the column of the offending byte
        Path(tmp, MANIFEST).write_bytes(b"policy_set: x\n\xff\n")
        with pytest.raises(PolicySetInvalid) as err:
            load_policy_set(tmp)
        [found] = err.value.diagnostics
        assert (found.file, found.line, found.col, found.code) == (MANIFEST, 2, 1, "not_utf8")


def test_text_with_a_lone_surrogate_is_not_utf8_not_a_crash() -> None:
    """A stored or published bundle arrives as text (JSON may carry `\\ud800`); it cannot be hashed as UTF-8."""
    texts = {rel: data.decode() for rel, data in SHIPPED.items()}
    for rel in (MANIFEST, RULE_FILES[0]):
        broken = {**texts, rel: texts[rel].replace("\n", "\n# \ud800\n", 1)}
        with pytest.raises(PolicySetInvalid) as err:
            load_policy_bundle(broken)
        assert [(d.file, d.line, d.col, d.code) for d in err.value.diagnostics] == [(rel, 2, 3, "not_utf8")]
