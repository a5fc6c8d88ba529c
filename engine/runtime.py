"""The only module that imports durable_rules. It guards against every hazard in durable_rules.md.

- The stock Host starts background threads that steal actions and crash with deletes: `_run` is off.
- The C extension has no locks and never releases the GIL: one lock around every engine call.
- Per-session state collides (32-bit sid hash) and is capped at 1,024 live sessions: one fixed
  session id per ruleset, no state ever written, nothing accumulated (each fact is retracted).
- A session where no action ran segfaults on delete: every ruleset has a catch-all rule.
- Ruleset names cannot be registered twice and dropping one leaks its session buffers unless the
  session is deleted first: rulesets are named `<policy>@<hash>` and dropped state-first.
- `set_rulesets` mutates its argument: it gets a deep copy.
- Asserting a fact runs a rule's action once per `$or` branch that matches (found by the differential
  test): firings are de-duplicated, a rule either fired or it did not.
- An exception inside an action is swallowed into the session state: actions only append an id,
  and a call that ran no action at all is reported as an error.
- durable's Python layer writes every message and state to the C code as JSON text with `json`, and reads
  every action's message back with it: two writes and two reads per evaluation, ~19% of its time. What
  crosses is text, booleans and int64 only (`check_engine_values`; the compiled rulesets likewise), which
  orjson writes as the same JSON (`EngineJson`), in C.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from collections.abc import Callable, Mapping
from typing import Any

import durable_rules_engine
import orjson
from durable import engine as durable

from engine.errors import EvaluationError
from engine.fields import INT64_MAX, INT64_MIN

SESSION_ID = "evaluation"


class EngineJson:
    """The `json` durable's engine module uses: orjson, the same JSON for the values that cross (module docstring;
    tests/engine/test_runtime_hazards.py holds its text to json's values)."""

    @staticmethod
    def dumps(value: Any, ensure_ascii: bool = True) -> str:
        # durable passes ensure_ascii=False everywhere: UTF-8 text, as orjson writes it
        return orjson.dumps(value).decode()

    loads = staticmethod(orjson.loads)


durable.json = EngineJson


class _QuietHost(durable.Host):  # type: ignore[misc]
    def _run(self) -> None:
        """No background loops: no timers, no stolen actions, no crash on delete."""


class EngineRuntime:
    def __init__(self) -> None:
        self._host = _QuietHost()
        self._lock = threading.Lock()
        self._fired: list[str] = []
        self._refs: dict[str, int] = {}  # ruleset name -> how many loaded policy sets use it

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:  # durable requires exactly one positional parameter
            self._fired.append(rule_id)

        return action

    def register(self, name: str, compiled: dict[str, Any]) -> None:
        """Register a compiled ruleset under `name` (unique per policy content); a name registered already is only
        counted (every app built in one process, a version loaded again)."""
        with self._lock:
            if name not in self._refs:
                rules = copy.deepcopy(compiled)
                for rule in rules.values():
                    rule["run"] = self._action(rule["run"])
                self._host.set_rulesets({name: rules})
            self._refs[name] = self._refs.get(name, 0) + 1

    def drop(self, name: str) -> None:
        """Release one use of a ruleset; the last release frees it, session buffers first (or it leaks)."""
        with self._lock:
            if self._refs.get(name, 0) > 1:
                self._refs[name] -= 1
                return
            if self._refs.pop(name, None) is None:
                return
            ruleset = self._host._ruleset_directory.pop(name)
            self._host._ruleset_list.remove(ruleset)
            with contextlib.suppress(Exception):  # the session was never used: nothing to free
                ruleset.delete_state(SESSION_ID)
            durable_rules_engine.delete_ruleset(ruleset._handle)

    @property
    def registered(self) -> frozenset[str]:
        return frozenset(self._refs)

    def fire(self, name: str, values: dict[str, Any], mode: str) -> list[str]:
        """Ids of the rules that fired for one message, in firing order (catch-all included)."""
        message = dict(values, sid=SESSION_ID, __req=1)
        check_engine_values(message)
        with self._lock:
            if name not in self._refs:
                raise EvaluationError(f"ruleset {name!r} is not registered")
            self._fired = []
            if mode == "post":
                self._host.post(name, message)
            else:
                self._host.assert_fact(name, message)
                self._host.retract_fact(name, message)
            fired, self._fired = self._fired, []
        if not fired:
            raise EvaluationError("the engine ran no rule for this input (its catch-all never fired)")
        return list(dict.fromkeys(fired))


def check_engine_values(message: Mapping[str, Any]) -> None:
    """Last line of defence before the C code: only str, bool and int64, JSON-safe text."""
    for key, value in message.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")  # a lone surrogate cannot cross into the C code
            except UnicodeEncodeError:
                raise EvaluationError(f"{key}: text is not valid Unicode") from None
            continue
        if isinstance(value, bool) or (isinstance(value, int) and INT64_MIN <= value <= INT64_MAX):
            continue
        raise EvaluationError(f"{key}: {value!r} cannot be given to the engine (only text, booleans and "
                              "integers within int64 are exact there)")
