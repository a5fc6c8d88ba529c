"""Test servers and benchmarks only: a process started with this folder on PYTHONPATH takes the platform's clock from
its environment, in every worker process it starts too:

- XIAOPU_TEST_CLOCK_FILE (tests/clock.py, ClockFile): the time written in that file, read at every look at the clock,
  so that a test can move it;
- XIAOPU_TEST_CLOCK_AT (an ISO time with its offset; the benchmarks): the clock starts at that time and runs on at the
  real clock's pace, costing what the real clock costs (a file read at every look would be the benchmark's own work);
- XIAOPU_TEST_CLOCK_OFFSET (seconds; tests/clock.py's world_env): the clock runs that far from the real clock, as
  the clock of the test that started the process does.
"""

import datetime as _dt
import os as _os

_path = _os.environ.get("XIAOPU_TEST_CLOCK_FILE")
_at = _os.environ.get("XIAOPU_TEST_CLOCK_AT")
_shift = _os.environ.get("XIAOPU_TEST_CLOCK_OFFSET")
if _path or _at or _shift:
    from store import clock as _clock

    if _path:
        def _read(path: str = _path) -> _dt.datetime:
            with open(path) as f:
                return _dt.datetime.fromisoformat(f.read().strip())

        _clock.use_source(_read)
    else:
        _offset = (_dt.datetime.fromisoformat(_at) - _dt.datetime.now(_dt.UTC) if _at
                   else _dt.timedelta(seconds=float(str(_shift))))

        def _running(offset: _dt.timedelta = _offset) -> _dt.datetime:
            return _dt.datetime.now(_dt.UTC) + offset

        _clock.use_source(_running)
