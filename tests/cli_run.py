"""`xiaopu ...` run in the test's own process: what `python -m cli.main ...` prints and returns, without paying
a new interpreter and its imports (~1 s a command on the test machine).

`xiaopu_here(args, env)` calls cli.main.main as the console script does, on a thread of its own (the commands
run their own event loop with asyncio.run, which cannot start inside a test's) and in an empty context (so
neither sees the other's Tortoise connections), with `env` added to the environment, stdout and stderr
captured, and the test's clock (as a process the test starts would have: tests/clock.py's world_env). Only one such
command runs at a time.

Every command family keeps at least one test through a real process (`python -m cli.main`): the entry point,
exit codes and settings errors as a shell sees them."""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import subprocess
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from cli.main import main

_ONE_AT_A_TIME = threading.Lock()


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: int | str | None = main(argv)
        except SystemExit as exc:  # argparse's usage errors (2) and --help (0)
            code = exc.code
    if isinstance(code, str):  # sys.exit("message"): printed, exit status 1
        err.write(code + "\n")
        code = 1
    return code or 0, out.getvalue(), err.getvalue()


def xiaopu_here(args: Sequence[str], env: Mapping[str, str | None] | None = None
                ) -> subprocess.CompletedProcess[str]:
    """`xiaopu *args` with `env` set (a None value unsets the variable); its exit code and output."""
    argv = [str(a) for a in args]
    with _ONE_AT_A_TIME:
        saved_env = {name: os.environ.get(name) for name in (env or {})}
        try:
            for name, value in (env or {}).items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            with ThreadPoolExecutor(max_workers=1) as pool:
                code, stdout, stderr = pool.submit(contextvars.Context().run, _run, argv).result()
        finally:
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    return subprocess.CompletedProcess(["xiaopu", *argv], code, stdout, stderr)
