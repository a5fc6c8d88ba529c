"""The policy versions a serving process answers with, kept in step with the database.

`PolicyRegistry` answers like an `Evaluator`, but each decision comes from the version in force at its
`as_of` (or, for a policy that says `rules_in_force_at: <input>`, at that input's time). Every process
polls the activation timeline (two indexed one-row queries every `poll_seconds`) and compiles what is new
off the event loop before swapping it in, so a publish, a schedule or a rollback reaches every process
within `poll_seconds` plus a compile, without a restart. A version with a future `effective_from` is
compiled as soon as it is scheduled and takes over at that instant, in every process alike. Requests in
flight keep the evaluator they started with; no evaluator is ever dropped while the process serves.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from engine import Decision, Evaluator, Policy, PolicySet, load_policy_bundle
from engine.fields import EngineValue, ValueProblem, to_utc_datetime
from store import clock
from store.policy_versions import PolicyActivation, PolicyVersion, ShadowRun
from workflows.policies.shadow import ShadowRecorder

log = logging.getLogger("xiaopu.policy")


class PolicyRegistry:
    def __init__(self, files_set: Evaluator) -> None:
        """`files_set`: the policy files loaded at start-up; they answer until the database timeline is read."""
        self._by_hash: dict[str, Evaluator] = {files_set.policy_set.content_hash: files_set}
        self._files_by_version: dict[int, str] = {}  # version id -> content hash
        self._timeline: tuple[list[dt.datetime], list[str]] = ([], [])  # sorted effective_from, content hash
        self._fallback = files_set
        self._marker: tuple[Any, ...] = ()
        self.shadow = ShadowRecorder()

    # --- answering like an Evaluator -------------------------------------------------------------------
    def at(self, as_of: dt.datetime) -> Evaluator:
        """The evaluator of the version in force at `as_of` (before the first activation: the first version)."""
        starts, hashes = self._timeline
        if not starts:
            return self._fallback
        i = max(bisect.bisect_right(starts, as_of.astimezone(dt.UTC)) - 1, 0)
        return self._by_hash[hashes[i]]

    @property
    def current(self) -> Evaluator:
        return self.at(clock.now())

    @property
    def policy_set(self) -> PolicySet:
        return self.current.policy_set

    def policy(self, policy_id: str) -> Policy:
        return self.current.policy(policy_id)

    def facts(self, policy_id: str, facts: Mapping[str, Any], *, money_ints_are_fen: bool = True
              ) -> dict[str, EngineValue]:
        return self.current.facts(policy_id, facts, money_ints_are_fen=money_ints_are_fen)

    def evaluate(self, policy_id: str, facts: Mapping[str, Any], *, as_of: dt.datetime | None = None,
                 money_ints_are_fen: bool = True, explain: bool = False) -> Decision:
        as_of = as_of or clock.now()
        evaluator = self.judging(policy_id, facts, as_of)
        decision = evaluator.evaluate(policy_id, facts, as_of=as_of, money_ints_are_fen=money_ints_are_fen,
                                      explain=explain)
        self.shadow.compare(decision, facts, money_ints_are_fen)
        return decision

    def judging(self, policy_id: str, facts: Mapping[str, Any], as_of: dt.datetime) -> Evaluator:
        """The version that judges this decision: in force at `as_of`, or at the time the policy names."""
        evaluator = self.at(as_of)
        policy = evaluator.policy(policy_id)
        when = facts.get(policy.rules_in_force_at) if policy.rules_in_force_at else None
        if when is None:
            return evaluator
        try:
            then = self.at(to_utc_datetime(when))
        except ValueProblem:  # the evaluation itself reports the bad value
            return evaluator
        return then if policy_id in then.policy_set.policies else evaluator

    # --- keeping in step with the database ------------------------------------------------------------
    async def refresh(self) -> bool:
        """Read the timeline and the shadow run if they changed; True when something new was taken in."""
        last = await PolicyActivation.all().order_by("-id").limit(1).values_list("id", flat=True)
        shadow = await ShadowRun.all().order_by("-id").limit(1).values_list("id", "version_id", "stopped_at")
        cancelled = await PolicyActivation.filter(cancelled_at__isnull=False).count()
        marker = (tuple(last), tuple(shadow), cancelled)
        if marker == self._marker:
            return False
        rows = await PolicyActivation.filter(cancelled_at__isnull=True).order_by("effective_from", "id").values_list(
            "effective_from", "version_id")
        running = shadow[0] if shadow and shadow[0][2] is None else None
        wanted = {version_id for _, version_id in rows} | ({running[1]} if running else set())
        await self._compile(wanted)
        self._timeline = ([start.astimezone(dt.UTC) for start, _ in rows],
                          [self._files_by_version[v] for _, v in rows])
        self.shadow.follow(running[0] if running else None,
                           self._by_hash[self._files_by_version[running[1]]] if running else None)
        self._marker = marker
        log.info("policy timeline read: %d activation(s); in force now %s", len(rows), self.current.policy_set.label)
        return True

    async def _compile(self, version_ids: set[int]) -> None:
        missing = version_ids - self._files_by_version.keys()
        for version in await PolicyVersion.filter(id__in=missing):
            if version.content_hash not in self._by_hash:
                self._by_hash[version.content_hash] = await asyncio.to_thread(_compiled, dict(version.files))
            self._files_by_version[version.id] = version.content_hash

    async def watch(self, poll_seconds: float, stop: asyncio.Event) -> None:
        """Refresh every `poll_seconds` and write what the shadow found, until `stop`; errors are logged, not
        fatal (the versions already compiled keep answering)."""
        while not stop.is_set():
            try:
                await self.refresh()
                await self.shadow.flush()
            except Exception:
                log.exception("could not read the policy timeline; serving what was read before")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
        await self.shadow.flush()


def _compiled(files: dict[str, str]) -> Evaluator:
    return Evaluator(load_policy_bundle(files))
