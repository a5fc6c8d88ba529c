"""Page sessions: a person signed in on the pages of one area (`/review`, `/policy`) with an API key.

The browser holds only the session id (`secrets.token_urlsafe(32)`, 256 random bits); the database holds its
SHA-256, never the id itself, so a copy of the database opens no session. A session lives until it expires,
is ended (sign-out) or its API key stops being active (revoked or expired): `find_live` checks all three.
Expiry slides: a session used in the second half of its lifetime is extended by one lifetime from then, never
beyond ABSOLUTE_LIFETIME after sign-in (or one lifetime, if that is longer); an idle one expires. Ended and
expired sessions are purged a day later (`purge_sessions`, from the server's tick).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from store.api_keys import ApiKey
from store.errors import translated_orm_errors

MAX_SESSION_ID_LENGTH = 64  # ours are 43 characters; refuse longer cookies before hashing
ABSOLUTE_LIFETIME = dt.timedelta(days=7)  # however active, a person signs in again after this
PURGE_AFTER = dt.timedelta(days=1)


class PageSession(Model):
    id = fields.BigIntField(primary_key=True)
    session_hash = fields.CharField(max_length=64, unique=True)  # sha256 hex of the session id
    api_key: fields.ForeignKeyRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="page_sessions", on_delete=fields.CASCADE)
    area = fields.CharField(max_length=32)  # "/review", "/policy"
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "page_sessions"


def hash_session_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


async def open_session(key: ApiKey, area: str, now: dt.datetime, lifetime: dt.timedelta) -> str:
    """A new session of `key` in `area`; returns its id, which is never stored."""
    session_id = secrets.token_urlsafe(32)
    with translated_orm_errors("opening a page session"):
        await PageSession.create(session_hash=hash_session_id(session_id), api_key=key, area=area, created_at=now,
                                 expires_at=now + lifetime)
    return session_id


async def find_live(session_id: str, area: str, now: dt.datetime,
                    lifetime: dt.timedelta | None = None) -> PageSession | None:
    """The session (its API key loaded) when it is of `area`, not ended, not expired, and its key is still
    active at `now`; else None. With `lifetime`, a session past half of it is extended (sliding expiry)."""
    if not session_id or len(session_id) > MAX_SESSION_ID_LENGTH:
        return None
    with translated_orm_errors("looking up a page session"):
        session = await PageSession.filter(
            Q(api_key__expires_at__isnull=True) | Q(api_key__expires_at__gt=now),
            session_hash=hash_session_id(session_id), area=area, ended_at__isnull=True, expires_at__gt=now,
            api_key__revoked_at__isnull=True,
        ).select_related("api_key").first()
        if session is not None and lifetime is not None and session.expires_at - now < lifetime / 2:
            cap = session.created_at + max(ABSOLUTE_LIFETIME, lifetime)
            extended = min(now + lifetime, cap)
            if extended > session.expires_at:
                session.expires_at = extended
                await PageSession.filter(id=session.id, ended_at__isnull=True).update(expires_at=extended)
        return session


def cookie_lifetime(lifetime: dt.timedelta) -> dt.timedelta:
    """How long the browser keeps the cookie: as long as a session can slide (the server decides expiry)."""
    return max(ABSOLUTE_LIFETIME, lifetime)


async def purge_sessions(now: dt.datetime, after: dt.timedelta = PURGE_AFTER) -> int:
    """Delete sessions ended or expired more than `after` ago; the number deleted."""
    with translated_orm_errors("purging page sessions"):
        return await PageSession.filter(Q(ended_at__lt=now - after) | Q(expires_at__lt=now - after)).delete()


async def end_session(session_id: str, now: dt.datetime) -> bool:
    """End the session (sign-out); True when a live one was ended."""
    if not session_id or len(session_id) > MAX_SESSION_ID_LENGTH:
        return False
    with translated_orm_errors("ending a page session"):
        ended = await PageSession.filter(session_hash=hash_session_id(session_id), ended_at__isnull=True).update(
            ended_at=now)
    return bool(ended)

