"""The tokens every page form carries (`csrf_token`), so that no other site can post a form in a signed-in
person's name:

- on the pages of a session, the HMAC-SHA256 of a fixed label keyed with the session id: only a holder of the
  session id (the browser, whose cookie is HttpOnly) can know it, and the token does not reveal the id;
- on the sign-in form, which has no session yet, a double-submit token: a random value the sign-in page sets
  in a cookie of its area and puts in the form; the post must carry both, equal.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

LABEL = b"xiaopu page form"
WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{43}")  # a sign-in token: secrets.token_urlsafe(32)
SIGN_IN_TOKEN_SECONDS = 3600  # the sign-in cookie's life: a sign-in page left open longer is fetched again
# A page form's own id (16 hex characters from new_form_id): what the form makes is named by it, so a form sent
# twice (a double click, a reload) makes one thing. It names keys of its own: a longer one had overflowed one (a 500).
FORM_ID = re.compile(r"[A-Za-z0-9]{1,32}")


def new_form_id() -> str:
    return secrets.token_hex(8)


def session_form_token(session_id: str) -> str:
    """The form token of the session whose id is `session_id` ("" without one)."""
    if not session_id:
        return ""
    return hmac.new(session_id.encode(), LABEL, hashlib.sha256).hexdigest()


def new_sign_in_token() -> str:
    return secrets.token_urlsafe(32)


def well_formed_sign_in_token(token: str) -> bool:
    return bool(WELL_FORMED.fullmatch(token))


def same_token(expected: str, given: str) -> bool:
    """True when both are present and equal (compared in constant time)."""
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), given.encode())
