"""The insight aggregates are computed by the database (SQLite and PostgreSQL
alike): a median never brings a group's rows into Python — only its one or
two middle rows come back — and it agrees with Python's own median."""

import random
import statistics
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from stories import services
from stories.lib import insight
from stories.models import Story, Team
from tests.helpers.people import crowd, make_user
from tests.helpers.queries import captured_queries
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db
BUDGET = Decimal("2000")


@pytest.fixture
def costly_wins(django_user_model):
    """Three teams with 1, 50 and 101 wins (odd, even, odd), tied costs
    included, and 7 wins without a team; a few wins without a cost."""
    people, _ = crowd(django_user_model)
    rng = random.Random(14)
    teams = [Team.objects.create(name=name) for name in ("Alpha", "Bravo", "Charlie")]
    expected = {}
    for team, count in zip([*teams, None], (1, 50, 101, 7), strict=True):
        costs = [Decimal(rng.choice([0, 25, 25, 99.99, 150, 1999.99, 2000, 2000.01, 4800])).quantize(Decimal("0.01"))
                 for _ in range(count)]  # fmt: skip
        for cost, times in Counter(costs).items():
            seed_wins(times, authors=people, teams=[team] if team else (), cost=cost)
        expected[team.pk if team else None] = costs
    seed_wins(5, authors=people, teams=teams, cost=None)  # no cost: left out of every cost figure
    return expected


def test_medians_totals_and_over_budget_counts_agree_with_python(costly_wins):
    rows = list(Story.objects.published().cost_middles_by_team(BUDGET))
    groups = insight.cost_groups(rows, "team_id")
    assert set(groups) == set(costly_wins)
    for team_id, costs in costly_wins.items():
        group = groups[team_id]
        assert group["wins"] == len(costs)
        assert group["total"] == sum(costs)
        assert group["median"] == Decimal(statistics.median(costs)).quantize(Decimal("0.01"))
        assert group["over"] == sum(1 for cost in costs if cost > BUDGET)
    everything = [cost for costs in costly_wins.values() for cost in costs]
    overall = insight.overall_cost(rows)
    assert overall["median"] == Decimal(statistics.median(everything)).quantize(Decimal("0.01"))
    assert (overall["wins"], overall["total"]) == (len(everything), sum(everything))


def test_only_the_middle_rows_come_back_in_one_query(costly_wins):
    with captured_queries() as captured:
        rows = list(Story.objects.published().cost_middles_by_team(BUDGET))
    assert len(captured) == 1
    # 159 wins with a cost, in 4 groups: at most 2 middle rows per group, plus the overall middle.
    assert len(rows) <= 2 * 4 + 2


def test_the_middle_one_or_two_rows_are_marked_for_odd_and_even_counts(django_user_model):
    people, _ = crowd(django_user_model)
    odd, even = Team.objects.create(name="Odd"), Team.objects.create(name="Even")
    for team, costs in ((odd, [30, 1, 2]), (even, [40, 1, 30, 2])):
        for cost in costs:
            seed_wins(1, authors=people, teams=[team], cost=Decimal(cost))
    rows = list(Story.objects.published().cost_middles_by_team(BUDGET))
    middles = {team.pk: sorted(row["cost"] for row in rows if row["team_id"] == team.pk and row["middle"])
               for team in (odd, even)}  # fmt: skip
    assert middles == {odd.pk: [Decimal("2")], even.pk: [Decimal("2"), Decimal("30")]}
    # All seven in cost order (1, 1, 2, 2, 30, 30, 40): the fourth is the middle.
    assert [row["cost"] for row in rows if row["middle_all"]] == [Decimal("2")]
    assert insight.cost_groups(rows, "team_id")[even.pk]["median"] == Decimal("16.00")


def test_a_win_crediting_several_heroes_counts_for_each_of_them(django_user_model, make_story, employee):
    pat = get_user_model().objects.create_user("pat", first_name="Pat")
    make_story(heroes=[employee, pat], cost=Decimal("100"))
    make_story(heroes=[pat], cost=Decimal("300"))
    make_story(heroes=[pat], cost=Decimal("5000"))
    groups = insight.cost_groups(list(Story.objects.published().cost_middles_by_person(BUDGET)), "person")
    assert (groups[employee.pk]["wins"], groups[employee.pk]["median"]) == (1, Decimal("100.00"))
    assert (groups[pat.pk]["wins"], groups[pat.pk]["median"], groups[pat.pk]["over"]) == (3, Decimal("300.00"), 1)
    assert groups[pat.pk]["total"] == Decimal("5400.00")


def test_each_hero_is_counted_once_per_team_and_each_win_once_per_month(
    make_story, employee, other_employee, django_user_model
):
    team = Team.objects.create(name="Front desk")
    cheered = make_story(team=team, heroes=[employee, other_employee])
    make_story(team=team, heroes=[employee])
    for fan in make_user(django_user_model, "fan1"), make_user(django_user_model, "fan2"):
        services.cheer_set(story=cheered, user=fan, on=True)
    (heroes,) = Story.objects.published().heroes_by_team()
    assert heroes == {"team_id": team.pk, "heroes": 2}
    (row,) = Story.objects.published().by_team_and_month()
    assert (row["wins"], row["featured"], row["cheered"], row["fixed"]) == (2, 0, 1, 2)  # two cheers, one win


def test_the_nudge_list_knows_when_someone_was_last_credited_by_a_colleague(make_story, employee, other_employee):
    long_ago = timezone.now() - timedelta(days=90)
    posted = make_story(author=other_employee, heroes=[other_employee], created_at=long_ago)
    credited = make_story(author=employee, heroes=[other_employee], created_at=long_ago + timedelta(days=10))
    make_story(author=employee, heroes=[employee])  # Erin posted today: not quiet
    since = timezone.now() - timedelta(days=30)
    quiet = dict(insight.quiet_people(Story.objects.quiet_people(since=since)))
    assert [person.username for person in quiet] == ["oscar"]
    (last_win,) = quiet.values()
    assert last_win == credited.created_at != posted.created_at
