"""The insight page at size: 50,000 wins over 8 teams and 60 people (2 heroes
each) in a scratch database, then

- the median cost per team three ways: window functions returning only each
  group's middle rows (what Winsboard does), every cost loaded and the
  median taken in Python, and one ORDER BY/LIMIT/OFFSET query per team;
  on PostgreSQL also its own `percentile_cont` (SQLite has none);
- the median per person (through the heroes) the first two ways;
- the whole /insight/ page and a CSV, through the real views, with their
  SQL query counts.

Prints timings (the fastest and the median of several interleaved runs:
on a busy machine the fastest is the fairer comparison) and rows fetched;
no pass/fail.
Run: `make bench` or `.venv/bin/python bench/bench_insight.py` (BENCH_WINS=20000
for a smaller, quicker run). With
BENCH_DATABASE_URL set (e.g. a throwaway PostgreSQL from .ci/with-postgres:
`BENCH_DATABASE_URL=$DATABASE_URL`), it runs there instead of SQLite."""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS = int(os.environ.get("BENCH_WINS", "50000"))
ROUNDS = 7

SCRATCH = tempfile.TemporaryDirectory(prefix="winsboard-bench-")
os.environ["SQLITE_PATH"] = str(Path(SCRATCH.name) / "bench.sqlite3")
os.environ.pop("DATABASE_URL", None)
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
os.environ["DEBUG"] = "true"
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "winsboard.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from stories.lib import insight  # noqa: E402
from stories.models import Story, Team  # noqa: E402
from tests.helpers.people import managers_group  # noqa: E402

BUDGET = settings.WINSBOARD_EMPOWERMENT_BUDGET


def seed():
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"user{i}", first_name=f"User{i}", last_name="Bench") for i in range(60)
    )
    teams = Team.objects.bulk_create(Team(name=f"Team {i}") for i in range(8))
    start = date(2025, 1, 1)
    stories = []
    for i in range(WINS):
        stories.append(
            Story(
                headline=f"Bench win {i}",
                body="What happened, what I decided, how it ended.",
                kind=Story.Kind.values[i % 4],
                team=teams[i % 8] if i % 17 else None,
                happened_on=start + timedelta(days=i % 365),
                needed_approval=i % 5 == 0,
                cost=None if i % 7 == 0 else Decimal((i * 7919) % 4000) + Decimal("0.50"),
                author=users[i % 60],
            )
        )
        if len(stories) == 5000:
            Story.objects.bulk_create(stories)
            stories = []
    Story.objects.bulk_create(stories)
    through = Story.heroes.through
    ids = list(Story.objects.values_list("pk", flat=True))
    for chunk in range(0, len(ids), 5000):
        through.objects.bulk_create(
            through(story_id=pk, user_id=users[(pk + offset * 7) % 60].pk)
            for pk in ids[chunk : chunk + 5000]
            for offset in range(2)
        )
    manager = get_user_model().objects.create_user("boss", password="bench-only")  # noqa: S106
    manager.groups.add(managers_group())
    return manager


def compare(title, strategies, rounds=ROUNDS):
    """Run the strategies in turn, `rounds` times (interleaved, so a busy
    machine slows them alike); print the fastest and the median run of
    each, and return each one's last result."""
    times = {label: [] for label in strategies}
    results = {}
    for _ in range(rounds):
        for label, function in strategies.items():
            started = time.perf_counter()
            results[label] = function()
            times[label].append((time.perf_counter() - started) * 1000)
    print(title)
    for label, runs in times.items():
        print(f"  {label:<56} fastest {min(runs):7.1f} ms   median {statistics.median(runs):7.1f} ms")
    return results


def year_wins():
    return Story.objects.for_insight(start=date(2025, 1, 1), end=date(2025, 12, 31))


def window_medians():
    rows = list(year_wins().cost_middles_by_team(BUDGET))
    return len(rows), {key: group["median"] for key, group in insight.cost_groups(rows, "team_id").items()}


def python_medians():
    costs = {}
    rows = 0
    for team_id, cost in year_wins().filter(cost__isnull=False).values_list("team_id", "cost").iterator():
        costs.setdefault(team_id, []).append(cost)
        rows += 1
    return rows, {key: Decimal(statistics.median(values)).quantize(Decimal("0.01")) for key, values in costs.items()}


def offset_medians():
    """One COUNT and one or two ORDER BY … LIMIT/OFFSET queries per team."""
    medians = {}
    for team_id in [None, *Team.objects.values_list("pk", flat=True)]:
        wins = year_wins().filter(cost__isnull=False, team_id=team_id).order_by("cost", "pk")
        count = wins.count()
        middle = list(wins.values_list("cost", flat=True)[(count - 1) // 2 : count // 2 + 1])
        medians[team_id] = insight.median_of_middle(middle)
    return 0, medians


def percentile_medians():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT team_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY cost) FROM stories_story "
            "WHERE cost IS NOT NULL AND status = 'published' AND hidden_at IS NULL "
            "AND happened_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY team_id"
        )
        return 0, {team: Decimal(value).quantize(Decimal("0.01")) for team, value in cursor.fetchall()}


def person_window():
    return len(list(year_wins().cost_middles_by_person(BUDGET)))


def person_python():
    costs = {}
    for hero, cost in year_wins().filter(cost__isnull=False).values_list("heroes", "cost").iterator():
        costs.setdefault(hero, []).append(cost)
    medians = {hero: statistics.median(values) for hero, values in costs.items()}
    return sum(len(values) for values in costs.values()) if medians else 0


def page(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, response.status_code
    return len(captured), len(body)


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    manager = seed()
    with connection.cursor() as cursor:  # statistics, as autovacuum (PostgreSQL) would have them
        cursor.execute("ANALYZE")
    print(f"{connection.vendor}: seeded {WINS:,} wins in {time.perf_counter() - started:.1f} s")
    team_strategies = {
        "window functions, middle rows only (Winsboard)": window_medians,
        "every cost loaded, median in Python": python_medians,
        "ORDER BY/LIMIT/OFFSET, 2 queries per team": offset_medians,
    }
    if connection.vendor == "postgresql":
        team_strategies["PostgreSQL percentile_cont (not on SQLite)"] = percentile_medians
    results = compare("Median cost per team (9 groups, ~43,000 wins with a cost):", team_strategies)
    medians = [medians for _, medians in results.values()]
    assert all(one == medians[0] for one in medians), medians
    rows = [rows for rows, _ in results.values()]
    print(f"  rows fetched: window {rows[0]}, Python {rows[1]:,}")
    results = compare(
        "Median cost per person (60 people, 2 heroes a win):",
        {"window functions, middle rows only (Winsboard)": person_window, "every (hero, cost) loaded": person_python},
    )
    print(f"  rows fetched: window {results['window functions, middle rows only (Winsboard)']}, Python "
          f"{results['every (hero, cost) loaded']:,}")  # fmt: skip
    client = Client()
    client.force_login(manager)
    results = compare(
        "Through the views:",
        {
            "/insight/?date=2025-06-01 (a year of 50,000 wins)": lambda: page(client, "/insight/?date=2025-06-01"),
            "/insight/over-budget.csv?date=2025-06-01": lambda: page(
                client, "/insight/over-budget.csv?date=2025-06-01"
            ),
        },
        rounds=3,
    )
    (page_queries, size), (csv_queries, _) = results.values()
    print(f"  the page: {page_queries} queries, {size / 1024:.0f} KiB of HTML; the CSV: {csv_queries} queries")


if __name__ == "__main__":
    main()
