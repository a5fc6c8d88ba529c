"""Settings: database URLs resolved against the repository, development keys parsed, secrets redacted."""

from __future__ import annotations

import os
import subprocess
import sys
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
from tests.cli_run import xiaopu_here

ROOT = Path(__file__).resolve().parents[2]


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
    assert (settings.secure_cookies, settings.page_session_hours) == (False, 8.0)


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


@pytest.mark.parametrize(("variable", "value", "words"), [
    pytest.param("XIAOPU_TICK_SECONDS", "abc", "a valid number", id="tick-not-a-number"),
    pytest.param("XIAOPU_TICK_SECONDS", "-1", "greater than or equal to 0", id="tick-negative"),
    pytest.param("XIAOPU_POLICY_POLL_SECONDS", "0", "greater than 0", id="poll-zero"),
    pytest.param("XIAOPU_MAX_BODY_BYTES", "1.5", "valid integer", id="body-not-whole"),
    pytest.param("XIAOPU_DATABASE_URL", "mysql://u:secret@h/db", "unsupported scheme", id="database-url"),
])
@pytest.mark.parametrize("command", [pytest.param(["validate"], id="validate"), pytest.param(["tick"], id="tick"),
                                     pytest.param(["serve", "--port", "1"], id="serve")])
def test_a_bad_setting_stops_every_command_with_exit_2_naming_it(variable: str, value: str, words: str,
                                                                 command: list[str]) -> None:
    if variable == "XIAOPU_DATABASE_URL" or command[0] == "serve":  # as a shell sees it: a process of its own
        done = subprocess.run([sys.executable, "-m", "cli.main", *command], cwd=ROOT,
                              env={**os.environ, variable: value}, capture_output=True, text=True, timeout=60)
    else:  # in this process (tests/cli_run.py)
        done = xiaopu_here(command, {variable: value})
    assert done.returncode == 2
    assert done.stderr.startswith(f"xiaopu: {variable}: ") and words in done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr


def test_settings_are_read_from_the_environment_in_one_module_only() -> None:
    found = subprocess.run(["grep", "-rn", "os.environ", "--include=*.py", "api", "workflows", "store", "engine",
                            "cli", "reports"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    assert found and {line.split(":")[0] for line in found} == {"store/settings.py"}


def test_every_setting_is_read_and_typed() -> None:
    settings = load_settings({"XIAOPU_TICK_SECONDS": "5", "XIAOPU_POLICY_POLL_SECONDS": "0.25",
                              "XIAOPU_MAX_BODY_BYTES": "2048", "XIAOPU_AUTHOR": "Li Wei <li@example.com>",
                              "XIAOPU_POLICY_PATH": "/tmp/policies", "PROMETHEUS_MULTIPROC_DIR": "/tmp/m"})
    assert (settings.tick_seconds, settings.policy_poll_seconds, settings.max_body_bytes) == (5.0, 0.25, 2048)
    assert (settings.author, str(settings.policy_path), settings.metrics_dir) == (
        "Li Wei <li@example.com>", "/tmp/policies", "/tmp/m")
    pages = load_settings({"XIAOPU_SECURE_COOKIES": "true", "XIAOPU_PAGE_SESSION_HOURS": "0.5"})
    assert (pages.secure_cookies, pages.page_session_hours) == (True, 0.5)


@pytest.mark.parametrize(("variable", "value", "words"), [
    pytest.param("XIAOPU_SECURE_COOKIES", "maybe", "valid boolean", id="secure-not-a-boolean"),
    pytest.param("XIAOPU_PAGE_SESSION_HOURS", "0", "greater than 0", id="session-hours-zero"),
    pytest.param("XIAOPU_PAGE_SESSION_HOURS", "1000", "less than or equal to 720", id="session-hours-a-month"),
])
def test_bad_page_settings_name_the_variable(variable: str, value: str, words: str) -> None:
    with pytest.raises(SettingsError, match=f"^{variable}: .*{words}"):
        load_settings({variable: value})
