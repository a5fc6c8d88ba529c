"""Verdicts of check children kept for the same request: a check is a pure function of the files (and the
what-if asked), the limits and the code, so the same request checked again in this process is answered from
here instead of a new child (a draft checked again as its pages are shown and its what-ifs asked, a candidate
published once more, or to another database).

Only a verdict that cannot depend on the moment is kept: the child says so (`timeless`: the set names its
`effective_from`, at which its examples are evaluated, and a what-if, if any, names its `as_of`). A crash, a
limit, a timeout or a verdict read at "now" is never kept: the next identical request runs a child again.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

CAPACITY = 128  # a verdict with examples and lint is some tens of KB
TIMELESS = "timeless"
Ran = tuple[int, bytes, bytes]
_kept: OrderedDict[str, Ran] = OrderedDict()


def request_key(command: Sequence[str], request: dict[str, Any], limits: object) -> str:
    text = json.dumps([list(command), request, repr(limits)], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_timeless(request: dict[str, Any], effective_from: object) -> bool:
    """What the child reports: its verdict reads no clock (the examples' moment and the what-if's are named)."""
    what_if = request.get("what_if")
    return effective_from is not None and (not what_if or bool(what_if.get("as_of")))


async def kept_or_run(key: str, run: Callable[[], Awaitable[Ran | None]]) -> Ran | None:
    if (found := _kept.get(key)) is not None:
        _kept.move_to_end(key)
        return found
    ran = await run()
    if ran is not None and ran[0] == 0 and _says_timeless(ran[1]):
        _kept[key] = ran
        if len(_kept) > CAPACITY:
            _kept.popitem(last=False)
    return ran


def _says_timeless(out: bytes) -> bool:
    try:
        verdict = json.loads(out.decode("utf-8"))
    except ValueError:
        return False
    return isinstance(verdict, dict) and verdict.get(TIMELESS) is True


def forget() -> None:
    _kept.clear()
