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


async def reviewer_from_cookie(request: Request) -> Principal:
    key = request.cookies.get(COOKIE, "")
    record = await find_active(key, utc_now()) if key else None
    if record is None or record.role != Role.REVIEWER:
        raise SignInRequired
    return Principal(key_id=record.key_id, role=Role(record.role))


PageReviewer = Annotated[Principal, Depends(reviewer_from_cookie)]
