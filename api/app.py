"""The FastAPI application: `create_app()` builds it; its lifespan migrates the database and opens the ORM."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.types import ASGIApp
from tortoise.contrib.fastapi import RegisterTortoise
from tortoise.exceptions import OperationalError

from api.badges import endpoints as badges
from api.campaigns import endpoints as campaigns
from api.commission import ledger, orders, quote_answers, quotes, settlements
from api.common import audit, decisions, health, jobs, keys, metrics, whoami
from api.common.docs import install_offline_docs
from api.common.domain_errors import install_library_error_handlers
from api.common.errors import install_error_handlers
from api.common.middleware import install_request_middleware
from api.common.middleware.api_lane import ApiLane
from api.common.middleware.pages import PageLayers
from api.common.page_session import install_sign_in_redirect
from api.common.routing import operation_id, serve_routes
from api.disputes import endpoints as disputes
from api.policies import drafts as policy_drafts
from api.policies import endpoints as policy_versions
from api.policies import proposals as policy_proposals
from api.policies.draft_pages import install_draft_pages
from api.policies.pages import install_policy_pages
from api.sellers import endpoints as sellers
from api.suppliers import applications as supplier_applications
from api.suppliers import listings as suppliers
from api.suppliers.pages import install_review_pages
from engine import Evaluator, load_policy_set
from store import clock, key_cache
from store.api_keys import Role, install_dev_key
from store.db import migrate, tortoise_config
from store.errors import StoreUnavailable
from store.settings import SettingsError, load_settings, resolve_database_url
from workflows.commission import quote_baskets, quote_memo
from workflows.common.jobs import tick_forever
from workflows.common.request_context import install_json_logging
from workflows.policies.registry import PolicyRegistry
from workflows.policies.versions import publish_on_start


def freeze_start_up() -> None:
    """Everything start-up built (the modules, the app, the compiled policies: ~50 ms for each full collection of
    the garbage collector to walk again and again) moved out of the collector's sight; its garbage first."""
    gc.collect()
    gc.freeze()


class XiaopuApp(FastAPI):
    """FastAPI with the JSON API's reads answered in front of its middleware stack
    (api/common/middleware/api_lane.py)."""

    max_body_bytes: int

    def build_middleware_stack(self) -> ASGIApp:
        return ApiLane(self, super().build_middleware_stack(), max_body_bytes=self.max_body_bytes)


async def _read_policy_versions(registry: PolicyRegistry, files_set: Evaluator) -> None:
    try:
        await publish_on_start(files_set.policy_set, clock.now())
        await registry.refresh()
    except OperationalError as exc:
        raise StoreUnavailable(f"the database is not migrated (run `xiaopu serve`, which migrates): {exc}") from exc


def forget_what_was_seen() -> None:
    """The keys and the quotes this process answered from memory, at the start and the end of an app's life: the
    next app may serve another database."""
    key_cache.forget()
    quote_memo.forget()
    quote_baskets.forget()
    quote_answers.forget()


def create_app(*, database_url: str | None = None, policy_path: str | Path | None = None,
               run_migrations: bool | None = None, tick_seconds: float | None = None,
               max_body_bytes: int | None = None) -> FastAPI:
    """Build the app from the settings (store/settings.py); the arguments override them for tests and tools:
    `database_url` XIAOPU_DATABASE_URL, `policy_path` XIAOPU_POLICY_PATH (the folder holding policies.yaml),
    `tick_seconds` XIAOPU_TICK_SECONDS (0 turns the background job off), `max_body_bytes` XIAOPU_MAX_BODY_BYTES.
    Start-up applies pending migrations unless `run_migrations` is False or `xiaopu serve` has applied them
    already. An invalid policy set stops start-up; a valid one the database has never stored is published at
    start-up. Which version answers is read from the database every XIAOPU_POLICY_POLL_SECONDS."""
    settings = load_settings()
    if run_migrations is None:
        run_migrations = not settings.serve_migrated
    files_set = Evaluator(load_policy_set(policy_path or settings.policy_path))
    registry = PolicyRegistry(files_set)
    if tick_seconds is None:
        tick_seconds = settings.tick_seconds
    poll_seconds = settings.policy_poll_seconds
    if max_body_bytes is not None and max_body_bytes < 1:
        raise SettingsError(f"XIAOPU_MAX_BODY_BYTES: expected a whole number of bytes >= 1, got {max_body_bytes!r}")
    body_limit = max_body_bytes or settings.max_body_bytes
    clock.set_skew(settings.clock_skew_seconds)
    install_json_logging()
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
                await install_dev_key(key.role, key.plaintext, key.party)
            await _read_policy_versions(registry, files_set)
            forget_what_was_seen()  # keys and quotes this process saw belong to the database it served before
            await key_cache.check_revocations()
            if settings.serve_migrated:  # a `xiaopu serve` worker: what start-up built lives as long as the process
                freeze_start_up()
            stop = asyncio.Event()
            watcher = asyncio.create_task(registry.watch(poll_seconds, stop))
            revocations = asyncio.create_task(key_cache.watch_revocations(poll_seconds, stop))
            ticker = asyncio.create_task(tick_forever(registry, tick_seconds, stop)) if tick_seconds > 0 else None
            try:
                yield
            finally:
                stop.set()
                await watcher
                await revocations
                forget_what_was_seen()
                if ticker:
                    await ticker

    app = XiaopuApp(title="Xiaopu Rules", summary="Policy decisions for the Xiaopu social-commerce program",
                    version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                    generate_unique_id_function=operation_id,
                    # FastAPI's own OpenTelemetry hooks, asked on every request whether a provider is configured:
                    # the service counts and logs its requests itself (/metrics, the JSON access log)
                    telemetry={"tracing": False, "metrics": False, "logs": False})
    app.max_body_bytes = body_limit
    app.state.evaluator = registry
    app.state.settings = settings
    install_error_handlers(app)
    # the API's routes first: a request is matched against the routes in order, and quotes and orders are
    # the calls storefronts make most
    for module in (quotes, orders, health, whoami, sellers, ledger, settlements, decisions, jobs,
                   supplier_applications, suppliers, disputes, policy_versions, policy_proposals, policy_drafts,
                   badges, keys, metrics, audit):
        serve_routes(app, module.router)
    serve_routes(app, campaigns.share_lists)
    serve_routes(app, campaigns.campaigns)
    install_offline_docs(app)
    install_library_error_handlers(app)
    install_sign_in_redirect(app)
    install_review_pages(app)
    install_policy_pages(app)
    install_draft_pages(app)
    app.add_middleware(PageLayers, secure_cookies=settings.secure_cookies)  # pages: headers, problems, form checks
    install_request_middleware(app, max_body_bytes=body_limit)  # outermost: sees every answer
    return app
