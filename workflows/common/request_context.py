"""What every request carries through the code: its id; and the JSON log lines that name it.

The id is the caller's `X-Request-ID` when it is sane (1-64 of `A-Za-z0-9._:-`), else a fresh one; it is
echoed in the response header, in every problem body, and in every log line written while handling it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
from contextvars import ContextVar
from typing import Any

import orjson

from workflows.common.log_buffer import BufferedLines

REQUEST_ID_HEADER = "x-request-id"
ACCESS_LOGGER = "xiaopu.access"  # one line per request (api/common/middleware/access_log.py)
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,64}")
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

# LogRecord attributes that are not `extra=` fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class _FreshIds:
    """Request ids as random as uuid4().hex (128 bits from the OS), read 256 at a time: one system call per 256
    requests instead of one per request. Random, not counted: an id tells a caller nothing of other requests."""

    BATCH = 256

    def __init__(self) -> None:
        self._random, self._at = b"", 0
        os.register_at_fork(after_in_child=self._forget)  # a forked child must not hand out its parent's ids

    def __call__(self) -> str:
        at = self._at
        if at >= len(self._random):
            self._random, at = os.urandom(16 * self.BATCH), 0
        self._at = at + 16
        return self._random[at:at + 16].hex()

    def _forget(self) -> None:
        self._random, self._at = b"", 0


fresh_request_id = _FreshIds()


def request_id_from(header: str | None) -> str:
    """The caller's id when it is sane, else a new one (never an error: a bad id is not worth a 4xx)."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return fresh_request_id()


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request id, any `extra=` fields, and
    the traceback (logs only; responses never carry one)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        if request_id:
            line["request_id"] = request_id
        fields = getattr(record, FIELDS, None)
        if isinstance(fields, dict):  # log_fields: the line's fields as they are
            line.update(fields)
        else:
            line.update({k: v for k, v in vars(record).items() if k not in _STANDARD and k != "request_id"})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        try:  # orjson: the same JSON in C, a fifth of json's time on an access-log line
            return orjson.dumps(line, default=str, option=orjson.OPT_NON_STR_KEYS).decode()
        except orjson.JSONEncodeError:  # an integer beyond 64 bits, which orjson does not write
            return json.dumps(line, default=str, ensure_ascii=False)


FIELDS = "xiaopu_fields"


def log_fields(logger: logging.Logger, message: str, fields: dict[str, Any]) -> None:
    """One INFO line with these fields, for a line written on every request (the access log): the record is made
    directly, without `extra=` (copied key by key into the record, then scanned back out by the formatter) and
    without looking up the caller's source line, which no JSON line shows. Handlers and filters apply as usual."""
    record = logging.LogRecord(logger.name, logging.INFO, "", 0, message, None, None)
    setattr(record, FIELDS, fields)
    logger.handle(record)


def install_json_logging(logger_name: str = "xiaopu") -> None:
    """Our loggers write JSON lines to stderr at INFO and up (once per process, however many apps). No line shows
    the thread or the process, so records do not look them up (logging's documented switches; a third off the
    making of every access-log record)."""
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logger = logging.getLogger(logger_name)
    if any(isinstance(h.formatter, JsonLogFormatter) for h in logger.handlers):
        return
    handler = BufferedLines(sys.stderr, buffered=frozenset({ACCESS_LOGGER}))  # workflows/common/log_buffer.py
    handler.setFormatter(JsonLogFormatter())
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
