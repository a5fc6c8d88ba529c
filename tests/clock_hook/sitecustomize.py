"""Test servers only: a process started with XIAOPU_TEST_CLOCK_FILE (tests/clock.py, ClockFile) and this folder on
PYTHONPATH reads the platform's clock from that file, in every worker process it starts too."""

import datetime as _dt
import os as _os

_path = _os.environ.get("XIAOPU_TEST_CLOCK_FILE")
if _path:
    from store import clock as _clock

    def _read(path: str = _path) -> _dt.datetime:
        with open(path) as f:
            return _dt.datetime.fromisoformat(f.read().strip())

    _clock.use_source(_read)
