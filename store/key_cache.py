"""Active API keys kept in memory, so a request does not look its key up in the database every time.

A revocation in this process forgets at once (`forget`); one made elsewhere (another worker, `xiaopu keys
revoke`) is seen by `watch_revocations` within one poll, the same poll interval that follows policy activations.
Expiry is checked on every request against the cached record. Unknown keys are never cached, and neither is a key
read while the cache was being forgotten: a revocation that lands during the lookup wins."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging

from tortoise.functions import Count, Max

from store.api_keys import MAX_KEY_LENGTH, ApiKey, find_active, hash_key

log = logging.getLogger("xiaopu.keys")
_known: dict[str, ApiKey] = {}
_seen: tuple[int, dt.datetime | None] | None = None
_generation = 0  # how often the cache was forgotten: a lookup that spans a forget does not cache what it read


async def active_key(plaintext: str, now: dt.datetime) -> ApiKey | None:
    if not plaintext or len(plaintext) > MAX_KEY_LENGTH:
        return None
    digest = hash_key(plaintext)
    record = _known.get(digest)
    if record is None:
        generation = _generation
        record = await find_active(plaintext, now)
        if record is None:
            return None
        if generation == _generation:  # else a revocation may have come in between: answer once, keep nothing
            _known[digest] = record
    if record.expires_at is not None and record.expires_at <= now:
        _known.pop(digest, None)
        return None
    return record


def forget() -> None:
    """Forget every cached key: the next request of each looks it up again (and one looking it up now does not
    keep what it read)."""
    global _generation
    _generation += 1
    _known.clear()


async def check_revocations() -> bool:
    """Forget the cache when the revocations in the database changed since the last check; True when they did."""
    global _seen
    row = await ApiKey.filter(revoked_at__isnull=False).annotate(n=Count("key_id"), last=Max("revoked_at")).first(
        ).values("n", "last")
    marker = (int(row["n"] or 0), row["last"]) if row else (0, None)
    changed = _seen is not None and marker != _seen
    _seen = marker
    if changed:
        forget()
    return changed


async def watch_revocations(interval_seconds: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await check_revocations()
        except Exception:  # noqa: BLE001 - a database hiccup must not end the watch; forget to stay safe
            log.warning("could not read key revocations; forgetting cached keys", exc_info=True)
            forget()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
