"""Jinja2 pages: strict about undefined names, and escaping every `.html.j2` template. Every form of a page
carries `{{ csrf_field() }}`: the hidden `csrf_token` of the request being answered (`form_token`, set by the
pages' middleware, api/common/middleware/page_forms.py)."""

from __future__ import annotations

import datetime as dt
import re
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

_env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                   autoescape=lambda name: name is None or name.endswith((".html", ".html.j2")))

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def _utc(value: str | dt.datetime) -> dt.datetime:
    """A stored or ISO time in UTC, to the second (a naive time is UTC)."""
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return (when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when).astimezone(dt.UTC).replace(microsecond=0)


def china_and_utc(value: str | dt.datetime | None) -> str:
    """ "2026-12-05 09:30:12 +08:00 (2026-12-05 01:30:12 UTC)": China time with its offset, UTC beside it."""
    if value is None or value == "":
        return ""
    utc = _utc(value)
    return f"{utc.astimezone(CHINA):%Y-%m-%d %H:%M:%S} +08:00 ({utc:%Y-%m-%d %H:%M:%S} UTC)"


def moment(value: str | dt.datetime | None) -> Markup:
    """A time as people of a China-time business read it: China time with its offset, to the second, and UTC
    on hover (`<time title=...>`): "2026-12-05 09:30:12 +08:00"."""
    if value is None or value == "":
        return Markup("")
    utc = _utc(value)
    shown = utc.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S +08:00")
    return Markup('<time datetime="{}" title="{} UTC">{}</time>').format(
        utc.isoformat().replace("+00:00", "Z"), utc.strftime("%Y-%m-%d %H:%M:%S"), escape(shown))


# Unicode's explicit direction controls (embeddings, overrides, isolates, marks): in a party's text they would
# reorder the words the page puts after it ("valid 2026-01-01 to 2027-12-31" read backwards).
DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def supplied(value: object) -> Markup:
    """Text a party wrote (a supplier's name, its evidence, a sentence quoting them) as its own piece of the page:
    escaped, isolated in `<bdi>` so its direction cannot reorder the words around it, every direction control in
    it shown as `[U+202E]`, and breakable anywhere (review_base.html.j2), so a long unbroken run wraps instead of
    widening the page."""
    text = "" if value is None else value if isinstance(value, Markup) else escape(str(value))
    return Markup('<bdi class="supplied">{}</bdi>').format(
        Markup(DIRECTION_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)))


# The form token of the page being rendered ("" outside the pages: a form rendered there cannot be posted).
form_token: ContextVar[str] = ContextVar("form_token", default="")


def csrf_field() -> Markup:
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(form_token.get())


_env.filters["moment"] = moment
_env.filters["supplied"] = supplied
_env.globals["csrf_field"] = csrf_field
# rows of each list a report page shows (an impact's tier changes, eligibility flips, dispute steps); the JSON report
# the API answers has them all
_env.globals["max_rows"] = 200


def render(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)
