"""People's pages sign in with an API key kept in an HttpOnly, SameSite=Strict cookie scoped to their area
(`/review`, `/policy`); the JSON API keeps using the Authorization header only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.common.auth import Principal
from reports.pages import render
from store.api_keys import Role, find_active, utc_now


class SignInRequired(Exception):
    """Answered with a redirect to the sign-in page."""

    def __init__(self, sign_in: str) -> None:
        super().__init__(sign_in)
        self.sign_in = sign_in


@dataclass(frozen=True)
class PageSession:
    area: str  # "/review": the pages' prefix and the cookie's path
    cookie: str
    roles: frozenset[Role]
    landing: str  # where signing in leads
    template: str  # the sign-in page
    refusal: str  # what a key of another role, or an inactive one, is told

    async def principal(self, request: Request) -> Principal:
        """The active key kept in the cookie, if its role may use these pages; else SignInRequired."""
        key = request.cookies.get(self.cookie, "")
        record = await find_active(key, utc_now()) if key else None
        if record is None or record.role not in self.roles:
            raise SignInRequired(f"{self.area}/sign-in")
        principal = Principal.of(record)
        request.state.principal = principal  # the audit log names who posted a page's form
        return principal

    async def sign_in(self, request: Request) -> Response:
        key = str((await request.form()).get("key", "")).strip()
        record = await find_active(key, utc_now()) if key else None
        if record is None or record.role not in self.roles:
            return HTMLResponse(render(self.template, error=self.refusal), status_code=401)
        response = RedirectResponse(self.landing, status_code=303)
        response.set_cookie(self.cookie, key, httponly=True, samesite="strict", path=self.area)
        return response

    def sign_out(self) -> Response:
        response = RedirectResponse(f"{self.area}/sign-in", status_code=303)
        response.delete_cookie(self.cookie, path=self.area)
        return response


REVIEW = PageSession("/review", "xiaopu_review_key", frozenset({Role.REVIEWER}), "/review/applications",
                     "review_sign_in.html.j2", "That is not an active reviewer key.")
POLICY = PageSession("/policy", "xiaopu_policy_key", frozenset({Role.POLICY_ADMIN, Role.REVIEWER}),
                     "/policy/versions", "policy_sign_in.html.j2",
                     "That is not an active policy admin or reviewer key.")
PageReviewer = Annotated[Principal, Depends(REVIEW.principal)]
PagePolicyUser = Annotated[Principal, Depends(POLICY.principal)]


def install_sign_in_redirect(app: FastAPI) -> None:
    """A page asked for without a session sends the browser to its area's sign-in page."""
    async def to_sign_in(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequired)
        return RedirectResponse(exc.sign_in, status_code=303)

    app.add_exception_handler(SignInRequired, to_sign_in)
