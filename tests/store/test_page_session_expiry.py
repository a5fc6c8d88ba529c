"""Page sessions slide while used and end when idle, never outliving seven days after sign-in; ended and
expired ones are purged a day later."""

from __future__ import annotations

import datetime as dt

from tortoise.context import TortoiseContext

from store.api_keys import create_key
from store.page_sessions import ABSOLUTE_LIFETIME, PageSession, end_session, find_live, open_session, purge_sessions

T0 = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


async def test_a_used_session_slides_and_an_idle_one_expires(db: TortoiseContext) -> None:
    key, _ = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
    session = await open_session(key, "/review", T0, HOUR)
    assert await find_live(session, "/review", T0 + 20 * dt.timedelta(minutes=1), HOUR) is not None
    assert (await PageSession.get()).expires_at == T0 + HOUR  # first half: not extended
    assert await find_live(session, "/review", T0 + 40 * dt.timedelta(minutes=1), HOUR) is not None
    assert (await PageSession.get()).expires_at == T0 + 100 * dt.timedelta(minutes=1)  # used: one hour from then
    assert await find_live(session, "/review", T0 + 90 * dt.timedelta(minutes=1), HOUR) is not None  # past T0+1h
    idle = T0 + 90 * dt.timedelta(minutes=1) + HOUR + dt.timedelta(seconds=1)
    assert await find_live(session, "/review", idle, HOUR) is None


async def test_no_session_outlives_seven_days_however_used(db: TortoiseContext) -> None:
    key, _ = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
    session = await open_session(key, "/review", T0, HOUR)
    moment = T0
    while moment < T0 + ABSOLUTE_LIFETIME - HOUR:
        moment += 45 * dt.timedelta(minutes=1)
        assert await find_live(session, "/review", moment, HOUR) is not None
    assert (await PageSession.get()).expires_at == T0 + ABSOLUTE_LIFETIME
    assert await find_live(session, "/review", T0 + ABSOLUTE_LIFETIME + dt.timedelta(seconds=1), HOUR) is None


async def test_ended_and_expired_sessions_are_purged_a_day_later(db: TortoiseContext) -> None:
    key, _ = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
    ended = await open_session(key, "/review", T0, HOUR)
    await end_session(ended, T0 + HOUR / 2)
    await open_session(key, "/policy", T0, HOUR)  # expires at T0 + 1 h
    live = await open_session(key, "/review", T0 + 30 * HOUR, HOUR)
    assert await purge_sessions(T0 + 12 * HOUR) == 0  # not a day yet
    assert await purge_sessions(T0 + 26 * HOUR) == 2
    assert await find_live(live, "/review", T0 + 30 * HOUR) is not None
