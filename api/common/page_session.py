"""People's pages sign in with an API key, once: signing in opens a page session (store/page_sessions.py) and the
browser keeps only the session's id, in an HttpOnly, SameSite=Strict cookie scoped to the area (`/review`,
`/policy`), `Secure` when XIAOPU_SECURE_COOKIES says the service is served over HTTPS. The key itself is never
in a cookie; the session id is no key for the JSON API (which reads the Authorization header only). A session
ends at sign-out, after XIAOPU_PAGE_SESSION_HOURS, or when its key is revoked or expires."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.common.auth import Principal
from reports.pages import render
from store.api_keys import Role, find_active, utc_now
from store.page_sessions import cookie_lifetime, end_session, find_live, open_session
from store.settings import Settings


class SignInRequired(Exception):
    """Answered with a redirect to the sign-in page."""

    def __init__(self, sign_in: str) -> None:
        super().__init__(sign_in)
        self.sign_in = sign_in


@dataclass(frozen=True)
class PageArea:
    area: str  # "/review": the pages' prefix and the cookies' path
    roles: frozenset[Role]
    landing: str  # where signing in leads
    template: str  # the sign-in page
    refusal: str  # what a key of another role, or an inactive one, is told

    @property
    def cookie(self) -> str:
        """The cookie holding the session id: `xiaopu_review_session`."""
        return f"xiaopu_{self.area.strip('/')}_session"

    @property
    def sign_in_cookie(self) -> str:
        """The cookie holding the sign-in form's token (api/common/form_tokens.py)."""
        return f"xiaopu_{self.area.strip('/')}_sign_in"

    @property
    def sign_in_path(self) -> str:
        return f"{self.area}/sign-in"

    def holds(self, path: str) -> bool:
        return path == self.area or path.startswith(self.area + "/")

    async def principal(self, request: Request) -> Principal:
        """Whose live session the cookie names, if that key's role may use these pages; else SignInRequired."""
        lifetime = dt.timedelta(hours=request.app.state.settings.page_session_hours)
        session = await find_live(request.cookies.get(self.cookie, ""), self.area, utc_now(), lifetime)
        if session is None or session.api_key.role not in self.roles:
            raise SignInRequired(self.sign_in_path)
        principal = Principal.of(session.api_key)
        request.state.principal = principal  # the audit log names who posted a page's form
        return principal

    async def sign_in(self, request: Request) -> Response:
        """Open a session for an active key of these pages' roles (ending the one the browser held, if any)."""
        key = str((await request.form()).get("key", "")).strip()
        now = utc_now()
        record = await find_active(key, now) if key else None
        if record is None or record.role not in self.roles:
            return HTMLResponse(render(self.template, error=self.refusal), status_code=401)
        await end_session(request.cookies.get(self.cookie, ""), now)
        settings: Settings = request.app.state.settings
        lifetime = dt.timedelta(hours=settings.page_session_hours)
        session_id = await open_session(record, self.area, now, lifetime)
        response = RedirectResponse(self.landing, status_code=303)
        response.set_cookie(self.cookie, session_id, max_age=int(cookie_lifetime(lifetime).total_seconds()),
                            path=self.area,
                            secure=settings.secure_cookies, httponly=True, samesite="strict")
        response.delete_cookie(self.sign_in_cookie, path=self.area)
        return response

    async def sign_out(self, request: Request) -> Response:
        """End the session on the server (its cookie then opens nothing) and forget the cookie."""
        await end_session(request.cookies.get(self.cookie, ""), utc_now())
        response = RedirectResponse(self.sign_in_path, status_code=303)
        response.delete_cookie(self.cookie, path=self.area)
        return response


REVIEW = PageArea("/review", frozenset({Role.REVIEWER}), "/review/applications", "review_sign_in.html.j2",
                  "That is not an active reviewer key.")
POLICY = PageArea("/policy", frozenset({Role.POLICY_ADMIN, Role.REVIEWER}), "/policy/versions",
                  "policy_sign_in.html.j2", "That is not an active policy admin or reviewer key.")
AREAS = (REVIEW, POLICY)
PageReviewer = Annotated[Principal, Depends(REVIEW.principal)]
PagePolicyUser = Annotated[Principal, Depends(POLICY.principal)]


def area_of(path: str) -> PageArea | None:
    return next((area for area in AREAS if area.holds(path)), None)


def install_sign_in_redirect(app: FastAPI) -> None:
    """A page asked for without a session sends the browser to its area's sign-in page."""
    async def to_sign_in(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequired)
        return RedirectResponse(exc.sign_in, status_code=303)

    app.add_exception_handler(SignInRequired, to_sign_in)
