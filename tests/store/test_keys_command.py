"""`xiaopu keys`: create prints only the key, and the key works; revoke and list manage what exists."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from store.api_keys import ApiKey, Role, find_active, utc_now
from store.db import connected
from tests.cli_run import xiaopu_here

ROOT = Path(__file__).resolve().parents[2]


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: str


async def xiaopu(database_url: str, *args: str) -> Run:
    """The command in this process (tests/cli_run.py)."""
    done = await asyncio.to_thread(xiaopu_here, args, {"XIAOPU_DATABASE_URL": database_url, "XIAOPU_DEV_KEYS": None})
    return Run(done.returncode, done.stdout, done.stderr)


async def xiaopu_process(database_url: str, *args: str) -> Run:
    """The command as a shell runs it: a process of its own."""
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url}
    env.pop("XIAOPU_DEV_KEYS", None)
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "cli.main", *args, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return Run(proc.returncode or 0, out.decode(), err.decode())


async def test_create_prints_only_a_working_key(database_url: str) -> None:
    run = await xiaopu(database_url, "keys", "create", "--role", "reviewer", "--label", "Ms Li",
                       "--person", "Li Mei <li.mei@xiaopu.test>", "--expires-in-days", "30")
    assert run.code == 0, run.stderr
    assert re.fullmatch(r"xpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n", run.stdout)
    async with connected(database_url):
        record = await find_active(run.stdout.strip(), utc_now())
        assert record is not None and (record.role, record.label) == (Role.REVIEWER, "Ms Li")
        assert record.expires_at is not None
        assert abs(record.expires_at - (utc_now() + dt.timedelta(days=30))) < dt.timedelta(minutes=5)
        assert record.key_id in run.stderr


async def test_revoke_then_list(database_url: str) -> None:
    key = (await xiaopu(database_url, "keys", "create", "--role", "storefront", "--party", "shop-1")).stdout.strip()
    key_id = key.split("_")[1]
    revoked = await xiaopu(database_url, "keys", "revoke", key_id)
    assert revoked.code == 0 and key_id in revoked.stdout
    async with connected(database_url):
        assert await find_active(key, utc_now()) is None
    listing = await xiaopu(database_url, "keys", "list")
    assert listing.code == 0
    header, row = listing.stdout.splitlines()
    assert header.split("\t")[:4] == ["key_id", "role", "for", "status"]
    assert row.split("\t")[:4] == [key_id, "storefront", "shop-1", "revoked"]
    assert key.split("_", 2)[2] not in listing.stdout  # the secret is never shown again


@pytest.mark.parametrize(("args", "code", "message"), [
    pytest.param(("keys", "revoke", "000000000000"), 1, "no key", id="revoke-unknown"),
    pytest.param(("keys", "create", "--role", "root"), 2, "invalid choice", id="unknown-role"),
    pytest.param(("keys", "create", "--role", "storefront", "--expires-in-days", "0"), 2, "days", id="zero-days"),
    pytest.param(("keys", "create", "--role", "storefront"), 2, "names its channel", id="storefront-without-channel"),
])
async def test_mistakes_fail_with_a_message_and_create_nothing(database_url: str, args: tuple[str, ...], code: int,
                                                               message: str) -> None:
    run = await xiaopu(database_url, *args)
    assert (run.code, run.stdout) == (code, "")
    assert message in run.stderr
    if "channel" in message or code == 1:  # the command reached the database: it must be unchanged
        async with connected(database_url):
            assert await ApiKey.all().count() == 0


@pytest.mark.parametrize(("url", "code", "said"), [
    pytest.param("sqlite://{tmp}/a-file/x.sqlite3", 2, "xiaopu: XIAOPU_DATABASE_URL: ", id="sqlite-folder-is-a-file"),
    pytest.param("postgres://postgres@127.0.0.1:1/xiaopu", 1, "xiaopu keys: ", id="postgres-refused"),
])
async def test_unusable_database_is_reported_not_raised(tmp_path: Path, url: str, code: int, said: str) -> None:
    (tmp_path / "a-file").write_text("")
    run = await xiaopu_process(url.format(tmp=tmp_path), "keys", "list")  # settings errors as a shell sees them
    assert (run.code, run.stdout) == (code, "")
    assert run.stderr.startswith(said) and "Traceback" not in run.stderr
