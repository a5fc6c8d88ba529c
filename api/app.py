"""The FastAPI application: `create_app()` builds it; its lifespan migrates the database and opens the ORM."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from tortoise.contrib.fastapi import RegisterTortoise

from api import (
    decisions,
    disputes,
    health,
    jobs,
    orders,
    quotes,
    sellers,
    settlements,
    supplier_applications,
    suppliers,
    whoami,
)
from api.domain_errors import install_domain_error_handlers
from api.errors import install_error_handlers
from api.review_pages import install_review_pages
from engine import Evaluator, load_policy_set
from store.api_keys import Role, install_dev_key
from store.db import migrate, tortoise_config
from store.settings import REPO_ROOT, SettingsError, load_settings, resolve_database_url
from workflows.jobs import tick_forever


def create_app(*, database_url: str | None = None, policy_path: str | Path | None = None,
               run_migrations: bool = True, tick_seconds: float | None = None) -> FastAPI:
    """Build the app. `database_url` overrides XIAOPU_DATABASE_URL, `policy_path` XIAOPU_POLICY_PATH (the
    folder holding policies.yaml; default the repository), `tick_seconds` XIAOPU_TICK_SECONDS (how often
    the background job applies what is due; 0 turns it off). An invalid policy set stops start-up."""
    settings = load_settings()
    evaluator = Evaluator(load_policy_set(policy_path or os.environ.get("XIAOPU_POLICY_PATH") or REPO_ROOT))
    if tick_seconds is None:
        tick_seconds = float(os.environ.get("XIAOPU_TICK_SECONDS", "60"))
    url = resolve_database_url(database_url) if database_url else settings.database_url
    roles = {role.value for role in Role}
    if unknown := sorted({key.role for key in settings.dev_keys} - roles):
        raise SettingsError(f"XIAOPU_DEV_KEYS: unknown role(s) {', '.join(unknown)}; roles: {', '.join(sorted(roles))}")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if run_migrations:
            await migrate(url)
        # The global fallback lets request tasks see the ORM that this (lifespan) task set up.
        async with RegisterTortoise(app, config=tortoise_config(url), _enable_global_fallback=True):
            for key in settings.dev_keys:
                await install_dev_key(key.role, key.plaintext)
            stop = asyncio.Event()
            ticker = asyncio.create_task(tick_forever(evaluator, tick_seconds, stop)) if tick_seconds > 0 else None
            try:
                yield
            finally:
                stop.set()
                if ticker:
                    await ticker

    app = FastAPI(title="Xiaopu Rules", summary="Policy decisions for the Xiaopu social-commerce program",
                  version="0.1.0", lifespan=lifespan)
    app.state.evaluator = evaluator
    app.state.policy_version = evaluator.policy_set.label
    install_error_handlers(app)
    install_domain_error_handlers(app)
    install_review_pages(app)
    for module in (health, whoami, quotes, sellers, orders, settlements, decisions, jobs, supplier_applications,
                   suppliers, disputes):
        app.include_router(module.router)
    return app
