"""Test servers and benchmarks only: a process started with this folder on PYTHONPATH takes the platform's clock from
its environment, in every worker process it starts too:

- XIAOPU_TEST_CLOCK_FILE (tests/clock.py, ClockFile): the time written in that file, read at every look at the clock,
  so that a test can move it;
- XIAOPU_TEST_CLOCK_AT (an ISO time with its offset; the benchmarks): the clock starts at that time and runs on at the
  real clock's pace, costing what the real clock costs (a file read at every look would be the benchmark's own work).
"""

import datetime as _dt
import os as _os

_path = _os.environ.get("XIAOPU_TEST_CLOCK_FILE")
_at = _os.environ.get("XIAOPU_TEST_CLOCK_AT")
if _path or _at:
    from store import clock as _clock

    if _path:
        def _read(path: str = _path) -> _dt.datetime:
            with open(path) as f:
                return _dt.datetime.fromisoformat(f.read().strip())

        _clock.use_source(_read)
    else:
        _offset = _dt.datetime.fromisoformat(str(_at)) - _dt.datetime.now(_dt.UTC)

        def _running(offset: _dt.timedelta = _offset) -> _dt.datetime:
            return _dt.datetime.now(_dt.UTC) + offset

        _clock.use_source(_running)
