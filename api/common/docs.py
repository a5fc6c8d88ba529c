"""/docs and /redoc served with their JavaScript and CSS from the installed fastapi-offline package (Swagger UI
and ReDoc, under their own licences): they render on a machine without internet, and from networks where a
CDN is slow or blocked. Each is sent with a Content-Security-Policy of its own: script only from this service
and, for Swagger UI's one inline start-up script, that script by its hash; framed by nobody."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
PREFIX = "/docs-assets"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def with_own_policy(page: HTMLResponse) -> HTMLResponse:
    """The page with a CSP admitting its own inline scripts by hash (and no other inline script)."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
                      for script in INLINE_SCRIPT.findall(bytes(page.body).decode()))
    page.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' {hashes}".rstrip() + "; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'")
    page.headers["X-Frame-Options"] = "DENY"
    page.headers["X-Content-Type-Options"] = "nosniff"
    return page


def install_offline_docs(app: FastAPI) -> None:
    """Call on an app built with `docs_url=None, redoc_url=None`."""
    app.mount(PREFIX, StaticFiles(directory=ASSETS), name="docs-assets")
    title = f"{app.title} API"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return with_own_policy(get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js", swagger_css_url=f"{PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{PREFIX}/favicon.png"))

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return with_own_policy(get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title, redoc_js_url=f"{PREFIX}/redoc.standalone.js",
            redoc_favicon_url=f"{PREFIX}/favicon.png", with_google_fonts=False))
