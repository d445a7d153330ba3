"""The insight page at size: 50,000 wins over 8 teams and 60 people (2 heroes
each) in a scratch database, then

- the median cost per team three ways: window functions returning only each
  group's middle rows (what Winsboard does), every cost loaded and the
  median taken in Python, and one ORDER BY/LIMIT/OFFSET query per team;
  on PostgreSQL also its own `percentile_cont` (SQLite has none);
- the median per person (through the heroes) the first two ways;
- the whole /insight/ page and a CSV, through the real views, with their
  SQL query counts.

Prints timings (the fastest and the median of several interleaved runs,
wall clock and CPU time: on a busy machine CPU time is the fairer
comparison) and rows fetched;
no pass/fail.
Run: `make bench` or `.venv/bin/python bench/bench_insight.py` (BENCH_WINS=20000
for a smaller, quicker run). With
BENCH_DATABASE_URL set (e.g. a throwaway PostgreSQL from .ci/with-postgres:
`BENCH_DATABASE_URL=$DATABASE_URL`), it runs there instead of SQLite."""

import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS = int(os.environ.get("BENCH_WINS", "50000"))
ROUNDS = 7

sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402

SCRATCH = seeding.scratch_django()  # never db.sqlite3 or a configured database

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
CENT = Decimal("0.01")


def seed():
    users = seeding.people(60)
    teams = seeding.teams(8)
    start = date(2025, 1, 1)
    stories = seeding.wins(
        WINS, users=users, teams=teams, batch_size=5000, team=lambda i: teams[i % 8] if i % 17 else None,
        happened_on=lambda i: start + timedelta(days=i % 365), needed_approval=lambda i: i % 5 == 0,
        cost=lambda i: None if i % 7 == 0 else Decimal((i * 7919) % 4000) + Decimal("0.50"),
    )  # fmt: skip
    seeding.credit(stories, users, spread=lambda i, story, k: story.pk + k * 7)
    manager = get_user_model().objects.create_user("boss", password="bench-only")  # noqa: S106
    manager.groups.add(managers_group())
    return manager


def cpu_ms():
    """CPU time spent on the work so far, in ms: this process's (which runs
    SQLite itself) plus, on PostgreSQL, the server process serving this
    connection (its /proc schedstat: both run on this machine). Unlike the
    wall clock, it holds on a busy machine."""
    spent = time.process_time() * 1000
    if connection.vendor == "postgresql":
        if not hasattr(cpu_ms, "backend"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                cpu_ms.backend = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
        spent += int(cpu_ms.backend.read_text().split()[0]) / 1e6
    return spent


def compare(title, strategies, rounds=ROUNDS):
    """Run the strategies in turn, `rounds` times (interleaved, so a busy
    machine slows them alike); print the fastest and the median run of
    each, wall clock and CPU (`cpu_ms`), and return each one's last result."""
    times = {label: [] for label in strategies}
    cpu = {label: [] for label in strategies}
    results = {}
    for _ in range(rounds):
        for label, function in strategies.items():
            started, used = time.perf_counter(), cpu_ms()
            results[label] = function()
            times[label].append((time.perf_counter() - started) * 1000)
            cpu[label].append(cpu_ms() - used)
    print(title)
    for label, runs in times.items():
        print(f"  {label:<56} wall fastest {min(runs):7.1f} ms median {statistics.median(runs):7.1f} ms"
              f" · CPU fastest {min(cpu[label]):7.1f} ms median {statistics.median(cpu[label]):7.1f} ms")  # fmt: skip
    return results


def year_wins():
    return Story.objects.for_insight(start=date(2025, 1, 1), end=date(2025, 12, 31))


def window_page_part():
    """What the page does today: the middle rows, then the groups and overall in Python."""
    rows = list(year_wins().cost_middles_by_team(BUDGET))
    groups = insight.cost_groups(rows, "team_id")
    overall = insight.overall_cost(rows)
    return len(rows), {key: (g["wins"], g["total"], g["over"], g["median"]) for key, g in groups.items()}, overall


def _python_groups(rows):
    """{key: [name, costs]} → {key: (wins, total, over, median)}: what a figure shows."""
    return {
        key: (
            len(costs),
            sum(costs, Decimal("0.00")).quantize(CENT),
            sum(1 for cost in costs if cost > BUDGET),
            Decimal(statistics.median(costs)).quantize(CENT, ROUND_HALF_UP),
        )
        for key, (_, costs) in rows.items()
    }


def python_page_part():
    """Every (team, team name, cost) loaded — what the page would need — and
    each team's count, total, wins over budget and median in Python, then the
    same over every win."""
    costs, fetched = {}, 0
    wins = year_wins().filter(cost__isnull=False).values_list("team_id", "team__name", "cost")
    for team_id, name, cost in wins.iterator():
        costs.setdefault(team_id, [name, []])[1].append(cost)
        fetched += 1
    groups = _python_groups(costs)
    every = [cost for _, team_costs in costs.values() for cost in team_costs]
    overall = {
        "wins": len(every),
        "total": sum((group[1] for group in groups.values()), Decimal("0.00")),
        "over": sum(group[2] for group in groups.values()),
        "median": Decimal(statistics.median(every)).quantize(CENT, ROUND_HALF_UP) if every else None,
    }
    return fetched, groups, overall


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
    rows = list(year_wins().cost_middles_by_person(BUDGET))
    groups = insight.cost_groups(rows, "person")
    return len(rows), {key: (g["wins"], g["total"], g["over"], g["median"]) for key, g in groups.items()}


def person_python():
    """Every (hero, their names, cost) loaded — what the page would need."""
    costs, fetched = {}, 0
    wins = year_wins().filter(cost__isnull=False, heroes__isnull=False)
    names = ("heroes__first_name", "heroes__last_name", "heroes__username")
    for hero, first, last, username, cost in wins.values_list("heroes", *names, "cost").iterator():
        costs.setdefault(hero, [(first, last, username), []])[1].append(cost)
        fetched += 1
    return fetched, _python_groups(costs)


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
    window, python = "window functions, middle rows only (Winsboard)", "every (team, name, cost) loaded, Python"
    team_strategies = {
        window: window_page_part,
        python: python_page_part,
        "ORDER BY/LIMIT/OFFSET, 2 queries per team (medians only)": offset_medians,
    }
    if connection.vendor == "postgresql":
        team_strategies["PostgreSQL percentile_cont (medians only; not on SQLite)"] = percentile_medians
    results = compare(f"Cost per team (9 groups, {year_wins().exclude(cost=None).count():,} wins with a cost):",
                      team_strategies)  # fmt: skip
    assert results[window][1:] == results[python][1:], (results[window], results[python])
    medians = {key: group[3] for key, group in results[window][1].items()}
    assert all(one[1] == medians for label, one in results.items() if label not in (window, python)), results
    print(f"  rows fetched: window {results[window][0]}, Python {results[python][0]:,}")
    python = "every (hero, names, cost) loaded, Python"
    results = compare("Cost per person (60 people, 2 heroes a win):", {window: person_window, python: person_python})
    assert results[window][1] == results[python][1], results
    print(f"  rows fetched: window {results[window][0]}, Python {results[python][0]:,}")
    client = Client()
    client.force_login(manager)
    results = compare(
        "Through the views:",
        {
            f"/insight/?date=2025-06-01 (a year of {WINS:,} wins)": lambda: page(client, "/insight/?date=2025-06-01"),
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
