"""The feed at depth: 10,000 wins in a scratch SQLite file, then page 1 and a
deep page (page 400) rendered through the real view, with the SQL queries
per page — and what OFFSET pagination would cost at the same depth.

Prints measurements and ratios; no pass/fail. Run: `make bench` or
`.venv/bin/python bench/bench_feed.py`."""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS = 10_000
DEEP_PAGE = 400
REPEAT = 25

sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402

os.environ["WINSBOARD_PAGE_CACHE"] = "false"  # each page made: what a page at depth costs (kept whole: bench_http)
SCRATCH = seeding.scratch_django(bench_database_url=False)  # never db.sqlite3 or a configured database

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from stories.lib.pagination import encode_cursor, keyset_page  # noqa: E402
from stories.models import Story  # noqa: E402


def seed():
    """10,000 published wins over 30 people, 5 teams and 8 tags; 2 heroes and
    1-2 tags each; every 5 wins share a timestamp (ties broken by id)."""
    users = seeding.people(30)
    now = timezone.now()
    stories = seeding.wins(
        WINS, users=users, teams=seeding.teams(5), body=seeding.LONG_BODY,
        created_at=lambda i: now - timedelta(minutes=i // 5), quote=lambda i: "Thank you!" if i % 3 == 0 else "",
        customer_consent=lambda i: i % 3 == 0,
    )  # fmt: skip
    seeding.credit(stories, users)
    seeding.tag(stories, seeding.tags(8), per_win=lambda i: 1 + i % 2)
    return users[0]


def timed(action):
    """Median milliseconds of `action` over REPEAT runs, after a warm-up."""
    for _ in range(3):
        action()
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def queries_for(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def main():
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reader = seed()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Seeded {Story.objects.count():,} wins into a scratch SQLite file in {time.perf_counter() - started:.1f} s")

    size = settings.WINSBOARD_FEED_PAGE_SIZE
    depth = (DEEP_PAGE - 1) * size
    feed = Story.objects.published().newest_first()
    cursor = encode_cursor(feed[depth - 1])  # the last card of page DEEP_PAGE - 1

    client = Client()
    client.force_login(reader)

    def first_page():
        assert client.get("/").status_code == 200

    def deep_page():
        response = client.get("/", {"before": cursor})
        assert response.status_code == 200 and "Bench win" in response.text

    def keyset(queryset, before):
        return lambda: keyset_page(queryset, cursor=before, size=size)

    def offset(queryset, skip):
        return lambda: list(queryset.all()[skip : skip + size + 1])

    rows = [
        ("feed page 1 (whole response)", timed(first_page), queries_for(first_page)),
        (f"feed page {DEEP_PAGE} via keyset cursor", timed(deep_page), queries_for(deep_page)),
    ]
    print(f"\nRendered pages ({size} cards, median of {REPEAT}):")
    for label, ms, queries in rows:
        print(f"  {label:<40} {ms:8.2f} ms   {queries} SQL queries")
    print(f"  ratio page {DEEP_PAGE} / page 1: {rows[1][1] / rows[0][1]:.2f}x")

    for title, queryset in [("wins query alone", feed), ("cards' SQL (wins + prefetches)", feed.for_cards())]:
        key_first, key_deep = timed(keyset(queryset, "")), timed(keyset(queryset, cursor))
        off_first, off_deep = timed(offset(queryset, 0)), timed(offset(queryset, depth))
        print(f"\nThe {title}, median of {REPEAT}; page {DEEP_PAGE} skips {depth:,} wins:")
        for name, first, deep in [("keyset", key_first, key_deep), ("OFFSET", off_first, off_deep)]:
            print(f"  {name}  page 1 {first:6.2f} ms   page {DEEP_PAGE} {deep:6.2f} ms   ratio {deep / first:.2f}x")
        print(f"  OFFSET page {DEEP_PAGE} / keyset page {DEEP_PAGE}: {off_deep / key_deep:.2f}x")
    print(f"\nTotal {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        SCRATCH.cleanup()
