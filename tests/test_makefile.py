"""The README's commands take the settings a newcomer expects."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_takes_host_and_port() -> None:
    plan = subprocess.run(["make", "-n", "run", "HOST=0.0.0.0", "PORT=8100"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout
    assert "xiaopu serve --host 0.0.0.0 --port 8100" in plan
