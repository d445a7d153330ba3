"""Search at 10,000 wins: the feed's first page as people see it, then
searches of several kinds (a rare word, a colleague's name, a common word,
a word in every win, a phrase, search with filters, a later page of
results), each rendered through the real view; times, SQL queries, and the
ratio to the plain feed page.

Times are CPU time of this process (which runs SQLite itself), plus, on
PostgreSQL, the server's execution time of the page's queries: figures that
hold on a busy machine, unlike wall-clock time.

On SQLite always (a scratch file). On PostgreSQL too when DATABASE_URL is
set (in a scratch test database created next to it and dropped after), or
when a local PostgreSQL can be started (`.ci/with-postgres`, a throwaway
cluster); otherwise it says it skipped it.

Prints measurements; no pass/fail. Run: `make bench` or
`.venv/bin/python bench/bench_search.py`."""

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS = 10_000
REPEAT = 15
CHILD = "WINSBOARD_BENCH_SEARCH_DB"  # set in the child process that measures one database
sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402

# Words for the stories: a few hundred, some far more common than others.
VOCABULARY = (
    "guest room booking breakfast lobby upgrade refund delay taxi luggage passport flight birthday anniversary "
    "cake flowers champagne kitchen allergy wheelchair child dog umbrella rain snow key card wifi printer "
    "invoice complaint smile thanks late early night shift manager colleague phone email call letter note "
    "station airport hospital pharmacy doctor medicine glasses wallet ring bag coat shoe charger laptop "
    "ticket concert museum theatre restaurant table window view quiet noisy cold warm broken fixed replaced"
).split()


def seed(timezone):
    rng = random.Random(10)
    users = seeding.people(30, first_name="Name")
    now = timezone.now()
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]  # Zipf-like: "guest" is common, "snow" rare

    def body(i):
        words = rng.choices(VOCABULARY, weights=weights, k=50)
        if i % 100 == 0:
            words.insert(10, "zeppelin")  # in 1% of the wins
        return " ".join(words) + ". Then I decided what to do, and it ended well."

    teams = seeding.teams(5)
    stories = seeding.wins(
        WINS, users=users, teams=teams,
        headline=lambda i: f"Bench win {i}: {' '.join(rng.choices(VOCABULARY, weights=weights, k=4))}", body=body,
        created_at=lambda i: now - timedelta(minutes=i // 5),
        quote=lambda i: "Thank you so much!" if i % 3 == 0 else "", customer_consent=lambda i: i % 3 == 0,
    )  # fmt: skip
    seeding.credit(stories, users)
    seeding.tag(stories, seeding.tags(8), per_win=2)
    return users[0], teams[0]


def timed(action, clock):
    """The fastest and the median of REPEAT runs, in ms, after a warm-up. On
    a busy machine the fastest is the fairer figure (it was interrupted least)."""
    for _ in range(3):
        action()
    samples = []
    for _ in range(REPEAT):
        started = clock()
        action()
        samples.append((clock() - started) * 1000)
    return min(samples), statistics.median(samples)


def server_ms(connection, captured):
    """PostgreSQL's own execution time of the captured SELECTs (the fastest of 3 each)."""
    total = 0.0
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            runs = []
            for _ in range(3):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                runs.append(cursor.fetchone()[0][0]["Execution Time"])
            total += min(runs)
    return total


def measure(vendor):
    """Runs in a child process whose settings point at one database."""
    import django

    os.environ["WINSBOARD_PAGE_CACHE"] = "false"  # each search page made: what searching costs (kept: bench_http)
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from stories import services
    from stories.models import Story

    scratch_name = None
    if vendor == "postgresql":  # a scratch database next to DATABASE_URL's, dropped at the end
        scratch_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        reader, team = seed(timezone)
        seeded = time.perf_counter() - started
        started = time.perf_counter()
        services.search_index_rebuild()
        indexed = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        count = Story.objects.count()
        print(f"{vendor}: {count:,} wins seeded in {seeded:.1f} s, indexed for search in {indexed:.1f} s")
        client = Client()
        client.force_login(reader)

        def page(params):
            def get():
                response = client.get("/", params)
                assert response.status_code == 200 and b"Bench win" in response.content, params

            return get

        cases = [
            ("feed page 1 (no search)", {}),
            ("a rare word (1% of wins)", {"q": "zeppelin"}),
            ("a colleague's name (~7%)", {"q": "Name7"}),
            ("a common word (~45%)", {"q": "guest"}),
            ("a word in every win", {"q": "decided"}),
            ('a phrase: "ended well"', {"q": '"ended well"'}),
            ("two words, -word", {"q": "guest room -cake"}),
            ("search + kind + team", {"q": "guest", "kind": "fixed", "team": str(team.pk)}),
            ("a common word, page 5", {"q": "guest", "page": "5"}),
            ("feed page 1 again (drift check)", {}),
        ]
        # SQLite runs inside this process: the process's CPU time is the
        # page's whole cost, and shrugs off other programs on a busy machine.
        # PostgreSQL works in its own process: there a page costs this
        # process's CPU time plus the server's execution time of its queries
        # (EXPLAIN ANALYZE), rather than the wall-clock time, which swings
        # with whatever else the machine runs.
        print(f"  {'':<32} {'fastest':>10} {'median':>9} {'of it SQL':>10} {'queries':>8} {'× feed':>7}")
        for _, params in cases:  # warm every page (templates, caches) before timing any
            for _ in range(3):
                page(params)()
        base = None
        for label, params in cases:
            action = page(params)
            fastest, median = timed(action, time.process_time)
            with CaptureQueriesContext(connection) as captured:
                action()
            sql_ms = server_ms(connection, captured) if vendor == "postgresql" else 0.0
            fastest, median = fastest + sql_ms, median + sql_ms
            base = base or fastest
            print(
                f"  {label:<32} {fastest:7.1f} ms {median:6.1f} ms {sql_ms:7.1f} ms {len(captured):>8}"
                f" {fastest / base:6.2f}x"
            )
    finally:
        if scratch_name:
            connection.creation.destroy_test_db(scratch_name, verbosity=0)
        connection.close()


def run_child(vendor, env, wrapper=()):
    env = {**env, CHILD: vendor, "DEBUG": "true", "ALLOWED_HOSTS": "testserver", "LOG_LEVEL": "WARNING"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "winsboard.settings")
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([*wrapper, sys.executable, __file__], cwd=ROOT, env=env).returncode


def main():
    if os.environ.get(CHILD):
        measure(os.environ[CHILD])
        return 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="winsboard-bench-") as scratch:
        sqlite_env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        sqlite_env["SQLITE_PATH"] = str(Path(scratch) / "bench.sqlite3")
        failed |= run_child("sqlite", sqlite_env)
    print()
    if os.environ.get("DATABASE_URL"):
        failed |= run_child("postgresql", dict(os.environ))
    elif list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) and shutil.which("bash"):
        env = {**os.environ, "WINSBOARD_PG_PORT": os.environ.get("WINSBOARD_PG_PORT", "54339")}
        failed |= run_child("postgresql", env, wrapper=("bash", str(ROOT / ".ci" / "with-postgres")))
    else:
        print("postgresql: skipped (DATABASE_URL is not set and no local PostgreSQL to start)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
