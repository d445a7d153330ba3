"""/insight/ is for managers: who may open it and its CSVs, filters in the
address (a bad one is explained with a 400, never a 500), a constant number
of queries however many wins, no writes, and charts that follow the CSP and
carry a text alternative."""

from datetime import date

import pytest
from django.utils import timezone

from stories.models import Team
from tests.helpers.people import client_for, crowd
from tests.helpers.queries import captured_queries, query_count
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

FIGURES = ["kinds", "decided-teams", "decided-trend", "cost-teams", "cost-people", "over-budget", "recognition"]


# --- who may see it -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/insight/", *(f"/insight/{figure}.csv" for figure in FIGURES)])
def test_employees_are_refused_and_managers_let_in(path, employee, manager, superuser):
    refused = client_for(employee).get(path)
    assert refused.status_code == 403
    assert "Empowerment insight is for managers." in refused.text
    assert client_for(manager).get(path).status_code == 200
    assert client_for(superuser).get(path).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for path in ["/insight/", "/insight/kinds.csv"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_figure_is_not_found(manager_client):
    assert manager_client.get("/insight/secrets.csv").status_code == 404


def test_the_page_only_reads(manager_client):
    assert manager_client.head("/insight/").status_code == 200
    assert manager_client.post("/insight/").status_code == 405
    assert manager_client.post("/insight/kinds.csv").status_code == 405


def test_managers_find_it_in_the_navigation_and_the_review_queue(manager, employee):
    managers = client_for(manager)
    here = " ".join(managers.get("/insight/").text.split())
    assert 'dropdown-toggle btn btn-link active"' in here  # the Manage menu shows where you are
    assert 'href="/insight/" aria-current="page">Insight</a>' in here
    assert 'href="/insight/" >Insight</a>' in " ".join(managers.get("/").text.split())
    assert 'href="/insight/">Empowerment insight</a>' in managers.get("/manage/").text
    assert "/insight/" not in client_for(employee).get("/").text


# --- filters ------------------------------------------------------------------


def test_by_default_it_shows_this_year_for_all_teams(manager_client):
    response = manager_client.get("/insight/")
    period = response.context["period"]
    today = timezone.localdate()
    assert (period.kind, period.start, period.end) == ("year", date(today.year, 1, 1), date(today.year, 12, 31))
    assert response.context["team"] is None
    # Only the months so far: no empty columns for the future.
    assert len(response.context["kinds"].table.rows) == today.month


@pytest.mark.parametrize(
    ("params", "label", "previous", "following"),
    [
        ({"period": "month", "date": "2024-02-10"}, "February 2024", "January 2024", "March 2024"),
        (
            {"period": "quarter", "date": "2024-12-31"},
            "Q4 2024 (Oct – Dec)",
            "Q3 2024 (Jul – Sep)",
            "Q1 2025 (Jan – Mar)",
        ),
        ({"period": "year", "date": "2024-07-01"}, "2024", "2023", "2025"),
    ],
)
def test_a_month_quarter_or_year_with_links_to_the_one_before_and_after(
    manager_client, params, label, previous, following
):
    response = manager_client.get("/insight/", params)
    assert response.context["period"].label == label
    navigation = response.context["navigation"]
    assert navigation["previous"][0].label == previous
    assert navigation["next"][0].label == following
    assert f"Back to {timezone.localdate().year}" in manager_client.get("/insight/", {"date": "2024-01-01"}).text


def test_switching_this_year_to_month_shows_this_month(manager_client):
    form = manager_client.get("/insight/").context["form"]
    assert form["date"].value() == timezone.localdate()
    past = manager_client.get("/insight/", {"period": "year", "date": "2024-07-01"}).context["form"]
    assert past["date"].value() == date(2024, 1, 1)


def test_from_and_to_alone_mean_a_custom_range(manager_client):
    response = manager_client.get("/insight/", {"start": "2024-03-01", "end": "2024-05-15"})
    assert response.context["period"].label == "1 Mar 2024 – 15 May 2024"
    assert response.context["form"]["start"].value() == date(2024, 3, 1)


def test_from_and_to_are_ignored_for_a_month_quarter_or_year(manager_client):
    response = manager_client.get("/insight/", {"period": "month", "date": "2024-03-09", "start": "2020-01-01"})
    assert response.context["period"].label == "March 2024"
    assert response.context["form"]["start"].value() is None  # shown empty: it did not apply


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"team": "999999"}, "Choose a team from the list."),
        ({"team": "9" * 30}, "Choose a team from the list."),
        ({"team": "²"}, "Choose a team from the list."),
        ({"team": "abc"}, "Choose a team from the list."),
        ({"period": "decade"}, "Choose a month, a quarter, a year or a custom range."),
        ({"period": "custom"}, "For a custom range, give both a From and a To date."),
        ({"period": "custom", "start": "2026-01-01"}, "For a custom range, give both a From and a To date."),
        ({"start": "2026-03-01", "end": "2026-01-01"}, "The From date must be on or before the To date."),
        ({"start": "2010-01-01", "end": "2026-01-01"}, "Choose a range of at most 5 years."),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "Enter a date like 2026-11-01."),
        ({"period": "month", "date": "0001-01-01"}, "Choose a date between 1900 and 2999."),
        ({"period": "month", "date": "9999-12-31"}, "Choose a date between 1900 and 2999."),
        ({"date": "\x00"}, "Enter a date like 2026-11-01."),
    ],
)
def test_a_bad_filter_is_explained_with_a_400(manager_client, params, message):
    for path in ["/insight/", "/insight/kinds.csv"]:
        response = manager_client.get(path, params)
        assert response.status_code == 400, (path, params)
        assert message in response.text
        assert 'role="alert"' in response.text
        assert "<svg" not in response.text.split("</form>", 1)[1]  # no charts of something else


# --- speed and safety ---------------------------------------------------------


def test_the_page_costs_the_same_queries_for_3_wins_or_60(manager_client, manager, django_user_model, team):
    people, tags = crowd(django_user_model)
    other_team = Team.objects.create(name="Kitchen")
    seed_wins(3, authors=people, teams=[team, other_team], tags=tags, cost=2500)
    few = query_count(manager_client, "/insight/")
    seed_wins(57, authors=people, teams=[team, other_team], tags=tags, cost=100, needed_approval=True)
    assert query_count(manager_client, "/insight/") == few


# Session, user, permissions (2), the chosen team, the team list (the filter);
# wins per team and month (kinds, decided on the spot, wins and featured per
# team), heroes per team, cost per team, cost per person, wins over budget,
# lessons, quiet teams, quiet people = 14.
PAGE_MAX_QUERIES = 14


def test_the_page_is_a_fixed_handful_of_queries(manager_client, django_user_model, team, django_assert_max_num_queries):
    people, tags = crowd(django_user_model)
    seed_wins(40, authors=people, teams=[team], tags=tags, cost=3000, needed_approval=True)
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        assert manager_client.get("/insight/", {"team": team.pk}).status_code == 200


# Each CSV runs its figure's own aggregate; recognition adds the heroes per team
# to the counts per team and month.
CSV_QUERIES = {figure: 1 for figure in FIGURES} | {"recognition": 2}


@pytest.mark.parametrize("figure", FIGURES)
def test_each_csv_is_its_own_aggregate_query(manager_client, django_user_model, team, figure):
    people, tags = crowd(django_user_model)
    seed_wins(30, authors=people, teams=[team], tags=tags, cost=2500)
    with captured_queries() as captured:
        response = manager_client.get(f"/insight/{figure}.csv")
        rows = b"".join(response.streaming_content).splitlines()
    assert len(rows) > 1
    # The signed-in user's own query (its unread-notifications count reads wins too) isn't the figure's.
    sql = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith('SELECT "auth_user"')]
    own = [statement for statement in sql if "stories_story" in statement]
    assert len(own) == CSV_QUERIES[figure], own


def test_reading_the_page_and_a_csv_writes_nothing(manager_client, make_story, team):
    make_story(team=team, cost=5000)
    with captured_queries() as captured:
        manager_client.get("/insight/")
        b"".join(manager_client.get("/insight/over-budget.csv").streaming_content)
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def test_user_text_is_escaped_in_charts_tables_and_lists(manager_client, make_story, employee):
    evil = "<script>alert(1)</script>"
    story_team = Team.objects.create(name=evil)
    employee.first_name = evil
    employee.save()
    make_story(team=story_team, cost=5000, headline=evil, kind="learned")
    text = manager_client.get("/insight/").text
    assert evil not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_every_chart_is_an_svg_image_with_a_name_a_description_and_a_table(manager_client, make_story, team):
    make_story(team=team, cost=100)
    text = manager_client.get("/insight/").text
    for chart in ["chart-kinds", "chart-decided-teams", "chart-decided-trend", "chart-cost-teams", "chart-recognition"]:
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in text, chart
        assert f'<title id="{chart}-title">' in text and f'<desc id="{chart}-desc">' in text, chart
    assert text.count("<summary>Show as table<span") == 6
    assert text.count('role="img"') == 6
    assert " style=" not in text


def test_an_empty_period_says_so_instead_of_drawing_empty_charts(manager_client):
    response = manager_client.get("/insight/", {"period": "month", "date": "1999-01-01"})
    assert response.status_code == 200
    assert "<svg" not in response.text.split('id="decide-title"', 1)[1].split('id="recognition-title"')[0]
    assert "No wins in this period." in response.text
    assert "No win in this period records a cost." in response.text
