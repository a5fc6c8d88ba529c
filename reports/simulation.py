"""The impact report of a candidate version as an HTML page with bar charts (inline SVG, no scripts)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from engine.fields import format_yuan, parse_yuan
from reports.pages import render

CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW = 660, 150, 110, 20  # the value: "-1,234.56 (-11.2%)"
MAX_BARS = 25  # the largest changes; the JSON report has them all


def percent_change(active_fen: int, candidate_fen: int) -> str:
    """The change relative to the active amount, to 0.1%: "+12.5%", "-11.1%", "0%"; "new" from nothing."""
    if active_fen == 0:
        return "new" if candidate_fen else "0%"
    pct = (Decimal(candidate_fen - active_fen) * 100 / abs(active_fen)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return "0%" if pct == 0 else f"{pct:+}%"


def bar_chart(chart_id: str, title: str, deltas: list[tuple[str, int]],
              actives: dict[str, int] | None = None) -> dict[str, Any]:
    """Horizontal bars around a zero axis, the largest changes first; zero deltas are left out. With the
    active amounts, each bar says its percentage change too."""
    shown = sorted(((n, d) for n, d in deltas if d), key=lambda nd: (-abs(nd[1]), nd[0]))[:MAX_BARS]
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    has_neg, has_pos = any(d < 0 for _, d in shown), any(d > 0 for _, d in shown)
    axis = LABEL_WIDTH + (span // 2 if has_neg and has_pos else span if has_neg else 0)
    room = span // 2 if has_neg and has_pos else span
    biggest = max((abs(d) for _, d in shown), default=1)
    bars = []
    for i, (name, delta) in enumerate(shown):
        w = max(1, room * abs(delta) // biggest)
        label = format_yuan(delta)
        if actives is not None and name in actives:
            label += f" ({percent_change(actives[name], actives[name] + delta)})"
        bars.append({"name": name, "label": label, "y": i * ROW, "w": w,
                     "x": axis - w if delta < 0 else axis, "cls": "down" if delta < 0 else "up"})
    return {"id": chart_id, "title": title, "bars": bars, "width": CHART_WIDTH, "height": max(len(bars), 1) * ROW,
            "axis": axis}


def _sign(delta_text: str) -> str:
    fen = _fen(delta_text)
    return "down" if fen < 0 else "up" if fen > 0 else ""


def history_page(report: dict[str, Any], signed_in: str | None = None, template: str = "simulation_report.html.j2",
                 **context: Any) -> str:
    """`xiaopu simulate --from/--to` (and the simulation page): commission, tiers, eligibility, disputes. Another
    `template` extending simulation_report.html.j2 may show more around it (`context`): a draft's impact page."""
    commission = dict(report["commission"], cls=_sign(report["commission"]["delta"]),
                      change=_change(report["commission"]))
    charts = [bar_chart(key, f"Commission by {key}", [(r["name"], r["delta_fen"]) for r in commission[f"by_{key}"]],
                        {r["name"]: _fen(r["active"]) for r in commission[f"by_{key}"]})
              for key in ("category", "tier", "seller")]
    extra = {"signed_in": signed_in} if signed_in else {}
    return render(template, report=report, commission=commission, charts=charts, **extra, **context)


def simulation_page(report: dict[str, Any]) -> str:
    """`xiaopu simulate --input FILE`: commission deltas of order lines."""
    commission = dict(report["commission"], lines=report["lines"], cls=_sign(report["commission"]["delta"]),
                      change=_change(report["commission"]))
    charts = []
    for key in ("category", "tier", "seller"):
        deltas = [(name, _fen(text)) for name, text in report[f"delta_by_{key}"].items()]
        charts.append(bar_chart(key, f"Commission by {key}", deltas))
    return render("simulation_report.html.j2", report=report, commission=commission, charts=charts)


def _change(commission: dict[str, Any]) -> str:
    return percent_change(_fen(commission["active"]), _fen(commission["candidate"]))


def _fen(text: str) -> int:
    return -parse_yuan(text[1:]) if text.startswith("-") else parse_yuan(text)
