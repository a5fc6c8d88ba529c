"""Structural checks on YAML mappings shared by the manifest and policy parsers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.errors import Diagnostic, did_you_mean
from engine.yaml_source import Path, SourceDoc


class Reporter:
    """Collects diagnostics for one source file."""

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.diagnostics: list[Diagnostic] = list(doc.problems)

    def __call__(self, path: Path, code: str, message: str) -> None:
        self.diagnostics.append(self.doc.diag(path, code, message))

    def line(self, path: Path) -> int:
        return self.doc.where(path)[0]

    def mapping(self, node: Any, path: Path, required: Iterable[str], optional: Iterable[str],
                what: str) -> dict[str, Any]:
        """Check that `node` is a mapping with the required keys and no unknown ones."""
        if not isinstance(node, dict):
            self(path, "wrong_type", f"{what} must be a mapping")
            return {}
        required, optional = tuple(required), tuple(optional)
        known = (*required, *optional)
        misspelt = set()
        for key in node:
            if key not in known:
                hint = did_you_mean(key, known)
                misspelt.add(hint)
                self((*path, key), "unknown_key", f"unknown key {key!r} in {what}{hint}")
        for key in required:
            if key not in node and f' (did you mean "{key}"?)' not in misspelt:  # one mistake, one report
                self(path, "missing_key", f"{what} needs {key!r}")
        return node

    def text(self, node: dict[str, Any], key: str, path: Path, default: str = "") -> str:
        value = node.get(key, default)
        if not isinstance(value, str):
            self((*path, key), "wrong_type", f"{key!r} must be text")
            return default
        return value

    def list_of(self, node: dict[str, Any], key: str, path: Path) -> list[Any]:
        value = node.get(key, [])
        if not isinstance(value, list):
            self((*path, key), "wrong_type", f"{key!r} must be a list")
            return []
        return value
