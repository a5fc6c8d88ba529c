"""Read views of maker badges: one award explained, a merchant's badge at a moment, the Good Find feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.expressions import Q

from engine.fields import iso_utc, iso_utc_or_none
from store.api_keys import ApiKey
from store.badges import BadgeAward, BadgeRound, PanelScore
from store.sellers import Seller
from workflows.common.errors import NotFound
from workflows.common.paging import page_after


def award_view(award: BadgeAward) -> dict[str, Any]:
    return {"award_id": str(award.award_id), "round_id": award.round_id, "merchant_id": award.merchant_id,
            "badge": award.badge, "good_find": award.good_find, "validity_days": award.validity_days,
            "valid_from": iso_utc(award.valid_from), "valid_until": iso_utc(award.valid_until),
            "superseded_at": iso_utc_or_none(award.superseded_at), "superseded_by": award.superseded_by,
            "decision_id": str(award.decision_id), "policy_version": award.policy_version,
            "rules": award.rule_ids, "facts": award.facts, "evidence": award.evidence,
            "explanation": award.explanation, "awarded_by": award.awarded_by}


async def award_record(round_id: str) -> dict[str, str] | None:
    """Who let the rules decide the round's badge (the person of the key, as the trails name people) and when."""
    award = await BadgeAward.get_or_none(round_id=round_id)
    if award is None:
        return None
    key = await ApiKey.get_or_none(key_id=award.awarded_by)
    return {"by": key.person if key and key.person else f"key {award.awarded_by}", "at": iso_utc(award.created_at)}


def _in_force(as_of: dt.datetime) -> Q:
    """Awards whose validity period covers `as_of` and that no later award had superseded by then."""
    return Q(valid_from__lte=as_of, valid_until__gt=as_of) & (Q(superseded_at__isnull=True)
                                                              | Q(superseded_at__gt=as_of))


async def merchant_badge_view(merchant_id: str, as_of: dt.datetime) -> dict[str, Any]:
    """The merchant's badge at `as_of`: the latest award by then, in force or expired, explained."""
    if not await Seller.filter(seller_id=merchant_id).exists():
        raise NotFound(f"no merchant {merchant_id!r}", code="merchant_not_found")
    award = await BadgeAward.filter(merchant_id=merchant_id, valid_from__lte=as_of).order_by("-valid_from").first()
    view: dict[str, Any] = {"merchant_id": merchant_id, "as_of": iso_utc(as_of), "badge": "none",
                            "good_find": False, "valid_until": None, "status": "never_judged", "award": None}
    if award is None:
        return view
    in_force = as_of < award.valid_until
    status = "no_badge" if award.badge == "none" else ("in_force" if in_force else "expired")
    view.update(status=status, award=award_view(award))
    if status == "in_force":
        view.update(badge=award.badge, good_find=award.good_find, valid_until=iso_utc(award.valid_until))
    return view


async def good_find_page(as_of: dt.datetime, after: str | None, limit: int) -> dict[str, Any]:
    """Merchants flagged for the Good Find feed at `as_of`, by merchant id, `limit` at a time."""
    page, following = await page_after(BadgeAward.filter(_in_force(as_of), good_find=True), "merchant_id",
                                       after or None, limit)
    return {"as_of": iso_utc(as_of),
            "merchants": [{"merchant_id": a.merchant_id, "badge": a.badge, "valid_from": iso_utc(a.valid_from),
                           "valid_until": iso_utc(a.valid_until), "round_id": a.round_id,
                           "decision_id": str(a.decision_id), "rules": a.rule_ids} for a in page],
            "next": following}


async def rounds_queue(judge_key: str, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Open rounds first (oldest first), then the latest awarded ones, `limit` of each from `offset`; whether
    `judge_key` scored each."""
    open_rounds = await BadgeRound.filter(status="open").order_by("opened_at", "round_id").offset(offset).limit(limit)
    awarded = await BadgeRound.filter(status="awarded").order_by("-opened_at", "round_id").offset(offset).limit(
        limit)
    ids = [r.round_id for r in (*open_rounds, *awarded)]
    scores = await PanelScore.filter(round_id__in=ids).values_list("round_id", "judge_key") if ids else []
    sizes: dict[str, int] = {}
    mine = set()
    for round_id, judge in scores:
        sizes[str(round_id)] = sizes.get(str(round_id), 0) + 1
        if judge == judge_key:
            mine.add(str(round_id))
    badges = dict(await BadgeAward.filter(round_id__in=ids).values_list("round_id", "badge")) if ids else {}
    return [{"round_id": r.round_id, "merchant_id": r.merchant_id, "opened_at": iso_utc(r.opened_at),
             "status": r.status, "panel_size": sizes.get(r.round_id, 0), "scored_by_me": r.round_id in mine,
             "badge": badges.get(r.round_id)} for r in (*open_rounds, *awarded)]
