"""Every setting of the service and the command, read from the environment here and nowhere else
(pydantic-settings), validated at start-up: a bad value stops the process with a message naming the variable.

XIAOPU_DATABASE_URL        where the data lives; default `sqlite://var/xiaopu.sqlite3`, relative to the repo root.
                           `postgres://user@host:5432/db` (or `postgresql://`) goes to PostgreSQL through asyncpg.
XIAOPU_DEV_KEYS            optional development API keys, `role:key,role:key`; stored hashed at start-up.
                           They come from the environment only and never belong in the repository.
XIAOPU_POLICY_PATH         the folder holding policies.yaml (default: the repository)
XIAOPU_TICK_SECONDS        how often the server applies what is due (default 60; 0 = never)
XIAOPU_POLICY_POLL_SECONDS how often each serving process reads the activation timeline (default 0.5)
XIAOPU_AUTHOR              the author `xiaopu publish` and `rollback` record (default `cli:<login>`)
XIAOPU_MAX_BODY_BYTES      larger request bodies are refused with 413 (default 1 MiB)
XIAOPU_SECURE_COOKIES      `true` when the service is served over HTTPS: the pages' cookies get `Secure` (default false)
XIAOPU_PAGE_SESSION_HOURS  how long a sign-in on the pages lasts (default 8)
PROMETHEUS_MULTIPROC_DIR   where every worker writes its counters (`xiaopu serve --workers N` makes one)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "sqlite://var/xiaopu.sqlite3"
SQLITE_MEMORY = ":memory:"
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
# Not a user setting: `xiaopu serve` sets it once it has migrated, so that its worker(s) skip a second pass.
MIGRATED_ENV = "XIAOPU_SERVE_MIGRATED"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
SECRET_SETTINGS = {"XIAOPU_DEV_KEYS", "XIAOPU_DATABASE_URL"}  # never echoed in a message


class SettingsError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True)
class DevKey:
    role: str
    plaintext: str
    party: str | None = None  # the party (storefront, seller, supplier) or person (reviewer, policy_admin)


class Settings(BaseSettings):
    """The settings in force; build with `load_settings()`."""

    model_config = SettingsConfigDict(env_prefix="XIAOPU_", env_ignore_empty=True, extra="ignore", frozen=True,
                                      populate_by_name=True)

    database_url: str = DEFAULT_DATABASE_URL
    dev_keys_text: str = Field(default="", validation_alias="XIAOPU_DEV_KEYS")
    policy_path: Path = REPO_ROOT
    tick_seconds: float = Field(default=60.0, ge=0, description="seconds between ticks; 0 turns them off")
    policy_poll_seconds: float = Field(default=0.5, gt=0)
    author: str | None = None
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY_BYTES, ge=1)
    clock_skew_seconds: float = Field(default=300.0, ge=0, le=3600,
                                      description="how far ahead of the server's clock a caller's time may be")
    secure_cookies: bool = False
    page_session_hours: float = Field(default=8.0, gt=0, le=24 * 30)
    policy_check_seconds: float = Field(default=30.0, gt=0, le=600,
                                        description="wall time one candidate policy set may take to be checked")
    policy_check_memory_mb: int = Field(default=1024, ge=256, le=65536,
                                        description="memory the child process checking a candidate may use")
    serve_migrated: bool = Field(default=False, validation_alias=MIGRATED_ENV)
    metrics_dir: str | None = Field(default=None, validation_alias=MULTIPROC_ENV)

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings)  # the process environment; no .env files, no secrets folders

    @field_validator("database_url")
    @classmethod
    def _resolved(cls, value: str) -> str:
        return resolve_database_url(value)

    @property
    def dev_keys(self) -> tuple[DevKey, ...]:
        return parse_dev_keys(self.dev_keys_text)


def _variable(field: str) -> str:
    info = Settings.model_fields[field]
    alias = info.validation_alias
    return alias if isinstance(alias, str) else f"XIAOPU_{field.upper()}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from the process environment (or, for tests, from `environ` alone)."""
    try:
        if environ is None:
            settings = Settings()
        else:
            names = {_variable(f): f for f in Settings.model_fields}
            settings = Settings.model_validate({names[k]: v for k, v in environ.items() if k in names and v != ""})
        settings.dev_keys  # noqa: B018 - parsed now, so a bad entry stops start-up
    except ValidationError as exc:
        error = exc.errors()[0]
        if isinstance(cause := error.get("ctx", {}).get("error"), SettingsError):
            raise cause from None
        variable = _variable(str(error["loc"][0])) if error["loc"] else "setting"
        shown = "" if variable in SECRET_SETTINGS else f", got {error.get('input')!r}"
        raise SettingsError(f"{variable}: {error['msg']}{shown}") from None
    return settings


def for_child_processes(**variables: str) -> None:
    """Settings handed to processes this one starts (uvicorn's workers read them with `load_settings()`)."""
    for name, value in variables.items():
        os.environ[name] = value


def resolve_database_url(url: str, root: Path = REPO_ROOT) -> str:
    """Make a relative SQLite path absolute (against `root`) and create its folder; other URLs pass through."""
    scheme = urlsplit(url).scheme
    if scheme in ("postgres", "postgresql", "asyncpg"):
        return url
    if scheme != "sqlite":
        raise SettingsError(f"XIAOPU_DATABASE_URL: unsupported scheme {scheme!r}; use sqlite:// or postgres://")
    path_text, _, query = url.removeprefix("sqlite://").partition("?")
    if not path_text:
        raise SettingsError("XIAOPU_DATABASE_URL: a sqlite:// URL needs a file path")
    if path_text == SQLITE_MEMORY:
        return url
    path = Path(path_text)
    if not path.is_absolute():
        path = root / path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(f"XIAOPU_DATABASE_URL: cannot create the folder {path.parent}: {exc.strerror}") from exc
    return f"sqlite://{path}" + (f"?{query}" if query else "")


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc}"))


def parse_dev_keys(text: str) -> tuple[DevKey, ...]:
    """`role:key` or `role@party:key` entries, comma-separated (`supplier@SUP-91330100MA2AXXXX07:xpk_...`,
    `reviewer@Li Wei <li@example.com>:xpk_...`)."""
    keys = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        who, sep, plaintext = item.partition(":")
        role, _, party = who.partition("@")
        if not sep or not role.strip() or not plaintext.strip():
            raise SettingsError(f"XIAOPU_DEV_KEYS: expected role:key or role@party:key, got an entry for role "
                                f"{role.strip()!r}")
        keys.append(DevKey(role=role.strip(), plaintext=plaintext.strip(), party=party.strip() or None))
    return tuple(keys)
