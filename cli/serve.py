"""`xiaopu serve`: apply database migrations, then run the API with uvicorn."""

from __future__ import annotations

import argparse
import asyncio
import sys

import uvicorn

from store.db import migrate
from store.errors import StoreUnavailable
from store.settings import SettingsError, load_settings, redacted
from workflows.request_context import install_json_logging


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="apply database migrations and run the API (XIAOPU_DATABASE_URL)")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    install_json_logging()  # our JSON lines (the app's access log replaces uvicorn's)
    try:
        url = load_settings().database_url
        applied = asyncio.run(migrate(url))
    except (SettingsError, StoreUnavailable) as exc:
        print(f"xiaopu serve: {exc}", file=sys.stderr)
        return 1
    print(f"database {redacted(url)}: {len(applied)} migration(s) applied", file=sys.stderr)
    # The factory reads the same settings; its lifespan finds the database up to date.
    uvicorn.run("api.app:create_app", factory=True, host=args.host, port=args.port, access_log=False)
    return 0
