"""Text patterns: the subset of regular expressions the engine matches safely and exactly.

The engine has its own regex dialect (Lua-like `%` escapes) and crashes the process on a character
range of multi-byte characters. Policies use ordinary regex syntax restricted to what both the
engine and Python agree on; this module checks a pattern and translates it for the engine.
Patterns always match the whole value. Limits keep a pattern within what the engine compiles (it crashes
the process on about 150 nested groups and refuses large repeats); wherever Python matches a pattern
(explanations, the reference evaluator) it uses RE2, which runs in time linear in the value, so a pattern like
`([0-9A-Z]+)+X` cannot stall the service.
"""

from __future__ import annotations

import functools
import re

import re2

MAX_PATTERN_LENGTH = 200
MAX_GROUP_DEPTH = 8
MAX_REPEAT = 100
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False

_QUANTIFIERS = set("*+?")
_ENGINE_SPECIAL = set("%()*+.?[]{|}")  # escaped with % in the engine; other punctuation is literal there


class PatternProblem(ValueError):
    pass


def translate(pattern: str) -> str:
    """Check `pattern` and return the engine's spelling of it; raise PatternProblem otherwise."""
    if not pattern:
        raise PatternProblem("an empty pattern matches nothing useful")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternProblem(f"a pattern has at most {MAX_PATTERN_LENGTH} characters ({len(pattern)} given)")
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
            if int(pattern[i + 1 : end]) > MAX_REPEAT:
                raise PatternProblem(f"a repeat count is at most {MAX_REPEAT} ({pattern[i + 1 : end]} given)")
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if ch in _QUANTIFIERS:
            if atoms == 0 or (out and out[-1] in _QUANTIFIERS):
                raise PatternProblem(f"{ch!r} must follow a character, a set or a group")
        elif ch == "(":
            depth += 1
            if depth > MAX_GROUP_DEPTH:
                raise PatternProblem(f"groups nest at most {MAX_GROUP_DEPTH} deep")
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


@functools.lru_cache(maxsize=1024)
def python_regex(pattern: str) -> re2._Regexp:
    """The same pattern for the reference evaluator and explanations, in RE2 (linear time; `\\d` and classes
    are ASCII, like the engine's). Checked first by Python's parser, whose messages people can read."""
    try:
        re.compile(pattern, re.ASCII)
        return re2.compile(pattern, options=_RE2_OPTIONS)
    except (re.error, re2.error) as exc:
        raise PatternProblem(f"not a valid pattern: {exc}") from exc
