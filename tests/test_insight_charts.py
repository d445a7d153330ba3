"""The pure parts of the insight page: periods, chart geometry, colours that
pass WCAG contrast and patterns that don't rely on colour, and the figures'
arithmetic (medians, shares) — no database."""

import datetime
from decimal import Decimal

import pytest

from stories.lib import charts, insight
from stories.lib.periods import Period, current_period, period_containing

D = datetime.date


# --- periods ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "label"),
    [
        ("month", D(2024, 2, 10), D(2024, 2, 1), D(2024, 2, 29), "February 2024"),  # a leap year
        ("month", D(2025, 12, 31), D(2025, 12, 1), D(2025, 12, 31), "December 2025"),
        ("quarter", D(2025, 1, 1), D(2025, 1, 1), D(2025, 3, 31), "Q1 2025 (Jan – Mar)"),
        ("quarter", D(2025, 8, 15), D(2025, 7, 1), D(2025, 9, 30), "Q3 2025 (Jul – Sep)"),
        ("quarter", D(2025, 12, 31), D(2025, 10, 1), D(2025, 12, 31), "Q4 2025 (Oct – Dec)"),
        ("year", D(2025, 6, 1), D(2025, 1, 1), D(2025, 12, 31), "2025"),
    ],
)
def test_calendar_periods(kind, day, start, end, label):
    period = period_containing(kind, day)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_the_period_before_and_after_cross_years():
    december = period_containing("month", D(2025, 12, 5))
    assert december.next() == Period("month", D(2026, 1, 1), D(2026, 1, 31))
    assert period_containing("quarter", D(2025, 2, 1)).previous().label == "Q4 2024 (Oct – Dec)"
    assert Period("custom", D(2025, 1, 1), D(2025, 2, 1)).next() is None
    assert period_containing("year", D(2999, 1, 1)).next() is None  # the last year we accept
    assert period_containing("year", D(1900, 1, 1)).previous() is None


def test_months_stop_at_today_when_the_period_runs_past_it():
    year = period_containing("year", D(2026, 1, 1))
    assert year.months(today=D(2026, 3, 9)) == [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    assert len(year.months(today=D(2027, 5, 1))) == 12
    custom = Period("custom", D(2025, 11, 20), D(2026, 2, 3))
    assert custom.months() == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]
    assert custom.label == "20 Nov 2025 – 3 Feb 2026"
    assert custom.slug == "2025-11-20-to-2026-02-03"


def test_a_way_back_to_the_current_period():
    assert current_period(period_containing("month", D(2024, 5, 5)), D(2026, 3, 1)).label == "March 2026"
    assert current_period(period_containing("month", D(2026, 3, 5)), D(2026, 3, 1)) is None


# --- arithmetic ---------------------------------------------------------------


def test_a_median_from_the_middle_one_or_two_values():
    assert insight.median_of_middle([Decimal("300")]) == Decimal("300.00")
    assert insight.median_of_middle([Decimal("300"), Decimal("1500")]) == Decimal("900.00")
    assert insight.median_of_middle([Decimal("0.01"), Decimal("0.02")]) == Decimal("0.02")  # half up
    assert insight.median_of_middle([]) is None


def test_a_groups_median_comes_from_the_rows_the_database_marks_as_middle():
    def rows(costs, middle):
        return [{"g": 1, "cost": cost, "middle": rank in middle, "n": len(costs), "total": sum(costs), "over": 0}
                for rank, cost in enumerate(costs, 1)]  # fmt: skip

    assert insight.cost_groups(rows([1, 2, 30], middle={2}), "g")[1]["median"] == Decimal("2.00")
    assert insight.cost_groups(rows([1, 2, 30, 40], middle={2, 3}), "g")[1]["median"] == Decimal("16.00")


def test_shares_and_money_in_words():
    assert insight.share(2, 3) == Decimal("66.7")
    assert insight.share(0, 0) is None
    assert insight.percent(Decimal("66.7")) == "67%"
    assert insight.money(Decimal("1234.5")) == "1,234.50"
    assert insight.money(Decimal("2000")) == "2,000"


# --- geometry -----------------------------------------------------------------


@pytest.mark.parametrize(("value", "top", "step"), [(0, 4, 1), (3, 3, 1), (7, 8, 2), (130, 150, 50), (1000, 1000, 250)])
def test_a_round_top_for_each_axis(value, top, step):
    assert charts.nice_max(value) == (top, step)


SERIES = [charts.Series("a", "A", "#0a6b3d"), charts.Series("b", "B", "#5b3fa8", "stripes")]


def test_stacked_columns_are_as_tall_as_their_values():
    chart = charts.stacked_columns(
        id="c", title="T", description="D", categories=[("Jan", "2026"), ("Feb", "2026")],
        series=SERIES, values={"a": [2, 1], "b": [2, 0]},
    )  # fmt: skip
    heights = [(rect["fill"], rect["h"]) for rect in chart.rects]
    assert [fill for fill, _ in heights] == ["url(#c-a)", "url(#c-b)", "url(#c-a)"]  # no empty segment drawn
    assert heights[0][1] == heights[1][1] == pytest.approx(2 * heights[2][1], abs=0.1)
    assert chart.rects[0]["y"] > chart.rects[1]["y"]  # the first series at the bottom
    assert [pattern["kind"] for pattern in chart.patterns] == ["solid", "stripes"]


def test_long_ranges_label_every_few_months_and_mark_each_new_year():
    months = [D(2024 + (m // 12), m % 12 + 1, 1) for m in range(36)]
    chart = charts.stacked_columns(
        id="c", title="T", description="D", categories=insight.month_categories(months),
        series=SERIES, values={"a": [1] * 36, "b": [0] * 36},
    )  # fmt: skip
    written = [text["text"] for text in chart.texts]
    assert written.count("Jan") == 3 and "Feb" not in written
    assert [year for year in written if year in {"2024", "2025", "2026"}] == ["2024", "2025", "2026"]
    assert all(0 <= text["x"] <= charts.WIDTH for text in chart.texts)


def test_a_line_leaves_a_gap_where_there_is_no_value():
    chart = charts.line(
        id="l", title="T", description="D", categories=[("Jan", "2026"), ("Feb", "2026"), ("Mar", "2026"),
        ("Apr", "2026")], points=[Decimal("50"), None, Decimal("75"), Decimal("100")], series=SERIES[0],
    )  # fmt: skip
    assert len(chart.circles) == 3
    assert len(chart.polylines) == 1 and len(chart.polylines[0]["points"].split()) == 2  # Mar → Apr only
    assert chart.circles[2]["y"] < chart.circles[1]["y"] < chart.circles[0]["y"]  # higher is more


def test_labels_of_neighbouring_points_do_not_touch():
    months = [(name, "2026") for name in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct")]
    chart = charts.line(
        id="l", title="T", description="D", categories=months, points=[Decimal("67")] * 10, series=SERIES[0]
    )
    labels = [text for text in chart.texts if text["text"] == "67%"]
    assert len(labels) == 10
    for one, other in zip(labels, labels[1:], strict=False):
        apart = abs(one["x"] - other["x"]) >= charts.text_width("67%", charts.SMALL, bold=True) + 8
        assert apart or one["y"] != other["y"]


def test_bars_share_one_scale_and_a_reference_marks_each_row():
    rows = [
        charts.BarRow("Front desk", {"a": (Decimal("1000"), "1,000")}, note="3 wins"),
        charts.BarRow("Kitchen", {"a": (Decimal("4000"), "4,000")}, series_for={"a": SERIES[1]}),
    ]
    chart = charts.bars(id="b", title="T", description="D", rows=rows, series=[SERIES[0]], reference=(2000, "Budget"))
    bars = [rect for rect in chart.rects if rect["fill"].startswith("url(")]
    assert bars[1]["w"] == pytest.approx(4 * bars[0]["w"], abs=0.1)
    assert bars[1]["fill"] == "url(#b-b)"  # the row's own series (e.g. over budget)
    marks = [line for line in chart.lines if line["kind"] == "reference"]
    assert len(marks) == 2 and marks[0]["x1"] == pytest.approx(bars[1]["w"] / 2, abs=0.1)
    assert [series.key for series in chart.series] == ["a", "b"]  # both in the legend


def test_a_value_that_would_run_out_of_the_chart_is_written_inside_its_bar():
    rows = [charts.BarRow("Team", {"a": (100, "100% · 1,000 of 1,000")})]
    chart = charts.bars(id="b", title="T", description="D", rows=rows, series=[SERIES[0]], top_value=100)
    value = next(text for text in chart.texts if text["text"].startswith("100%"))
    assert value["anchor"] == "end" and value["colour"] == charts.WHITE and value["halo"] == SERIES[0].colour


def test_a_long_note_moves_to_its_own_line():
    long = charts.BarRow("A team with a rather long name", {"a": (1, "1")}, note="12 wins · total 123,456.78 · 3 over")
    chart = charts.bars(id="b", title="T", description="D", rows=[long], series=[SERIES[0]])
    assert chart.texts[0]["note"] == "" and chart.texts[1]["text"] == long.note


# --- colours ------------------------------------------------------------------


def test_every_series_colour_stands_out_from_the_page_and_carries_white_numbers():
    for series in insight.PALETTE:
        assert charts.contrast_ratio(series.colour, charts.WHITE) >= 4.5, series  # 3:1 needed; white text needs 4.5
    for colour in (charts.TEXT, charts.MUTED, charts.AXIS):
        assert charts.contrast_ratio(colour, charts.WHITE) >= 4.5, colour


def test_series_shown_together_differ_by_pattern_not_only_colour():
    for group in (list(insight.KIND_SERIES.values()), list(insight.RECOGNITION_SERIES.values())):
        assert len({series.pattern for series in group}) == len(group)
    assert insight.WITHIN_BUDGET.pattern != insight.OVER_BUDGET.pattern


def test_wcag_contrast_is_computed_as_specified():
    assert charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert charts.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


# --- cheers: ready for the Cheer model ------------------------------------------


def test_cheered_wins_join_the_recognition_figure_once_they_are_counted():
    rows = [
        {"team_id": 1, "team__name": "Front desk", "wins": 3, "featured": 1, "cheered": 2},
        {"team_id": 1, "team__name": "Front desk", "wins": 1, "featured": 0, "cheered": 1},  # another month
    ]
    figure = insight.recognition_figure(rows, [{"team_id": 1, "heroes": 2}])
    assert figure.table.header == ["Team", "Wins", "Heroes credited", "Featured wins", "Cheered wins"]
    assert figure.table.rows == [["Front desk", 4, 2, 1, 3]]
    assert [series.key for series in figure.chart.series] == ["wins", "heroes", "featured", "cheered"]
    assert figure.notes == []


@pytest.mark.parametrize("draw", [charts.stacked_columns, charts.line])
def test_long_month_names_are_thinned_so_no_two_labels_touch(draw):
    names = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]  # fmt: skip
    months = [(name, "2026") for name in names]
    if draw is charts.line:
        chart = draw(
            id="l", title="T", description="D", categories=months, points=[Decimal("5")] * 12, series=SERIES[0]
        )
    else:
        chart = draw(id="c", title="T", description="D", categories=months, series=SERIES,
                     values={"a": [1] * 12, "b": [0] * 12})  # fmt: skip
    labels = sorted((text for text in chart.texts if text["text"] in names), key=lambda text: text["x"])
    assert 2 <= len(labels) < 12
    widest = max(charts.text_width(name, charts.SMALL) for name in names)
    assert all(later["x"] - earlier["x"] >= widest for earlier, later in zip(labels, labels[1:], strict=False))
