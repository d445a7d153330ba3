"""Where a signed-in request's time goes (issue 25): the warm feed, the
featured wall, a person page and an unchanged slides.json poll (304),
each through django.test.Client in this process with DEBUG off, profiled
by pyinstrument (a statistical profiler, pinned in requirements-bench.txt).

Prints, per page: the median CPU time of a request (200 runs, after a
warm-up), then the functions with the most time of their own ("self"),
then the same grouped by where the time goes (session and user, view,
template rendering, SQL). No pass/fail. Run: `make bench` or
`.venv/bin/python bench/bench_profile.py` (BENCH_PROFILE_RUNS=200)."""

import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS = 2_000  # a page shows the same cards at 2,000 wins as at 10,000 (keyset pages)
RUNS = int(os.environ.get("BENCH_PROFILE_RUNS", "200"))
TOP = 12

sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402

SCRATCH = seeding.scratch_django(bench_database_url=False)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

# The areas time is counted in, by the file a frame runs in (first match);
# a sample counts in the innermost area it ran under.
AREAS = [
    ("SQL (building and running queries)", ("django/db/",)),
    ("templates", ("django/template/", "templatetags/")),
    ("session and user", ("django/contrib/sessions/", "django/contrib/auth/", "stories/auth.py")),
    ("forms", ("django/forms/", "crispy_forms")),
    ("cache", ("django/core/cache/",)),
]


def seed():
    users = seeding.people(30)
    now = timezone.now()
    stories = seeding.wins(
        WINS, users=users, teams=seeding.teams(5), body=seeding.LONG_BODY,
        created_at=lambda i: now - timedelta(minutes=i),
        featured_at=lambda i: now - timedelta(minutes=i) if i % 40 == 0 else None,
        wall_position=lambda i: i // 40 if i % 40 == 0 else None,
    )  # fmt: skip
    seeding.credit(stories, users)
    seeding.tag(stories, seeding.tags(8), per_win=2)
    return users[0]


def cpu_ms(client, path, headers):
    started = time.process_time()
    client.get(path, headers=headers)
    return (time.process_time() - started) * 1000


def profile(client, path, headers):
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(RUNS):
        client.get(path, headers=headers)
    profiler.stop()
    return profiler.last_session


def _name(frame):
    return f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function


def _area(frame, inherited):
    path = frame.file_path_short or ""
    for name, needles in AREAS:
        if any(needle in path for needle in needles):
            return name
    return inherited


def breakdown(session):
    """(seconds by area, inclusive seconds by our own function): each
    sample's time goes to the innermost area it ran in (SQL inside a
    template counts as SQL); ours are frames in stories/ and winsboard/."""
    areas, ours = Counter(), Counter()

    def walk(frame, area, seen):
        if frame.is_synthetic:
            if frame.function == "[self]":
                areas[area] += frame.time
            return
        area = _area(frame, area)
        path = frame.file_path_short or ""
        key = (_name(frame), f"{path}:{frame.line_no}")
        if path.startswith(("stories/", "winsboard/")) and key not in seen:
            ours[key] += frame.time  # not again for a recursive call
            seen = seen | {key}
        for child in frame.children:
            walk(child, area, seen)

    walk(session.root_frame(), "everything else (middleware, views, Python)", frozenset())
    return areas, ours


def report(label, client, path, headers=None):
    headers = headers or {}
    status = client.get(path, headers=headers).status_code
    for _ in range(30):
        client.get(path, headers=headers)
    median = statistics.median(cpu_ms(client, path, headers) for _ in range(RUNS))
    areas, ours = breakdown(profile(client, path, headers))
    total = sum(areas.values()) or 1
    print(f"\n{label}  GET {path} → {status}: median CPU {median:.2f} ms a request")
    print("  by area: " + ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in areas.most_common()))
    print(f"  {'share':>6}  time under our functions (inclusive)")
    for (function, location), seconds in ours.most_common(TOP):
        print(f"  {seconds / total:6.1%}  {function}  {location}")


def main():
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    user = seed()
    client = Client()
    client.force_login(user)
    print(f"{WINS:,} wins, SQLite, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, {RUNS} runs each")
    report("feed", client, "/")
    report("featured wall", client, "/featured/")
    report("person page", client, f"/people/{user.username}/")
    etag = client.get("/slideshow/slides.json")["ETag"]
    report("slides.json unchanged", client, "/slideshow/slides.json", {"If-None-Match": etag})


if __name__ == "__main__":
    main()
