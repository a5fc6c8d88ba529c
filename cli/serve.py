"""`xiaopu serve`: apply database migrations, then run the API with uvicorn."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile

import uvicorn

from cli.serve_workers import balances_connections, run_workers
from store.db import is_postgres, migrate
from store.errors import StoreUnavailable
from store.settings import MIGRATED_ENV, MULTIPROC_ENV, SettingsError, for_child_processes, load_settings, redacted
from workflows.common.request_context import install_json_logging


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="apply database migrations and run the API (XIAOPU_DATABASE_URL)")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--workers", type=int, default=1,
                   help="worker processes (default 1); more than one needs PostgreSQL")
    p.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    install_json_logging()  # our JSON lines (the app's access log replaces uvicorn's)
    if args.workers < 1:
        print("xiaopu serve: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        url = load_settings().database_url
        if args.workers > 1 and not is_postgres(url):
            print(f"xiaopu serve: --workers {args.workers} needs PostgreSQL (XIAOPU_DATABASE_URL=postgres://...); "
                  f"{redacted(url)} is SQLite, which takes one writer at a time: run one worker", file=sys.stderr)
            return 2
        applied = asyncio.run(migrate(url))
    except (SettingsError, StoreUnavailable) as exc:
        print(f"xiaopu serve: {exc}", file=sys.stderr)
        return 1
    print(f"database {redacted(url)}: {len(applied)} migration(s) applied", file=sys.stderr)
    for_child_processes(**{MIGRATED_ENV: "1"})  # the worker(s) find the database up to date: no second pass
    if args.workers > 1 and not load_settings().metrics_dir:  # /metrics adds up every worker's counters
        for_child_processes(**{MULTIPROC_ENV: tempfile.mkdtemp(prefix="xiaopu-metrics-")})  # a fresh, empty folder
    # The factory reads the same settings; its lifespan finds the database up to date. With several workers
    # each is its own process with its own app: the policy in force and every deadline live in the database.
    if args.workers > 1 and balances_connections():  # each worker on a socket of its own (serve_workers.py)
        run_workers(uvicorn.Config("api.app:create_app", factory=True, host=args.host, port=args.port,
                                   workers=args.workers, access_log=False))
        return 0
    uvicorn.run("api.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                access_log=False)
    return 0
