"""What every test process would otherwise work out at once on a clean clone, worked out once beforehand.

`make test` runs this beside the lint (which keeps one core busy) and waits for both before the test processes
start. On a clean clone nothing is compiled yet: the first `pytest` process compiles every module it imports
(Python's bytecode of the third-party packages, pytest's assertion-rewritten test modules) and Hypothesis works
out its Unicode tables and the constants it draws from the project's code. Done by the four test processes at
the same moment, that was ~7 s of CPU each (9.8 s to collect the suite cold against 2.9 s warm, here); done once
here, they find it all on disk.

1. Collect the suite (`pytest --collect-only`): writes the bytecode and the rewritten test modules.
2. Hypothesis' Unicode tables (~3.5 s of CPU, the first time a test draws text), kept under
   `.hypothesis/unicode_data`.
3. The constants Hypothesis draws from the project's modules, kept under `.hypothesis/constants`.

Hypothesis' internals may move: then steps 2 and 3 do nothing, and each test process works them out as before.
Nothing here decides whether a test passes."""

from __future__ import annotations

import contextlib
import subprocess
import sys


def main() -> None:
    subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", "-p", "no:cacheprovider"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    with contextlib.suppress(Exception):
        from hypothesis.internal.charmap import charmap, intervals_from_codec

        charmap()
        intervals_from_codec("utf-8")
    with contextlib.suppress(Exception):
        from hypothesis.internal.conjecture.providers import _get_local_constants

        import api.app  # noqa: F401  (the project's modules, as the tests import them)
        import tests.conftest  # noqa: F401

        _get_local_constants()


if __name__ == "__main__":
    main()
