"""The access log is written in batches, the other lines at once and in order; request ids are random, unique and
never shared with a forked child (workflows/common/log_buffer.py, workflows/common/request_context.py)."""

from __future__ import annotations

import io
import json
import logging
import multiprocessing
import re
import time

from workflows.common.log_buffer import BufferedLines
from workflows.common.request_context import JsonLogFormatter, fresh_request_id, log_fields

ACCESS = "test.access"


def a_logger(name: str, handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    return logger


def lines_of(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def buffered_handler(stream: io.StringIO, **options: float) -> BufferedLines:
    handler = BufferedLines(stream, buffered=frozenset({ACCESS}), **options)  # type: ignore[arg-type]
    handler.setFormatter(JsonLogFormatter())
    return handler


def test_access_lines_wait_then_reach_the_stream_within_the_flush_interval() -> None:
    stream = io.StringIO()
    access = a_logger(ACCESS, buffered_handler(stream, flush_seconds=0.05))
    for n in range(3):
        log_fields(access, "request", {"n": n})
    assert stream.getvalue() == ""  # waiting: no write per request
    deadline = time.monotonic() + 5
    while len(lines_of(stream)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [line["n"] for line in lines_of(stream)] == [0, 1, 2]  # the writer thread wrote them, in order


def test_other_lines_and_warnings_are_written_at_once_after_what_waits() -> None:
    stream = io.StringIO()
    handler = buffered_handler(stream, flush_seconds=3600)
    access, other = a_logger(ACCESS, handler), a_logger("test.other", handler)
    log_fields(access, "request", {"n": 1})
    other.info("applied a migration")
    assert [line["message"] for line in lines_of(stream)] == ["request", "applied a migration"]
    log_fields(access, "request", {"n": 2})
    access.warning("slow request")
    assert [line["message"] for line in lines_of(stream)] == ["request", "applied a migration", "request",
                                                                "slow request"]


def test_a_full_buffer_is_written_without_waiting() -> None:
    stream = io.StringIO()
    access = a_logger(ACCESS, buffered_handler(stream, flush_seconds=3600, flush_bytes=1000))
    for n in range(25):  # about 100 bytes each
        log_fields(access, "request", {"n": n})
    written = lines_of(stream)
    assert 0 < len(written) < 25 and [line["n"] for line in written] == list(range(len(written)))
    logging.getLogger(ACCESS).handlers[0].flush()  # as logging.shutdown does at exit
    assert [line["n"] for line in lines_of(stream)] == list(range(25))


def test_request_ids_are_random_and_unique() -> None:
    ids = [fresh_request_id() for _ in range(2000)]  # across several batches read from the OS
    assert len(set(ids)) == 2000 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len({i[:8] for i in ids}) > 1900  # not a counter: consecutive ids share no prefix


def _next_id(out: multiprocessing.queues.Queue[str]) -> None:  # type: ignore[name-defined]
    out.put(fresh_request_id())


def test_a_forked_child_does_not_hand_out_its_parents_ids() -> None:
    fresh_request_id()  # the parent holds a batch it has not used up
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    child = fork.Process(target=_next_id, args=(out,))
    child.start()
    theirs = out.get(timeout=30)
    child.join(30)
    assert theirs != fresh_request_id()
