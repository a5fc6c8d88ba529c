"""docs/errors.md lists every code: regenerate it (`python -m problems.catalog`) when a code is added."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from api.common.auth import Forbidden
from engine.errors import FactError
from problems import XiaopuError
from store.errors import StoreBusy
from workflows.common.errors import Conflict

ROOT = Path(__file__).resolve().parents[1]


def test_the_error_page_is_up_to_date() -> None:
    done = subprocess.run([sys.executable, "-m", "problems.catalog", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_every_layer_raises_one_error_base() -> None:
    for error in (Forbidden("no"), FactError([("price", "not money")]), StoreBusy("locked"), Conflict("taken")):
        assert isinstance(error, XiaopuError) and error.code and 400 <= error.status < 600
    assert StoreBusy("locked").headers == {"Retry-After": "1"}
    assert FactError([("price", "not money")]).field_errors() == [
        {"field": "price", "code": "invalid_fact", "message": "not money"}]
