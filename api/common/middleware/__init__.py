"""Around every HTTP request, one small pure-ASGI middleware per concern (no BaseHTTPMiddleware), outermost
first, so each sees every answer, the 500s included:

- `access_log`: the request id (kept from `X-Request-ID` or made) in the response header and the context, then
  one JSON log line per request and the request-latency histogram of /metrics;
- `audit_trail`: a mutating call (POST, PUT, PATCH, DELETE) written to the append-only audit log before its
  response starts, refused ones included;
- `input_guard`: a body larger than XIAOPU_MAX_BODY_BYTES is 413 `body_too_large`, a NUL character anywhere
  in the request 422 `nul_character`.

Inside them, `pages` (installed in api/app.py): on the pages only, `page_headers` (security headers on every page,
and on any other HTML answer), then api/common/page_problems.py (a problem met on a page shown as a page), then
`page_forms` (every page post checked for its origin and its form token).
"""

from __future__ import annotations

from fastapi import FastAPI

from api.common.middleware.access_log import AccessLog
from api.common.middleware.audit_trail import AuditTrail
from api.common.middleware.input_guard import InputGuard


def install_request_middleware(app: FastAPI, *, max_body_bytes: int) -> None:
    """Call last: middleware added later wraps the earlier, so AccessLog ends up outermost."""
    app.add_middleware(InputGuard, max_body_bytes=max_body_bytes)
    app.add_middleware(AuditTrail)
    app.add_middleware(AccessLog)
