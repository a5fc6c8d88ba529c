"""Maker badges: a reviewer opens a judging round for a merchant, each panel member enters one score, and
the `maker_badge` policy in force at the award's as_of decides the badge, recorded with its decision.

An award is valid for the policy's `validity_days` from its as_of; the next award for the same merchant
supersedes it from that award's as_of on (also when the new answer is no badge)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from engine import PolicyEvaluator
from engine.fields import iso_utc
from store.api_keys import names_a_person
from store.badges import BadgeAward, BadgeRound, PanelScore
from store.sellers import Seller
from workflows.badges.evidence import POLICY_ID, badge_facts, explain, panel_score
from workflows.badges.views import award_view
from workflows.common.audit_context import action_transaction
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.timeline import operator_time


@dataclass(frozen=True)
class ScoreInput:
    score: int
    judge_name: str | None = None
    comment: str | None = None


async def open_round(body: dict[str, Any], opened_at: dt.datetime, key_id: str) -> tuple[bool, dict[str, Any]]:
    """Open a round under the caller's id; the same body again changes nothing. A round opened later than the
    platform's clock is refused (422 `time_in_future`)."""
    operator_time("opened_at", opened_at)
    round_id, digest = body["round_id"], body_hash(body)

    async def apply(conn: BaseDBAsyncClient) -> None:
        if not await Seller.filter(seller_id=body["merchant_id"]).using_db(conn).exists():
            raise NotFound(f"no merchant {body['merchant_id']!r}", code="merchant_not_found")
        await BadgeRound.create(round_id=round_id, merchant_id=body["merchant_id"], opened_at=opened_at,
                                opened_by=key_id, body_hash=digest, using_db=conn)

    created = await apply_once("badge_round", round_id, digest, lambda: BadgeRound.get_or_none(round_id=round_id),
                               apply)
    return created, await round_view(round_id)


async def _locked_round(round_id: str, conn: BaseDBAsyncClient) -> BadgeRound:
    found = await BadgeRound.filter(round_id=round_id).using_db(conn).select_for_update().first()
    if found is None:
        raise NotFound(f"no badge round {round_id!r}", code="badge_round_not_found")
    return found


async def enter_score(round_id: str, judge_key: str, score: ScoreInput, entered_at: dt.datetime
                      ) -> tuple[bool, dict[str, Any]]:
    """One score per judge (the caller's key) per round: the same score again changes nothing, another
    score is refused (409 score_already_entered); a round already awarded takes no new score. A key that names
    no person is refused (403 `person_not_named`): the panel counts one score per person, and two such keys of
    one person would be two judges."""
    if not names_a_person(judge_key):
        raise NotAllowed("scoring needs a key issued to a named person (xiaopu keys create --person \"Name "
                         "<email>\"); this key names nobody, and the panel counts one score per person",
                         code="person_not_named")
    digest = body_hash(score.__dict__)

    async def find() -> PanelScore | None:
        return await PanelScore.get_or_none(round_id=round_id, judge_key=judge_key)

    async def apply(conn: BaseDBAsyncClient) -> None:
        found = await _locked_round(round_id, conn)
        if found.status != "open":
            raise Conflict(f"round {round_id} was already {found.status}; it takes no more scores",
                           code="round_closed")
        await PanelScore.create(round_id=round_id, judge_key=judge_key, judge_name=score.judge_name,
                                score=score.score, comment=score.comment, body_hash=digest,
                                entered_at=entered_at, using_db=conn)

    def already_scored(existing: PanelScore) -> Conflict:
        return Conflict(f"this judge already scored round {round_id} ({existing.score}); a score is entered once",
                        code="score_already_entered", score=existing.score)

    created = await apply_once("score", f"{round_id}/{judge_key}", digest, find, apply, conflict=already_scored)
    return created, await round_view(round_id)



async def award_badge(evaluator: PolicyEvaluator, round_id: str, as_of: dt.datetime, key_id: str
                      ) -> tuple[bool, dict[str, Any]]:
    """Decide the round's badge at `as_of` and record it; awarding the round again with the same as_of
    returns the award, another as_of is refused. An award as of a moment the platform's clock has not reached is
    refused (422 `time_in_future`): it would be decided on facts of a day that has not come, and stand in the way
    of every award before it."""
    operator_time("as_of", as_of)
    digest = body_hash({"as_of": as_of.isoformat()})
    try:
        async with action_transaction() as conn:
            found = await _locked_round(round_id, conn)
            if found.status == "awarded":
                award = await BadgeAward.get(round_id=round_id, using_db=conn)
                if award.body_hash != digest:
                    raise Conflict(f"round {round_id} was awarded as of {iso_utc(award.valid_from)} already",
                                   code="already_awarded", award_id=str(award.award_id))
                return False, award_view(award)
            award = await _award(evaluator, found, as_of, key_id, digest, conn)
    except IntegrityError:  # another round of the merchant was awarded at the same instant
        raise Conflict(f"the merchant was awarded at {iso_utc(as_of)} by another round",
                       code="award_conflict") from None
    return True, award_view(award)


async def _award(evaluator: PolicyEvaluator, found: BadgeRound, as_of: dt.datetime, key_id: str, digest: str,
                 conn: BaseDBAsyncClient) -> BadgeAward:
    if as_of < found.opened_at:
        raise InvalidInput("a round is awarded after it was opened", code="award_before_round_opened",
                           errors=[{"field": "as_of",
                                    "message": f"before the round opened ({iso_utc(found.opened_at)})"}])
    last_score = await PanelScore.filter(round_id=found.round_id).using_db(conn).order_by("-entered_at").first()
    # to the second, as the page offers the time: an award in the second of the last score counts it
    earliest = last_score.entered_at.replace(microsecond=0) if last_score is not None else found.opened_at
    if as_of < earliest:
        # the panel's scores as they stand now count: an award dated before some of them were entered would count
        # scores of its future and leave out what happened to the merchant since
        raise InvalidInput(f"as_of {iso_utc(as_of)} is before the round's last score was entered "
                           f"({iso_utc(earliest)}); an award is dated after the scores it counts",
                           code="time_before_previous_step", earliest=iso_utc(earliest),
                           errors=[{"field": "as_of", "message": f"at least {iso_utc(earliest)}"}])
    # the merchant's store row locked: two rounds of one merchant awarded at once are decided one after the other,
    # so the later supersedes the earlier (each had seen no award, and both stood in force, the earlier in the Good
    # Find feed after the later said otherwise)
    await Seller.filter(seller_id=found.merchant_id).using_db(conn).select_for_update().first()
    latest = await BadgeAward.filter(merchant_id=found.merchant_id).using_db(conn).order_by("-valid_from").first()
    if latest is not None and latest.valid_from >= as_of:
        raise Conflict(f"merchant {found.merchant_id} has an award from {iso_utc(latest.valid_from)}; a new "
                       "award must be later", code="award_out_of_order", round_id=latest.round_id)
    scores = await PanelScore.filter(round_id=found.round_id).using_db(conn).order_by("id")
    facts, evidence = await badge_facts(found.merchant_id, scores, as_of, conn)
    decision = evaluator.evaluate(POLICY_ID, facts, as_of=as_of, explain=True)
    record = await record_decision(decision, f"merchant:{found.merchant_id}/round:{found.round_id}", conn)
    days = int(decision.outputs["validity_days"])
    if latest is not None:  # the merchant's latest award (awards are in time order) ends here
        latest.superseded_at, latest.superseded_by = as_of, found.round_id
        await latest.save(using_db=conn, update_fields=["superseded_at", "superseded_by"])
    award = await BadgeAward.create(
        round_id=found.round_id, merchant_id=found.merchant_id, badge=str(decision.outputs["badge"]),
        good_find=bool(decision.outputs["good_find"]), validity_days=days, valid_from=as_of,
        valid_until=as_of + dt.timedelta(days=days), decision_id=record.id, policy_version=decision.version,
        rule_ids=decision.fired_ids, facts=record.facts, evidence=evidence,
        explanation=explain(evaluator.judging(POLICY_ID, facts, as_of).policy(POLICY_ID), decision), awarded_by=key_id,
        body_hash=digest, using_db=conn)
    found.status = "awarded"
    await found.save(using_db=conn, update_fields=["status"])
    return award


async def round_view(round_id: str) -> dict[str, Any]:
    found = await BadgeRound.get_or_none(round_id=round_id)
    if found is None:
        raise NotFound(f"no badge round {round_id!r}", code="badge_round_not_found")
    scores = await PanelScore.filter(round_id=round_id).order_by("id")
    award = await BadgeAward.get_or_none(round_id=round_id)
    return {"round_id": found.round_id, "merchant_id": found.merchant_id, "opened_at": iso_utc(found.opened_at),
            "status": found.status, "panel_size": len(scores), "panel_score": panel_score([s.score for s in scores]),
            "scores": [{"judge_key": s.judge_key, "judge_name": s.judge_name, "score": s.score,
                        "comment": s.comment} for s in scores],
            "award": award_view(award) if award else None}
