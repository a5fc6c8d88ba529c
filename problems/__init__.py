"""The one base of every error the product raises on purpose, in every layer (engine, store, workflows, API).

An error carries a stable machine `code`, the HTTP `status` it is answered with when it reaches the API, a
message for people, and context attributes (`extra`) that the problem body carries beside them. The API has
one handler for all of them (api/common/errors.py); `docs/errors.md` lists every code, generated from the code
and the policy fixtures (`python -m api.common.error_codes`). This package imports nothing of ours, so the
engine and the store, which may import nothing else of ours, can build on it."""

from __future__ import annotations

from typing import Any


class XiaopuError(Exception):
    status: int = 500
    code: str = "internal_error"
    title: str | None = None  # the problem's title; the status's phrase when None

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 title: str | None = None, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title
        self.headers = headers or {}
        self.extra = extra

    def field_errors(self) -> list[dict[str, str]]:
        """Each field at fault as {field, code, message}, field names relative to what the caller sent."""
        return [{"field": str(e["field"]), "code": str(e.get("code", self.code)), "message": str(e["message"])}
                for e in self.extra.get("errors", [])]
