"""How pages show times and changes: China time with its offset to the second (UTC on hover), and every
simulated delta beside its percentage."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.pages import moment
from reports.simulation import bar_chart, history_page, percent_change, simulation_page


@pytest.mark.parametrize(("value", "shown", "utc"), [
    pytest.param("2026-12-05T01:02:03.456789Z", "2026-12-05 09:02:03 +08:00", "2026-12-05T01:02:03Z", id="iso-micro"),
    pytest.param(dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC), "2027-01-01 04:00:00 +08:00",
                 "2026-12-31T20:00:00Z", id="datetime-next-day"),
    pytest.param("2026-11-05T10:00:00+08:00", "2026-11-05 10:00:00 +08:00", "2026-11-05T02:00:00Z", id="offset"),
])
def test_times_are_china_time_to_the_second_with_utc_on_hover(value: str | dt.datetime, shown: str, utc: str) -> None:
    html = str(moment(value))
    assert f">{shown}</time>" in html and f'datetime="{utc}"' in html and " UTC" in html
    assert "." not in html.split(">")[1]  # no fraction of a second


def test_a_missing_time_shows_nothing() -> None:
    assert str(moment(None)) == ""


@pytest.mark.parametrize(("active", "candidate", "expected"), [
    pytest.param(520, 462, "-11.2%", id="down"),
    pytest.param(462, 520, "+12.6%", id="up"),
    pytest.param(520, 520, "0%", id="same"),
    pytest.param(0, 520, "new", id="from-nothing"),
    pytest.param(0, 0, "0%", id="nothing"),
    pytest.param(-500, -250, "+50.0%", id="clawbacks-shrink"),
])
def test_percentage_change(active: int, candidate: int, expected: str) -> None:
    assert percent_change(active, candidate) == expected


def test_bars_and_totals_carry_the_percentage() -> None:
    chart = bar_chart("category", "Commission by category", [("fresh_fruit", -58)], {"fresh_fruit": 520})
    assert chart["bars"][0]["label"] == "-0.58 (-11.2%)"
    report = {"candidate": "2026.12.0+b", "active": "2026.11.0+a", "lines": 1,
              "commission": {"active": "5.20", "candidate": "4.62", "delta": "-0.58"},
              "delta_by_category": {"fresh_fruit": "-0.58"}, "delta_by_tier": {}, "delta_by_seller": {}}
    assert '<td class="num down" id="commission-change">-11.2%</td>' in simulation_page(report)


def test_a_long_impact_shows_its_first_rows_and_says_how_many_there_are() -> None:
    """A change judged over a year of history can move thousands of sellers' tiers: the page shows the first 200 of
    each list and says how many there are (the JSON report has them all)."""
    commission = {"lines": 201, "active": "5.20", "candidate": "4.62", "delta": "-0.58", "by_category": [],
                  "by_tier": [], "by_seller": []}
    report = {"candidate": "2026.12.0+b", "active": "2026.11.0+a", "commission": commission,
              "from": "2025-12-01T00:00:00Z", "to": "2026-12-01T00:00:00Z",
              "tier_changes": [{"seller_id": f"S-{n}", "tier_now": "L1", "active": "L1", "candidate": "trial"}
                               for n in range(201)],
              "supplier_eligibility_flips": [], "disputes": {"steps": 0, "differing": []}}
    page = history_page(report)
    table = page.split('id="tier-changes"')[1].split("</table>")[0]
    assert table.count("<td>S-") == 200 and "<td>S-200<" not in table
    assert 'id="tier-changes-more">The first 200 of 201 are shown' in page
    assert 'id="eligibility-flips-more"' not in page


def test_a_dispute_step_decided_differently_shows_each_output_and_marks_what_differs() -> None:
    """The impact of a change to the dispute lifecycle: each output of a step one per line, those the candidate
    decides differently marked, where the page had shown both answers as JSON."""
    step = {"subject": "dispute:D-1@shop/step:2", "as_of": "2026-11-20T02:00:00Z", "facts": {},
            "active": {"next_state": "awaiting_supplier", "deadline_hours": 120},
            "candidate": {"next_state": "awaiting_supplier", "deadline_hours": 72, "notify": "supplier"}}
    report = {"candidate": "2026.12.0+b", "active": "2026.11.0+a", "from": "2025-12-01T00:00:00Z",
              "to": "2026-12-01T00:00:00Z", "tier_changes": [], "supplier_eligibility_flips": [],
              "commission": {"lines": 0, "active": "0.00", "candidate": "0.00", "delta": "0.00", "by_category": [],
                             "by_tier": [], "by_seller": []},
              "disputes": {"steps": 3, "differing": [step]}}
    row = history_page(report).split('id="dispute-steps"')[1].split("</table>")[0].split("<tr>")[2]
    active, candidate = row.split("<td>")[3], row.split("<td>")[4]
    assert '<li class="changed">deadline_hours: 120</li>' in active and '<li class="changed">notify: -</li>' in active
    assert "<li>next_state: awaiting_supplier</li>" in active
    assert '<li class="changed">deadline_hours: 72</li>' in candidate
    assert '<li class="changed">notify: supplier</li>' in candidate
    assert "{" not in row
