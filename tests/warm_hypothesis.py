"""Hypothesis' Unicode tables, worked out once before the test processes start.

The first test in a process that draws text makes Hypothesis work out which characters each Unicode category
and the UTF-8 codec hold (~3.5 s of CPU here) and keep them under `.hypothesis/unicode_data`; on a clean clone all
four test processes would do it at once. `make test` runs this in the background while the lint runs on one core,
so the test processes find the tables made. Hypothesis' internals may move: then this does nothing and each test
process works the tables out as before."""

from __future__ import annotations

import contextlib


def main() -> None:
    with contextlib.suppress(Exception):
        from hypothesis.internal.charmap import charmap, intervals_from_codec

        charmap()
        intervals_from_codec("utf-8")


if __name__ == "__main__":
    main()
