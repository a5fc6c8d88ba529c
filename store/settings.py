"""Settings, read from the environment in this one place.

XIAOPU_DATABASE_URL  where the data lives; default `sqlite://var/xiaopu.sqlite3`, relative to the repo root.
                     `postgres://user@host:5432/db` (or `postgresql://`) goes to PostgreSQL through asyncpg.
XIAOPU_DEV_KEYS      optional development API keys, `role:key,role:key`; stored hashed at start-up.
                     They come from the environment only and never belong in the repository.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "sqlite://var/xiaopu.sqlite3"
SQLITE_MEMORY = ":memory:"
# Not a user setting: `xiaopu serve` sets it once it has migrated, so that its worker(s) skip a second pass.
MIGRATED_ENV = "XIAOPU_SERVE_MIGRATED"


class SettingsError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True)
class DevKey:
    role: str
    plaintext: str


@dataclass(frozen=True)
class Settings:
    database_url: str
    dev_keys: tuple[DevKey, ...] = ()


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(
        database_url=resolve_database_url(env.get("XIAOPU_DATABASE_URL") or DEFAULT_DATABASE_URL),
        dev_keys=parse_dev_keys(env.get("XIAOPU_DEV_KEYS", "")),
    )


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
    keys = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        role, sep, plaintext = item.partition(":")
        if not sep or not role.strip() or not plaintext.strip():
            raise SettingsError(f"XIAOPU_DEV_KEYS: expected role:key, got an entry for role {role.strip()!r}")
        keys.append(DevKey(role=role.strip(), plaintext=plaintext.strip()))
    return tuple(keys)
