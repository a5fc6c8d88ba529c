"""Settings: database URLs resolved against the repository, development keys parsed, secrets redacted."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.settings import (
    DEFAULT_DATABASE_URL,
    DevKey,
    SettingsError,
    load_settings,
    parse_dev_keys,
    redacted,
    resolve_database_url,
)


def test_relative_sqlite_path_is_resolved_against_the_root_and_its_folder_created(tmp_path: Path) -> None:
    assert resolve_database_url("sqlite://var/db/x.sqlite3", root=tmp_path) == f"sqlite://{tmp_path}/var/db/x.sqlite3"
    assert (tmp_path / "var" / "db").is_dir()


@pytest.mark.parametrize("url", [
    pytest.param("sqlite://:memory:", id="memory"),
    pytest.param("postgres://u:p@db.example:5432/xiaopu", id="postgres"),
    pytest.param("postgresql://u@db.example/xiaopu?ssl=require", id="postgresql"),
])
def test_other_urls_pass_through(url: str, tmp_path: Path) -> None:
    assert resolve_database_url(url, root=tmp_path) == url


def test_absolute_sqlite_path_is_kept(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path}/a/b.sqlite3"
    assert resolve_database_url(url, root=Path("/elsewhere")) == url


@pytest.mark.parametrize("url", [
    pytest.param("mysql://u@h/db", id="unsupported-scheme"),
    pytest.param("sqlite://", id="sqlite-without-path"),
])
def test_unusable_urls_name_the_setting(url: str) -> None:
    with pytest.raises(SettingsError, match="XIAOPU_DATABASE_URL"):
        resolve_database_url(url)


def test_defaults() -> None:
    settings = load_settings({})
    assert DEFAULT_DATABASE_URL == "sqlite://var/xiaopu.sqlite3"
    assert settings.database_url.endswith("/var/xiaopu.sqlite3") and settings.database_url.startswith("sqlite:///")
    assert settings.dev_keys == ()


@pytest.mark.parametrize(("text", "keys"), [
    pytest.param("", (), id="empty"),
    pytest.param("storefront:devkey1", (DevKey("storefront", "devkey1"),), id="one"),
    pytest.param(" storefront:devkey1 , policy_admin:dev:key2,", (DevKey("storefront", "devkey1"),
                                                                  DevKey("policy_admin", "dev:key2")), id="two"),
])
def test_dev_keys(text: str, keys: tuple[DevKey, ...]) -> None:
    assert parse_dev_keys(text) == keys


@pytest.mark.parametrize("text", [
    pytest.param("storefront", id="no-colon"),
    pytest.param("storefront:", id="no-key"),
    pytest.param(":secretvalue", id="no-role"),
])
def test_bad_dev_keys_are_refused_without_echoing_secrets(text: str) -> None:
    with pytest.raises(SettingsError, match="XIAOPU_DEV_KEYS") as info:
        parse_dev_keys(text)
    assert "secretvalue" not in str(info.value)


@pytest.mark.parametrize(("url", "shown"), [
    pytest.param("postgres://u:s3cret@h:5432/db", "postgres://u:***@h:5432/db", id="password"),
    pytest.param("postgres://u@h/db", "postgres://u@h/db", id="no-password"),
    pytest.param("sqlite:///tmp/x.sqlite3", "sqlite:///tmp/x.sqlite3", id="sqlite"),
])
def test_redacted(url: str, shown: str) -> None:
    assert redacted(url) == shown


def test_a_folder_that_cannot_be_created_is_a_settings_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(SettingsError, match="XIAOPU_DATABASE_URL"):
        resolve_database_url("sqlite://a-file/x.sqlite3", root=tmp_path)
