"""The YAML layout of policy files as tools write them: the workbench's edits, `xiaopu fmt` and draft exports.

A round-trip reader and writer (ruamel.yaml): comments, key order, flow or block style and quotes survive an
edit, so a file changed in the workbench differs from its source only where the change is.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML

WIDTH = 120


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    """The document of a policy file, comments and layout kept (a CommentedMap for a rule file)."""
    return _yaml().load(text)


def dump(document: Any) -> str:
    """The text of a document read with `load`."""
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()
