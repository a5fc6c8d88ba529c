"""Who is calling: `Authorization: Bearer <key>` becomes a Principal; routes state the roles they admit.

    @router.get("/v1/things", dependencies=[require_role("storefront")])
    async def things(principal: Annotated[Principal, require_role("storefront", "policy_admin")]) -> ...
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from api.common.errors import ApiError
from store.api_keys import ApiKey, Role, utc_now
from store.key_cache import active_key
from workflows.common.access import Caller

CHALLENGE = 'Bearer realm="xiaopu"'


class Unauthenticated(ApiError):
    status, code, title = 401, "unauthenticated", "Unauthenticated"

    def __init__(self, detail: str, *, invalid_token: bool = False) -> None:
        challenge = CHALLENGE + (', error="invalid_token"' if invalid_token else "")
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class Forbidden(ApiError):
    status, code, title = 403, "forbidden", "Forbidden"


@dataclass(frozen=True)
class Principal:
    key_id: str
    role: Role
    label: str | None = None
    party: str | None = None  # the storefront channel, seller or supplier the key speaks for
    person: str | None = None  # the reviewer or policy admin, "Name <email>"

    @classmethod
    def of(cls, record: ApiKey) -> Principal:
        return cls(key_id=record.key_id, role=Role(record.role), label=record.label, party=record.party,
                   person=record.person)

    @property
    def caller(self) -> Caller:
        """The principal as the workflows' access rules see it."""
        return Caller(role=str(self.role), party=self.party, person=self.person)

    @property
    def judge(self) -> str:
        """One judge per person, whatever keys the person holds (at most 64 characters, as stored)."""
        who = self.person or f"key {self.key_id}"
        return who if len(who) <= 64 else "person:" + hashlib.sha256(who.encode()).hexdigest()[:40]

    @property
    def name(self) -> str:
        """Who acts, as trails and pages name them: the person, else the party, else the key (at most 64
        characters, as trails store them)."""
        who = self.person or self.party or f"key {self.key_id}"
        return who if len(who) <= 64 else who[:61] + "..."


class KeyBearer(HTTPBearer):
    """The API key of `Authorization: Bearer <key>` as the Principal, its role checked: one dependency per route.

    FastAPI resolves every dependency of a route on every request, and this one is on every call a storefront
    makes; so the scheme, the key and the role are one callable instead of three nested dependencies. As a
    security scheme it still shows in the OpenAPI document (`HTTPBearer`)."""

    def __init__(self, allowed: frozenset[Role] | None = None) -> None:
        super().__init__(auto_error=False, scheme_name="HTTPBearer", description="An API key: `xpk_<key_id>_<secret>`")
        self.allowed = allowed
        names = ", ".join(sorted(allowed or ()))
        self.needed = f"the role {names}" if len(allowed or ()) == 1 else f"one of the roles {names}"

    async def __call__(self, request: Request) -> Principal:  # type: ignore[override]
        scheme, _, credentials = (request.headers.get("authorization") or "").partition(" ")
        credentials = credentials.strip()
        if not credentials or scheme.lower() != "bearer":
            raise Unauthenticated("Send an API key: `Authorization: Bearer <key>`.")
        record = await active_key(credentials, utc_now())  # from memory; revocations within a poll
        if record is None:
            raise Unauthenticated("The API key is unknown, revoked or expired.", invalid_token=True)
        principal = Principal.of(record)
        request.state.principal = principal  # for the audit log and the access log (api/common/middleware/)
        if self.allowed is not None and principal.role not in self.allowed:
            raise Forbidden(f"This needs {self.needed}; the API key has the role {principal.role}.",
                            extra={"required_roles": sorted(self.allowed)})
        return principal


current_principal = KeyBearer()
AnyPrincipal = Annotated[Principal, Depends(current_principal)]


def require_role(*roles: Role | str) -> Any:
    """A dependency admitting only the given roles (checked here, so a typo fails at import)."""
    if not roles:
        raise ValueError("require_role needs at least one role")
    return Depends(KeyBearer(frozenset(Role(role) for role in roles)))
