"""Reviewer pages sign in with an API key kept in an HttpOnly, SameSite=Strict cookie; the JSON API
keeps using the Authorization header only."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.auth import Principal
from store.api_keys import Role, find_active, utc_now

COOKIE = "xiaopu_review_key"


class SignInRequired(Exception):
    """Answered with a redirect to the sign-in page."""

    def __init__(self, sign_in: str = "/review/sign-in") -> None:
        super().__init__(sign_in)
        self.sign_in = sign_in


async def principal_from_cookie(request: Request, cookie: str, roles: frozenset[Role], sign_in: str) -> Principal:
    """The active key kept in `cookie`, if its role is one of `roles`; else SignInRequired."""
    key = request.cookies.get(cookie, "")
    record = await find_active(key, utc_now()) if key else None
    if record is None or record.role not in roles:
        raise SignInRequired(sign_in)
    return Principal(key_id=record.key_id, role=Role(record.role))


async def reviewer_from_cookie(request: Request) -> Principal:
    return await principal_from_cookie(request, COOKIE, frozenset({Role.REVIEWER}), "/review/sign-in")


PageReviewer = Annotated[Principal, Depends(reviewer_from_cookie)]
