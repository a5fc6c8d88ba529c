"""`xiaopu serve` migrates the database and answers /healthz over real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.browser import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_serve_answers_healthz(tmp_path: Path) -> None:
    port, db_file = free_port(), tmp_path / "served.sqlite3"
    env = {**os.environ, "XIAOPU_DATABASE_URL": f"sqlite://{db_file}"}
    env.pop("XIAOPU_DEV_KEYS", None)
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, response = time.monotonic() + 30, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert response is not None, f"no answer within 30 s (exit code {proc.poll()})"
        assert response.status_code == 200 and response.json()["status"] == "ok"
        assert db_file.exists()
        assert httpx.get(f"http://127.0.0.1:{port}/v1/whoami", timeout=5).status_code == 401
    finally:
        proc.terminate()
        try:
            output, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
    assert "1 migration(s) applied" in output or "migration(s) applied" in output, output
