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

REQUEST_ID_HEADER = "x-request-id"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,64}")
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

# LogRecord attributes that are not `extra=` fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def request_id_from(header: str | None) -> str:
    """The caller's id when it is sane, else a new one (never an error: a bad id is not worth a 4xx)."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return os.urandom(16).hex()  # as random as uuid4().hex, without building a UUID on every request


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
    """Our loggers write JSON lines to stderr at INFO and up (once per process, however many apps)."""
    logger = logging.getLogger(logger_name)
    if any(isinstance(h.formatter, JsonLogFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLogFormatter())
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
