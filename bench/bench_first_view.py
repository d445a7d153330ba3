"""A page's first view after a change, now and before issue 25 (which
added the page cache and its session reads): does anything get slower?

The same feed page, signed in, through Django's WSGI handler as gunicorn
calls it, with the wins' version moved before every call (so the page
cache, where there is one, has to make the page; the cards come from the
card cache, as they did before): median CPU until the page is sent, of
CALLS calls. Measured in this checkout and in a temporary git worktree of
BENCH_BASELINE (default: the commit before issue 25's first change), each
in its own process with its own scratch database and Redis, taking turns
(ROUNDS rounds), so a change in the machine's load falls on both alike.
Prints each round and the ratio now / before; no pass/fail.

Run: `make bench` or `.venv/bin/python bench/bench_first_view.py`.
Needs git with this repository's history and redis-server (else it says
why and stops: a skip, not a failure). The baseline runs with this
checkout's virtualenv."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = os.environ.get("BENCH_BASELINE", "2b8fbcc^")  # issue 25's first commit is 2b8fbcc
ROUNDS, CALLS, WINS = 3, 200, 2_000

# Run in a child with the tree to measure as its working directory and first
# on sys.path: only what both trees have (settings from the environment,
# bench/seeding.py, Django's session store, the wins' version).
PROBE = r"""
import io, os, secrets, statistics, subprocess, sys, tempfile, time
from datetime import timedelta
from pathlib import Path

scratch = Path(tempfile.mkdtemp(prefix="winsboard-bench-first-view-"))
redis_socket = scratch / "redis.sock"
redis = subprocess.Popen(
    [os.environ["REDIS_SERVER"], "--port", "0", "--unixsocket", str(redis_socket), "--save", "", "--appendonly", "no",
     "--dir", str(scratch)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="winsboard.settings", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1", SECURE_COOKIES="false", SQLITE_PATH=str(scratch / "bench.sqlite3"),
        MEDIA_ROOT=str(scratch / "media"), STATIC_ROOT=str(scratch / "static"), LOG_LEVEL="WARNING",
        CACHE_URL=f"unix://{redis_socket}", WINSBOARD_PAGE_CACHE="true", WINSBOARD_CARD_CACHE="true",
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, os.getcwd())
    for _ in range(300):
        if redis_socket.exists():
            break
        time.sleep(0.05)
    import django
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from django.utils import timezone
    from django.utils.module_loading import import_string
    from bench import seeding
    try:
        from stories.services.versions import version_bump
    except ImportError:
        from stories.services import version_bump

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    users = seeding.people(30)
    now = timezone.now()
    wins = seeding.wins(int(os.environ["WINS"]), users=users, teams=seeding.teams(5), body=seeding.LONG_BODY,
                        created_at=lambda i: now - timedelta(minutes=i))
    seeding.credit(wins, users)
    seeding.tag(wins, seeding.tags(8), per_win=2)
    session = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(users[0].pk), settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = users[0].get_session_auth_hash()
    session.save()
    connection.close()
    environ = RequestFactory(HTTP_HOST="127.0.0.1")._base_environ(
        PATH_INFO="/", REQUEST_METHOD="GET", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    handler = WSGIHandler()

    def first_view():
        version_bump()
        began = time.process_time()
        answer = handler({**environ, "wsgi.input": io.BytesIO()}, lambda status, headers, *rest: None)
        body = b"".join(answer)
        took = time.process_time() - began
        answer.close()
        assert b"</html>" in body and b"Bench win" in body, body[:300]
        return took * 1000

    for _ in range(20):
        first_view()
    print(statistics.median(first_view() for _ in range(int(os.environ["CALLS"]))))
finally:
    redis.terminate()
    redis.wait(10)
"""


def median_ms(tree, redis_server):
    env = {**os.environ, "REDIS_SERVER": redis_server, "WINS": str(WINS), "CALLS": str(CALLS), "PYTHONPATH": str(tree)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tree, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(f"the probe failed in {tree}:\n{result.stderr[-3000:]}")
    return float(result.stdout.strip().splitlines()[-1])


def main():
    redis_server = shutil.which("redis-server")
    if not redis_server or not shutil.which("git"):
        print("bench_first_view needs git and redis-server (bin/system-deps redis): not measured")
        return 0
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{BASELINE}^{{commit}}"],
                           capture_output=True, text=True)  # fmt: skip
    if found.returncode != 0:
        print(f"bench_first_view: no commit {BASELINE} in this clone (a shallow one?): not measured")
        return 0
    baseline = found.stdout.strip()
    with tempfile.TemporaryDirectory(prefix="winsboard-baseline-") as folder:
        tree = Path(folder) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(tree), baseline], check=True
        )
        try:
            print(f"A feed page's first view after a change ({WINS:,} wins, Redis, DEBUG off): median CPU of {CALLS}")
            print(f"calls until sent, now (this checkout, page cache on) and before issue 25 ({baseline[:10]}):")
            now, before = [], []
            for round_number in range(1, ROUNDS + 1):
                before.append(median_ms(tree, redis_server))
                now.append(median_ms(ROOT, redis_server))
                share = now[-1] / before[-1]
                print(f"  round {round_number}: before {before[-1]:6.2f} ms, now {now[-1]:6.2f} ms ({share:.0%})")
            ratio = statistics.median(now) / statistics.median(before)
            print(
                f"  median of the rounds: before {statistics.median(before):.2f} ms, now {statistics.median(now):.2f}"
                f" ms: now takes {ratio:.0%} of before (goal: nothing slower, 100 % or less)"
            )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
