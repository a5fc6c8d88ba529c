"""Log lines written to their stream in batches, as a web server buffers its access log: a serving process logs a
line on every request, and writing each one alone cost a system call per request (about 5 us of a quote's 150 on
the benchmark machine).

Only the loggers named in `buffered` (the access log) wait: a line of theirs reaches the stream at most
FLUSH_SECONDS after it was logged (a background thread writes what waits), when FLUSH_BYTES are waiting, and at
exit (`logging.shutdown` flushes every handler). Any other line, and any WARNING or worse, is written at once,
after everything logged before it, so the stream keeps the order of the lines."""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import TextIO

FLUSH_SECONDS = 0.2
FLUSH_BYTES = 64 * 1024


class BufferedLines(logging.StreamHandler):  # type: ignore[type-arg]
    def __init__(self, stream: TextIO, *, buffered: frozenset[str], flush_seconds: float = FLUSH_SECONDS,
                 flush_bytes: int = FLUSH_BYTES) -> None:
        super().__init__(stream)
        self.buffered = buffered
        self.flush_seconds, self.flush_bytes = flush_seconds, flush_bytes
        self._waiting: list[str] = []
        self._size = 0
        self._writer: threading.Thread | None = None
        os.register_at_fork(after_in_child=self._forget_writer)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
        except Exception:  # noqa: BLE001 (logging's own contract: a line that cannot be formatted is reported)
            self.handleError(record)
            return
        self._waiting.append(line)
        self._size += len(line)
        if (record.levelno >= logging.WARNING or record.name not in self.buffered
                or self._size >= self.flush_bytes):
            self.flush()
        elif self._writer is None:
            self._writer = threading.Thread(target=self._write_every, name="log-lines", daemon=True)
            self._writer.start()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            lines, self._waiting, self._size = "".join(self._waiting), [], 0
            try:
                if lines:
                    self.stream.write(lines)
                self.stream.flush()
            except (OSError, ValueError):  # a closed stream (at exit, or a test's captured stderr): nowhere to go
                pass

    def _write_every(self) -> None:
        while True:
            time.sleep(self.flush_seconds)
            self.flush()

    def _forget_writer(self) -> None:
        """In a forked child the thread does not exist; the next line starts one."""
        self._writer = None
