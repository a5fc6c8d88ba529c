"""Reading what the middleware needs from an ASGI scope."""

from __future__ import annotations

from starlette.types import Scope


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def route_template(scope: Scope) -> str | None:
    """`/v1/orders/{order_id}` once routing has matched; None before, or for an unknown path."""
    return getattr(scope.get("route"), "path", None)


def printable(text: str) -> str:
    """Text as the audit log can store it (a refused request's path may hold U+0000)."""
    return text.replace("\x00", "\ufffd")
