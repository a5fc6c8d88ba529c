"""A repeated quote's answer as written the first time: the bytes FastAPI writes for it (the answer checked against
the route's response model and serialized, api/common/direct_route.py `rendered`), kept per basket with a gap where
the moment goes, the one part of the answer that changes from ask to ask.

A basket's key is quote_baskets.py's: the version judging it and its text, the tier, every line with its listing's
terms; a basket that may not be memoized (a shadow candidate running, a policy reading the moment) has none and is
answered as any other. The gap is marked while the answer is written by a token this process drew at random, which
no caller can know or put in a line. tests/api/test_quote_answers.py holds a written answer equal, byte for byte, to
FastAPI's own for the same basket and moment."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from api.common.direct_route import rendered

CAPACITY = 20_000  # baskets, each a few hundred bytes the garbage collector does not follow (as quote_baskets.py)
_GAP = f"moment-{secrets.token_hex(16)}"
_written: OrderedDict[tuple[Any, ...], tuple[bytes, bytes]] = OrderedDict()  # key -> the answer around the moment


def written_answer(key: tuple[Any, ...] | None, moment: str) -> Response | None:
    """The answer written before for the basket `key`, at `moment` (ISO 8601); None when there is none."""
    if key is None or (found := _written.get(key)) is None:
        return None
    _written.move_to_end(key)
    head, tail = found
    return Response(head + moment.encode() + tail, media_type="application/json")


def write_answer(request: Request, key: tuple[Any, ...] | None, content: dict[str, Any]) -> Response | dict[str, Any]:
    """`content` (whose "as_of" is the moment) written as the route's response, and kept for the basket `key`;
    without a key, `content` as it is (FastAPI writes it)."""
    route = request.scope.get("route")
    if key is None or not isinstance(route, APIRoute):
        return content
    body = rendered(route, {**content, "as_of": _GAP})
    head, gap, tail = body.partition(f'"{_GAP}"'.encode())
    if not gap or _GAP.encode() in tail:  # written otherwise than as one plain string: not kept
        return content
    _written[key] = head + b'"', b'"' + tail
    if len(_written) > CAPACITY:
        _written.popitem(last=False)
    return Response(head + f'"{content["as_of"]}"'.encode() + tail, media_type="application/json")


def forget() -> None:
    _written.clear()
