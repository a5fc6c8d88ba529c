"""`xiaopu serve` as a real process group (a server and its workers), to start, kill with SIGKILL and restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.browser import ROOT, dev_keys_setting, free_port
from tests.clock import world_env

START_WAIT = 120.0  # a bound on hanging while a server starts (a shared machine can be slow), not a speed claim


@dataclass
class Server:
    """One `xiaopu serve` on its own port; `log` keeps its output (uvicorn's and the workers')."""

    database_url: str
    dev_keys: dict[str, str]
    log: Path
    workers: int = 1
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        environ = {**os.environ, "XIAOPU_DATABASE_URL": self.database_url, "XIAOPU_TICK_SECONDS": "0",
                   "XIAOPU_DEV_KEYS": dev_keys_setting(self.dev_keys), **world_env(), **self.env}
        with self.log.open("ab") as out:  # a new session: the server and its workers form one process group
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "cli.main", "serve", "--port", str(self.port), "--workers", str(self.workers)],
                cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer within {START_WAIT:.0f} s: {self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL to the server and every worker at once: nothing gets to finish or clean up."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
