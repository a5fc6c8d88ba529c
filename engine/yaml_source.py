"""YAML loading that remembers where every value came from.

PyYAML's `safe_load` forgets line numbers, silently keeps the last of two duplicate keys and turns an
unquoted `on:` into the boolean key True. Policy writers deserve better: this loader returns plain
Python data plus a map from each value's path to its (line, col), and reports duplicate and
non-string keys as diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from engine.errors import Diagnostic

Path = tuple[str | int, ...]
# libyaml's parser where PyYAML was built with it: the same nodes and marks, about ten times faster (a stored
# policy version is parsed again when a serving process takes it in, under load).
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NESTED_TOO_DEEP = ("YAML syntax error: the document nests too deep (collections inside collections, a few hundred "
                   "levels); no policy needs more than a few")


@dataclass
class SourceDoc:
    """A parsed YAML file: its data and the position of every node."""

    file: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def where(self, path: Path) -> tuple[int, int]:
        """The position of `path`, or of its closest ancestor that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def diag(self, path: Path, code: str, message: str) -> Diagnostic:
        line, col = self.where(path)
        return Diagnostic(self.file, line, col, code, message)


def load_source(file: str, text: str) -> SourceDoc:
    """Parse `text`; syntax errors become a `yaml_syntax` diagnostic with data None."""
    doc = SourceDoc(file=file, data=None)
    try:
        loader = SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                doc.data = _build(loader, node, (), doc)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        doc.problems.append(Diagnostic(file, line, col, "yaml_syntax", f"YAML syntax error: {problem}"))
        doc.data = None
    except RecursionError:  # a few hundred brackets deep: the walk below runs out of Python's stack
        doc.problems = [Diagnostic(file, 1, 1, "yaml_syntax", NESTED_TOO_DEEP)]
        doc.data = None
    return doc


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path, doc: SourceDoc,
           open_nodes: frozenset[int] = frozenset()) -> Any:
    if id(node) in open_nodes:  # an alias inside its own anchor: the data would be infinite
        doc.problems.append(Diagnostic(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                       "yaml_syntax", "an alias refers to the anchor it is inside of"))
        return None
    if len(doc.positions) > 200_000:
        if any(p.code == "yaml_syntax" for p in doc.problems):
            return None
        doc.problems.append(Diagnostic(doc.file, node.start_mark.line + 1, 1, "yaml_syntax",
                                       "the document expands to more than 200,000 values (nested aliases?)"))
        return None
    open_nodes = open_nodes | {id(node)}
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        explicit = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
        loader.flatten_mapping(node)  # `<<: *anchor` merges: explicit keys override merged ones
        out: dict[str, Any] = {}
        from_merge: set[str] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key, str):
                doc.problems.append(Diagnostic(
                    doc.file, kline, kcol, "non_string_key",
                    f"key {key_node.value!r} is read as {type(key).__name__} {key!r}; quote it "
                    f"(YAML turns unquoted on/off/yes/no into booleans)"))
                continue
            if key in out:
                if key in from_merge and id(key_node) in explicit:
                    from_merge.discard(key)  # an explicit key overrides the merged one
                elif id(key_node) not in explicit:
                    continue  # a later merge never overrides
                else:
                    doc.problems.append(Diagnostic(
                        doc.file, kline, kcol, "duplicate_key", f"key {key!r} appears twice in the same mapping"))
                    continue
            elif id(key_node) not in explicit:
                from_merge.add(key)
            out[key] = _build(loader, value_node, (*path, key), doc, open_nodes)
            doc.positions[(*path, key)] = (kline, kcol)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), doc, open_nodes) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
