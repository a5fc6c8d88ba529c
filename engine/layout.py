"""The YAML layout of policy files as tools write them: the workbench's edits, `xiaopu fmt` and draft exports.

A round-trip reader and writer (ruamel.yaml): comments, key order, flow or block style and quotes survive an
edit, so a file changed in the workbench differs from its source only where the change is.

`canonical(text)` is the one layout of a file (docs/policy-format.md, "Layout"): what `dump` writes, except
that no line is ever broken by the writer: a flow collection (`{...}`, `[...]`) whose line would be longer
than WIDTH is written in block style instead (its own flow children again kept on one line when they fit), and
a scalar stays on its line whatever its length. ruamel.yaml breaks long lines anywhere, inside braces or in
the middle of a description, leaving spaces at line ends.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from engine.errors import Diagnostic, PolicyError
from engine.yaml_source import NESTED_TOO_DEEP, load_source

WIDTH = 120
# Lines are measured once written without any break: no file has a line this long.
_UNBROKEN = 1_000_000


class LayoutError(PolicyError, ValueError):
    """A text that is not YAML cannot be laid out; `diagnostic` says where (`file:line:col: yaml_syntax: ...`, or
    duplicate_key for a key twice in a mapping)."""

    status = 422
    code = "yaml_syntax"

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message, code=diagnostic.code)
        self.diagnostic = diagnostic


def _yaml(width: int = WIDTH) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = width
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class NestedTooDeep(YAMLError):
    """A text nested deeper than ruamel.yaml's reader follows (it recurses: a few hundred levels)."""


def load(text: str) -> Any:
    """The document of a policy file, comments and layout kept (a CommentedMap for a rule file); NestedTooDeep, a
    YAMLError, when the text nests deeper than the reader follows."""
    try:
        return _yaml().load(text)
    except RecursionError:
        raise NestedTooDeep(NESTED_TOO_DEEP) from None


def dump(document: Any) -> str:
    """The text of a document read with `load`."""
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def canonical(text: str, file: str = "<text>") -> str:
    """The canonical layout of one policy file's text: same data, same comments; idempotent.

    Raises LayoutError (code yaml_syntax, with the line and column) when the text is not YAML."""
    try:
        return _canonical(text)
    except _NotYaml as not_yaml:
        exc = not_yaml.error
        # What the loader (`xiaopu validate`) says, yaml_syntax or duplicate_key, when it sees a problem too;
        # else where ruamel.yaml does.
        said = load_source(file, text).problems
        raise LayoutError(said[0] if said else _syntax_diagnostic(file, exc)) from None


# A pure function of the text, kept for the texts seen last: the same files are laid out again and again (an
# export, then `xiaopu fmt` on it, then the next export). A text that is not YAML raises, and is not kept.
class _NotYaml(Exception):
    def __init__(self, error: YAMLError) -> None:
        super().__init__(str(error))
        self.error = error


@functools.lru_cache(maxsize=256)
def _canonical(text: str) -> str:
    try:
        document = load(text)
    except YAMLError as exc:
        raise _NotYaml(exc) from None
    if not isinstance(document, CommentedMap | CommentedSeq):
        return text  # an empty file or a lone scalar: nothing to lay out
    while True:
        unbroken = _dump_with(document, _UNBROKEN)
        # A flow collection starts at its bracket: a long line without one (a long description) has none to unfold.
        long_lines = {n for n, line in enumerate(unbroken.split("\n"))
                      if len(line) > WIDTH and ("{" in line or "[" in line)}
        if not long_lines:
            return unbroken  # nothing to unfold (the usual case): no need to read it back
        # Read the unbroken text back: its nodes know their lines there, the long lines are found by number.
        laid_out = _yaml(_UNBROKEN).load(unbroken)
        if not _unfold(document, laid_out, long_lines, inside_flow=False):
            return unbroken


def _dump_with(document: Any, width: int) -> str:
    out = io.StringIO()
    _yaml(width).dump(document, out)
    return out.getvalue()


def _unfold(node: Any, laid_out: Any, long_lines: set[int], *, inside_flow: bool) -> bool:
    """Turn to block style the outermost flow collections that start on a long line; True when any was."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return False
    flow = bool(node.fa.flow_style())
    if flow and not inside_flow and laid_out.lc.line in long_lines:
        node.fa.set_block_style()
        return True
    changed = False
    pairs = zip(node.values(), laid_out.values(), strict=True) if isinstance(node, CommentedMap) \
        else zip(node, laid_out, strict=True)
    for child, child_laid_out in pairs:
        changed |= _unfold(child, child_laid_out, long_lines, inside_flow=flow or inside_flow)
    return changed


def _syntax_diagnostic(file: str, exc: YAMLError) -> Diagnostic:
    mark = exc.problem_mark if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None else None
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem if isinstance(exc, MarkedYAMLError) else None) or str(exc)
    return Diagnostic(file, line, col, "yaml_syntax", f"YAML syntax error: {problem}")
