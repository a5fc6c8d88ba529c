"""Text patterns: the subset of regular expressions the engine matches safely and exactly.

The engine has its own regex dialect (Lua-like `%` escapes) and crashes the process on a character
range of multi-byte characters. Policies use ordinary regex syntax restricted to what both the
engine and Python agree on; this module checks a pattern and translates it for the engine.
Patterns always match the whole value.
"""

from __future__ import annotations

import re

_QUANTIFIERS = set("*+?")
_ENGINE_SPECIAL = set("%()*+.?[]{|}")  # escaped with % in the engine; other punctuation is literal there


class PatternProblem(ValueError):
    pass


def translate(pattern: str) -> str:
    """Check `pattern` and return the engine's spelling of it; raise PatternProblem otherwise."""
    if not pattern:
        raise PatternProblem("an empty pattern matches nothing useful")
    out: list[str] = []
    i, depth, atoms = 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch in "^$":
            raise PatternProblem(f"{ch!r}: patterns always match the whole value; drop the anchors")
        if ch == "\\":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if nxt == "d":
                out.append("%d")
            elif nxt in _ENGINE_SPECIAL:
                out.append("%" + nxt)
            elif nxt and not nxt.isalnum() and nxt.isascii() and not nxt.isspace():
                out.append(nxt)
            else:
                raise PatternProblem(f"escape \\{nxt} is not supported; use \\d, [a-z] or escape punctuation")
            i += 2
            atoms += 1
            continue
        if ch == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                raise PatternProblem("unclosed [")
            body = pattern[i + 1 : end]
            if not body.isascii() or "\\" in body or "[" in body:
                raise PatternProblem(f"[{body}]: character sets may hold ASCII letters, digits and ranges only")
            out.append("[" + body.replace("%", "%%") + "]")
            i = end + 1
            atoms += 1
            continue
        if ch == "{":
            end = pattern.find("}", i)
            if end < 0 or not pattern[i + 1 : end].isdigit() or atoms == 0:
                raise PatternProblem("a repeat count is written {n} after a character or group")
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if ch in _QUANTIFIERS:
            if atoms == 0 or (out and out[-1] in _QUANTIFIERS):
                raise PatternProblem(f"{ch!r} must follow a character, a set or a group")
        elif ch == "(":
            depth += 1
            if pattern[i + 1 : i + 2] == "?":
                raise PatternProblem("(?...) groups are not supported")
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise PatternProblem("unbalanced )")
        elif ch == "%":
            out.append("%%")
            i += 1
            atoms += 1
            continue
        out.append(ch)
        atoms += 1
        i += 1
    if depth:
        raise PatternProblem("unbalanced (")
    if re.search(r"(^\||\|$|\|\||\(\||\|\))", "".join(out).replace("%|", "")):
        raise PatternProblem("every alternative of | needs at least one character")
    python_regex(pattern)
    return "".join(out)


def python_regex(pattern: str) -> re.Pattern[str]:
    """The same pattern for the reference evaluator and explanations (ASCII classes, like the engine)."""
    try:
        return re.compile(pattern, re.ASCII)
    except re.error as exc:
        raise PatternProblem(f"not a valid pattern: {exc}") from exc
