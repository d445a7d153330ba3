"""Every figure on /insight/ adds up: on wins whose totals are worked out by
hand (tests/helpers/insight.py), each chart, its table and its CSV show
the right numbers — for all teams, one team, and a custom range — and
hidden, pending and out-of-period wins count nowhere."""

import csv
import io
from decimal import Decimal

import pytest

from stories.lib.charts import WHITE
from tests.helpers.insight import BUDGET, seed_known_wins, year, year_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(django_user_model, employee, other_employee, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = BUDGET
    settings.WINSBOARD_CURRENCY = "EUR"
    return seed_known_wins(django_user_model, employee=employee, other_employee=other_employee)


def page(client, **params):
    response = client.get("/insight/", year_query(**params))
    assert response.status_code == 200
    return response.context


def csv_rows(client, figure, **params):
    response = client.get(f"/insight/{figure}.csv", year_query(**params))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_wins_per_month_by_kind(manager_client, known):
    figure = page(manager_client)["kinds"]
    assert figure.extra["total"] == 8
    assert figure.extra["totals"] == {"fixed": 4, "creative": 2, "learned": 1, "praise": 1}
    y = year()
    assert figure.table.rows[:4] == [
        [f"{y}-01", 1, 1, 0, 1, 3],
        [f"{y}-02", 3, 0, 0, 0, 3],
        [f"{y}-03", 0, 1, 1, 0, 2],
        [f"{y}-04", 0, 0, 0, 0, 0],
    ]
    assert len(figure.table.rows) == 12  # every month of a past year, empty ones too
    assert figure.summary == (
        "8 wins: 4 fixed it on the spot, 2 creative idea, 1 learned from a miss, 1 customer praise."
    )
    rows = csv_rows(manager_client, "kinds")
    assert rows[0] == [
        "Month", "Fixed it on the spot", "Creative idea", "Learned from a miss", "Customer praise", "All wins",
    ]  # fmt: skip
    assert rows[2] == [f"{y}-02", "3", "0", "0", "0", "3"]


def test_the_stacked_chart_draws_each_kind_of_each_month(manager_client, known):
    chart = page(manager_client)["kinds"].chart
    # January: fixed, creative and praise, one each (written inside), 3 on top; February: 3 fixed.
    segments = [rect for rect in chart.rects if rect["fill"].startswith("url(#chart-kinds-")]
    assert len(segments) == 3 + 1 + 2
    assert sorted(rect["fill"] for rect in segments) == sorted(
        ["url(#chart-kinds-fixed)"] * 2 + ["url(#chart-kinds-creative)"] * 2
        + ["url(#chart-kinds-learned)", "url(#chart-kinds-praise)"]
    )  # fmt: skip
    february = [rect for rect in segments if rect["fill"] == "url(#chart-kinds-fixed)" and rect["h"] > 100]
    assert len(february) == 1 and february[0]["h"] == pytest.approx(3 * segments[0]["h"], abs=0.2)
    totals = [text["text"] for text in chart.texts if isinstance(text["text"], int) and text["colour"] != WHITE]
    inside = [text["text"] for text in chart.texts if text["colour"] == WHITE]
    assert totals == [3, 3, 2]  # above January, February, March
    assert sorted(inside) == [1, 1, 1, 1, 1, 3]


def test_the_share_decided_on_the_spot_per_team_and_month(manager_client, known):
    context = page(manager_client)
    teams, trend = context["decided_teams"], context["decided_trend"]
    assert teams.table.rows == [
        ["Front desk", 4, 3, Decimal("75.0")],
        ["Housekeeping", 3, 2, Decimal("66.7")],
        ["No team", 1, 1, Decimal("100.0")],
    ]
    assert teams.extra["share"] == Decimal("75.0")
    assert teams.summary == "75% of 8 wins were decided on the spot, without asking for approval."
    assert trend.table.rows[:4] == [
        [f"{year()}-01", 3, 2, Decimal("66.7")],
        [f"{year()}-02", 3, 2, Decimal("66.7")],
        [f"{year()}-03", 2, 2, Decimal("100.0")],
        [f"{year()}-04", 0, 0, None],
    ]
    # The line: three points (no wins after March leaves no point), labelled.
    assert len(trend.chart.circles) == 3
    assert [text["text"] for text in trend.chart.texts if str(text["text"]).endswith("%") and text["bold"]] == [
        "67%", "67%", "100%",
    ]  # fmt: skip
    assert csv_rows(manager_client, "decided-teams")[1] == ["Front desk", "4", "3", "75.0"]
    assert csv_rows(manager_client, "decided-trend")[4] == [f"{year()}-04", "0", "0", ""]


def test_cost_against_the_budget_per_team_with_medians(manager_client, known):
    figure = page(manager_client)["cost_teams"]
    # Costs 0, 100, 300, 1500, 2500, 3000: median (300 + 1500) / 2.
    assert figure.extra["wins"] == 6
    assert figure.extra["total"] == Decimal("7400.00")
    assert figure.extra["median"] == Decimal("900.00")
    assert figure.extra["over"] == 2
    assert figure.table.header == [
        "Team", "Wins with a cost", "Total (EUR)", "Median per win (EUR)", "Wins over the budget",
    ]  # fmt: skip
    assert figure.table.rows == [
        ["Front desk", 3, Decimal("2900.00"), Decimal("300.00"), 1],  # 100, 300, 2500
        ["Housekeeping", 2, Decimal("4500.00"), Decimal("2250.00"), 1],  # 1500, 3000
        ["No team", 1, Decimal("0.00"), Decimal("0.00"), 0],
    ]
    assert figure.summary == (
        "Making things right cost 7,400 EUR over 6 wins with a cost: a median of 900 EUR per win, "
        "against a budget of 2,000 EUR. 2 wins went over it."
    )
    chart = figure.chart
    # The budget is marked through every team's bar, at 2,000 on the bars' scale (largest: 2,250).
    marks = [line for line in chart.lines if line["kind"] == "reference"]
    assert len(marks) == 3 and {line["x1"] for line in marks} == {round(270 * 2000 / 2250, 1)}
    # Housekeeping's median is over the budget: another pattern, and said in words.
    assert any(rect["fill"] == "url(#chart-cost-teams-over)" for rect in chart.rects)
    assert "2,250 (over)" in [text["text"] for text in chart.texts]
    assert csv_rows(manager_client, "cost-teams")[2] == ["Housekeeping", "2", "4500.00", "2250.00", "1"]


def test_cost_per_person_counts_a_win_for_each_hero_it_credits(manager_client, known):
    figure = page(manager_client)["cost_people"]
    assert figure.table.rows == [
        ["Erin Employee", 3, Decimal("400.00"), Decimal("100.00"), 0],  # 0, 100, 300 (win 2 shared with Oscar)
        ["Oscar Other", 2, Decimal("2800.00"), Decimal("1400.00"), 1],  # 300, 2500
        ["Pat Porter", 2, Decimal("4500.00"), Decimal("2250.00"), 1],  # 1500, 3000
    ]
    assert "1 of them have a median cost per win over the 2,000 EUR budget" in figure.summary
    assert csv_rows(manager_client, "cost-people")[3] == ["Pat Porter", "2", "4500.00", "2250.00", "1"]


def test_wins_over_the_budget_are_listed_newest_first_with_their_approval(manager_client, known):
    context = page(manager_client)
    assert [(story.headline, story.needed_approval) for story in context["over_budget"]] == [
        ("Win 7", True),
        ("Win 3", False),
    ]
    text = manager_client.get("/insight/", year_query()).text
    assert "Approved by a supervisor" in text and "<strong>Decided on the spot</strong>" in text
    assert csv_rows(manager_client, "over-budget") == [
        ["Date", "Win", "Team", "Cost (EUR)", "Approved by a supervisor"],
        [f"{year()}-02-11", "Win 7", "Housekeeping", "3000.00", "yes"],
        [f"{year()}-02-05", "Win 3", "Front desk", "2500.00", "no"],
    ]


def test_heroes_featured_and_cheered_per_team(manager_client, known):
    figure = page(manager_client)["recognition"]
    assert figure.table.header == ["Team", "Wins", "Heroes credited", "Featured wins", "Cheered wins"]
    assert figure.table.rows == [["Front desk", 4, 2, 1, 1], ["Housekeeping", 3, 2, 2, 1], ["No team", 1, 1, 0, 0]]
    assert figure.notes == []
    assert csv_rows(manager_client, "recognition")[1:] == [
        ["Front desk", "4", "2", "1", "1"], ["Housekeeping", "3", "2", "2", "1"], ["No team", "1", "1", "0", "0"],
    ]  # fmt: skip


def test_lessons_from_misses_are_the_learned_wins_newest_first_without_names(manager_client, known):
    context = page(manager_client)
    assert [story.headline for story in context["lessons"]] == ["We double-booked the terrace"]
    assert context["lessons_count"] == 1
    text = manager_client.get("/insight/", year_query()).text
    lessons = text.split('id="lessons-title"', 1)[1]
    assert "Now we check the book twice." in lessons
    assert "Erin" not in lessons  # blame-free: no hero, no author


def test_the_nudge_list_names_quiet_teams_and_people_alphabetically(manager_client, known, manager):
    context = page(manager_client)
    # Erin and the Front desk shared a win today; the rest have not for 30 days (or ever).
    assert [team.name for team in context["quiet_teams"]] == ["Housekeeping", "Night shift"]
    quiet = {person.username: last_win for person, last_win in context["quiet_people"]}
    assert list(quiet) == ["mona", "oscar", "pat"]  # "gone" is inactive
    assert quiet["mona"] is None
    assert quiet["pat"].date().isoformat() == f"{year()}-06-01"  # win 93, shared in June
    assert quiet["oscar"].date().isoformat() == f"{year()}-02-05"  # win 3, the latest he was on
    text = manager_client.get("/insight/", year_query()).text
    assert "Listed alphabetically" in text and "no win shared yet" in text


def test_one_team_narrows_every_figure(manager_client, known):
    house = known["house"].pk
    context = page(manager_client, team=house)
    assert context["kinds"].extra["totals"] == {"fixed": 2, "creative": 0, "learned": 0, "praise": 1}
    assert context["decided_teams"].table.rows == [["Housekeeping", 3, 2, Decimal("66.7")]]
    assert context["cost_teams"].extra["median"] == Decimal("2250.00")
    assert context["cost_people"].table.rows == [["Pat Porter", 2, Decimal("4500.00"), Decimal("2250.00"), 1]]
    assert context["recognition"].table.rows == [["Housekeeping", 3, 2, 2, 1]]
    assert [team.name for team in context["quiet_teams"]] == ["Housekeeping"]
    # People who were on one of its wins before: Oscar (win 5) and Pat.
    assert [person.username for person, _ in context["quiet_people"]] == ["oscar", "pat"]
    assert csv_rows(manager_client, "recognition", team=house)[1:] == [["Housekeeping", "3", "2", "2", "1"]]


def test_a_custom_range_counts_only_its_days(manager_client, known):
    y = year()
    response = manager_client.get("/insight/", {"period": "custom", "start": f"{y}-01-15", "end": f"{y}-02-10"})
    context = response.context
    # Wins 2 (01-20), 3 (02-05), 5 (01-15), 6 (02-10).
    assert context["kinds"].extra["totals"] == {"fixed": 2, "creative": 1, "learned": 0, "praise": 1}
    assert [row[0] for row in context["kinds"].table.rows] == [f"{y}-01", f"{y}-02"]
    assert context["cost_teams"].extra["median"] == Decimal("1500.00")  # 300, 1500, 2500
    assert f"15 Jan {y} – 10 Feb {y}" in response.text
