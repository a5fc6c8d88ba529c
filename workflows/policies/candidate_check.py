"""A candidate policy set is parsed, compiled and tried in a child process with time and memory limits.

The engine is a C extension: some rulesets crash the process that compiles them (a segfault at about 150
nested pattern groups), others make it fail or run long. The validator's limits keep every known case out,
but a publish must never take the serving process down with what it does not know yet: the child loads the
set, compiles every policy into the engine, runs the examples and the lint, holds the set to the service's
contract (`checked_policy_set`) and answers in JSON on its standard output. A crash, a limit or a failure of
the child is a `policy_rejected` diagnostic; the caller's event loop keeps serving while the child works.

Run as `python -m workflows.policies.candidate_check`: reads `{"files": {...}}` on standard input.
"""

from __future__ import annotations

import asyncio
import json
import resource
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine import PolicySet, PolicySetInvalid, load_policy_bundle
from workflows.policies.check_verdicts import TIMELESS, is_timeless, kept_or_run, request_key
from workflows.policies.soundness import PolicyRejected, checked_policy_set

if TYPE_CHECKING:  # the child imports this module on every check: no settings layer at run time
    from store.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CHILD = (sys.executable, "-m", "workflows.policies.candidate_check")
WHERE = "policies.yaml:1"  # a failure of the whole set has no better line to name


@dataclass(frozen=True)
class CheckLimits:
    """What one candidate check may spend (XIAOPU_POLICY_CHECK_SECONDS, XIAOPU_POLICY_CHECK_MEMORY_MB)."""

    seconds: float = 30.0
    memory_mb: int = 1024

    @classmethod
    def of(cls, settings: Settings) -> CheckLimits:
        return cls(settings.policy_check_seconds, settings.policy_check_memory_mb)


def _confine(limits: CheckLimits) -> Callable[[], None]:
    def apply() -> None:  # runs in the child before it starts Python
        memory = limits.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = max(1, int(limits.seconds) + 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    return apply


async def run_confined(command: Sequence[str], request: dict[str, Any], limits: CheckLimits
                       ) -> tuple[int, bytes, bytes] | None:
    """Run a check child on `request` (JSON on its standard input) within `limits`: its exit code, standard
    output and error; None when it ran out of time (it is killed). A timeless verdict given before for the same
    request is answered again without a child (check_verdicts.py)."""
    return await kept_or_run(request_key(command, request, limits), lambda: _run_child(command, request, limits))


async def _run_child(command: Sequence[str], request: dict[str, Any], limits: CheckLimits
                     ) -> tuple[int, bytes, bytes] | None:
    child = await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, preexec_fn=_confine(limits))
    try:
        out, err = await asyncio.wait_for(child.communicate(json.dumps(request).encode()), timeout=limits.seconds)
    except TimeoutError:
        child.kill()
        await child.wait()
        return None
    return child.returncode or 0, out, err


async def checked_in_child(files: Mapping[str, str], limits: CheckLimits = CheckLimits(),
                           command: Sequence[str] = CHILD) -> PolicySet:
    """The candidate, loaded here once the child found it sound; PolicyRejected with every problem otherwise."""
    ran = await run_confined(command, {"files": dict(files)}, limits)
    if ran is None:
        raise _refused("compiler_limit", f"checking the set took longer than {limits.seconds:g} s; "
                       "simplify its patterns and conditions")
    verdict = _verdict(*ran, limits)
    if verdict.get("problems"):
        raise PolicyRejected(verdict["message"], problems=verdict["problems"])
    try:
        pset = load_policy_bundle(files)
    except PolicySetInvalid as exc:  # cannot differ from the child's reading; kept as the last word anyway
        raise PolicyRejected("the policy set is not valid", problems=[str(d) for d in exc.diagnostics]) from None
    if pset.content_hash != verdict.get("content_hash"):
        raise _refused("compiler_failed", "the checked set and the stored set differ; try again")
    return pset


def _verdict(returncode: int, out: bytes, err: bytes, limits: CheckLimits) -> dict[str, Any]:
    if returncode < 0:
        name = signal.Signals(-returncode).name
        if -returncode in (signal.SIGXCPU, signal.SIGKILL):
            raise _refused("compiler_limit", f"checking the set used more than {limits.seconds:g} s of CPU ({name})")
        raise _refused("compiler_crashed", f"the candidate crashed the policy compiler ({name}); nothing was "
                       "stored and the service keeps serving; simplify its patterns and conditions")
    try:
        verdict = json.loads(out.decode("utf-8"))
        if not isinstance(verdict, dict):
            raise ValueError("not an object")
    except ValueError:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {returncode}"]
        if "MemoryError" in tail[0]:
            raise _refused("compiler_limit", f"checking the set needed more than {limits.memory_mb} MB") from None
        raise _refused("compiler_failed", f"the policy compiler failed: {tail[0][:300]}") from None
    verdict.pop(TIMELESS, None)  # for the verdict cache only
    return verdict


def _refused(code: str, message: str) -> PolicyRejected:
    return PolicyRejected(f"the policy set was refused: {message}", problems=[f"{WHERE}: {code}: {message}"])


def _check(files: Mapping[str, str]) -> dict[str, Any]:
    try:
        pset = checked_policy_set(files)
    except PolicyRejected as exc:
        return {"message": exc.message, "problems": exc.extra.get("problems", [])}
    except Exception as exc:  # noqa: BLE001 - whatever the engine raises is the candidate's problem
        message = f"the policy compiler refused the set: {exc}"[:500]
        return {"message": message, "problems": [f"{WHERE}: compiler_failed: {message}"]}
    return {"content_hash": pset.content_hash, TIMELESS: is_timeless({}, pset.effective_from)}


def main() -> int:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    json.dump(_check(request["files"]), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
