"""A command whose reader goes away (`xiaopu test -v | head`) exits quietly: no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [
    pytest.param(["test", "-v"], id="test"),
    pytest.param(["validate"], id="validate"),
    pytest.param(["diff", ".", "."], id="diff"),
])
def test_a_closed_pipe_ends_the_command_quietly(argv: list[str]) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", *argv], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
