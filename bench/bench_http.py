"""Load figures over real HTTP, before and after the page cache (issue #25):
gunicorn as `make serve` runs it (winsboard/gunicorn_conf.py, DEBUG off) on
127.0.0.1 with 10,000 wins (photos included, 51 featured), driven by wrk for
a bounded time per page, in rounds: the feed, the featured wall, a person
page, the people directory (signed in), slides.json (200 and 304), a display link's
unchanged poll (304), a win's page, a static file, and a trivial "ok" view
on the same server.

The same seeded database is served twice, one server after the other, with
the same environment but WINSBOARD_PAGE_CACHE: first =false (every page
made every time, its cards from the card cache: "before"), then =true
("after"). Both share one cache (CACHES["default"], where the versions
live; cards and pages too when it is Redis): a Redis on a unix socket in the
scratch folder when redis-server is on PATH, else the database cache (DEBUG
off's default, cards and pages then in each worker's memory). One table:
req/s and its share of "ok"'s on each server (overall, and the lowest and
highest in a round: every page is measured in BENCH_ROUNDS=3 rounds of
BENCH_SECONDS=4 each, a round going through every page, so a change in the
machine's load falls on all of them), p50/p99 after (of every request of
every round), answers other than the expected status, and the issue's goal
for the row. Under it, in-process figures (django.test.Client in this
process, DEBUG off, same cache): SQL queries and time per slides.json 304, per warm feed page, and
per first (cold) view of a feed page with the page cache on and off.

No pass/fail on time: exits non-zero only on unexpected answers. Needs
Debian's `wrk` (apt-get install wrk). Run: `make bench` or
`.venv/bin/python bench/bench_http.py` (BENCH_ROUNDS × BENCH_SECONDS a page).
"""

import io
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS, FEATURED, PHOTO_EVERY = 10_000, 51, 10
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS, THREADS = 16, 2
CALLS_304, CALLS_FEED = 2000, 200

SCRATCH = Path(tempfile.mkdtemp(prefix="winsboard-bench-http-"))
REDIS_SOCKET = SCRATCH / "redis.sock"
REDIS = shutil.which("redis-server")
ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL", "WINSBOARD_PAGE_CACHE"}},
    "DJANGO_SETTINGS_MODULE": "bench.http_settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(40),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_COOKIES": "false",  # plain HTTP on loopback
    "SQLITE_PATH": str(SCRATCH / "bench.sqlite3"),
    "MEDIA_ROOT": str(SCRATCH / "media"),
    "STATIC_ROOT": str(SCRATCH / "static"),
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
    # Without Redis: DEBUG off's default, the database cache (cards in each process's memory).
    **({"CACHE_URL": f"unix://{REDIS_SOCKET}"} if REDIS else {}),
}
os.environ.update(ENV)
os.environ["WINSBOARD_PAGE_CACHE"] = "true"  # this process: the in-process figures are "after"
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from bench import seeding  # noqa: E402
from stories.auth import NotifiedUserBackend  # noqa: E402
from stories.lib import photos  # noqa: E402
from stories.lib.media import new_name  # noqa: E402
from stories.models import Photo, Story  # noqa: E402
from stories.services.slideshow import display_link_create  # noqa: E402
from stories.services.versions import version_bump  # noqa: E402
from stories.views.slideshow import slides_json  # noqa: E402

STARTED = []  # processes this script started (each in its own session), stopped on any exit


def picture(index):
    image = Image.new("RGB", (1600, 1200), (40 + index * 9 % 200, 120, 180))
    ImageDraw.Draw(image).ellipse((400, 300, 1200, 900), fill=(250, 210, 90))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    buffer.name = "bench.jpg"
    return photos.process_photo(buffer)


def seed():
    """10,000 wins over 30 people, 5 teams and 8 tags; every 10th with a photo
    (20 distinct pictures through the real pipeline); 51 on the wall."""
    users = seeding.people(30)
    now = timezone.now()

    def featured(i):
        return i < FEATURED * PHOTO_EVERY and i % PHOTO_EVERY == 0

    stories = seeding.wins(
        WINS, users=users, teams=seeding.teams(5), body=seeding.LONG_BODY,
        created_at=lambda i: now - timedelta(minutes=i), quote=lambda i: "Thank you!" if i % 3 == 0 else "",
        customer_consent=lambda i: i % 3 == 0,
        featured_at=lambda i: now - timedelta(minutes=i) if featured(i) else None,
        wall_position=lambda i: i // PHOTO_EVERY if featured(i) else None,
    )  # fmt: skip
    seeding.credit(stories, users)
    seeding.tag(stories, seeding.tags(8))
    stored = []
    for index in range(20):
        made = picture(index)
        large = default_storage.save(new_name("photos", made.large.extension), ContentFile(made.large.data))
        card = default_storage.save(new_name("photos", made.card.extension), ContentFile(made.card.data))
        stored.append((made, large, card))
    Photo.objects.bulk_create(
        (
            Photo(
                story=story,
                alt_text="A bench picture",
                large=stored[i % 20][1],
                large_width=stored[i % 20][0].large.width,
                large_height=stored[i % 20][0].large.height,
                card=stored[i % 20][2],
                card_width=stored[i % 20][0].card.width,
                card_height=stored[i % 20][0].card.height,
            )
            for i, story in enumerate(stories)
            if i % PHOTO_EVERY == 0
        ),
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users[0], stories[0]


def most_credited(other_than):
    """The person credited on the most wins (not the reader: a colleague's page)."""
    credits = Story.heroes.through.objects.exclude(user_id=other_than.pk).values("user_id")
    top = credits.annotate(wins=Count("id")).order_by("-wins", "user_id").first()
    return get_user_model().objects.get(pk=top["user_id"]), top["wins"]


def signed_in_session(user):
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "stories.auth.NotifiedUserBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def wrk(url, headers, seconds):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(ROOT / "bench" / "wrk_report.lua")]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    return json.loads(next(line for line in output.splitlines() if line.startswith("{")))


def start(command, log_name, env=None):
    with open(SCRATCH / log_name, "w") as log:  # the process writes to its own copy
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    STARTED.append(process)
    return process


def stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    if process in STARTED:
        STARTED.remove(process)


def start_redis():
    """A Redis for this run only: a unix socket in the scratch folder, no TCP
    port, nothing written to disk."""
    import redis  # noqa: PLC0415 - only when there is a redis-server

    command = [REDIS, "--port", "0", "--unixsocket", str(REDIS_SOCKET), "--unixsocketperm", "700"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(SCRATCH), "--loglevel", "warning"]
    process = start(command, "redis.log")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited: {(SCRATCH / 'redis.log').read_text()[-500:]}")
        try:
            if redis.Redis(unix_socket_path=str(REDIS_SOCKET)).ping():
                return process
        except redis.exceptions.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not answer within 30 s")


@contextmanager
def server(page_cache):
    """gunicorn as `make serve` runs it, with WINSBOARD_PAGE_CACHE=page_cache."""
    port, flag = free_port(), "true" if page_cache else "false"
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "-c", "winsboard/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}"]
    process = start(command, f"gunicorn-pages-{flag}.log", env={**ENV, "WINSBOARD_PAGE_CACHE": flag})
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (SCRATCH / f"gunicorn-pages-{flag}.log").read_text()
                raise RuntimeError(f"gunicorn did not start:\n{log[-2000:]}")
            try:
                if get(base + "/bench/ok", {})[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        stop(process)


def measure(base, pages):
    """{label: Row}, in the pages' order. Every page is measured in ROUNDS
    rounds of SECONDS each (after 1 s of warm-up each time), each round going
    through every page in order ("ok" first): a change in the machine's load
    during the run then falls on every page alike, and each round gives its
    own share of "ok" (the Row keeps them)."""
    listed = pages(base)
    runs = {label: [] for label, *_ in listed}
    for _ in range(ROUNDS):
        for label, path, headers, _, _ in listed:
            # Warm-up, not counted: it also waits out what the page before left
            # queued (wrk stops sending, not the server answering: 16 slow
            # slides.json 200s took ~0.5 s into the next page, a p99 of 500 ms).
            wrk(base + path, headers, 1)
            runs[label].append(wrk(base + path, headers, SECONDS))
    ok = runs[listed[0][0]]
    return {label: Row(expected, runs[label], ok, goal) for label, _, _, expected, goal in listed}


class Row:
    """One page's rounds on one server: req/s over all of them, its share of
    "ok"'s (overall, and the lowest and highest of a round), p50 and p99 of
    every request of every round (pooled from each round's quantiles, each
    weighted by its requests), and answers other than `expected`."""

    def __init__(self, expected, runs, ok_runs, goal):
        self.expected, self.goal = expected, goal
        self.rate = sum(run["requests"] for run in runs) / sum(run["seconds"] for run in runs)
        ok_rate = sum(run["requests"] for run in ok_runs) / sum(run["seconds"] for run in ok_runs)
        self.share = self.rate / ok_rate
        shares = [_rate(run) / _rate(ok) for run, ok in zip(runs, ok_runs, strict=True)]
        self.lowest, self.highest = min(shares), max(shares)
        self.p50, self.p99 = (_pooled(runs, share) / 1000 for share in (0.50, 0.99))
        self.unexpected = sum(
            run["requests"] - run["statuses"].get(str(expected), 0) + run["socket_errors"] for run in runs
        )


def _rate(run):
    return run["requests"] / run["seconds"]


def _pooled(runs, share):
    """The `share` quantile (µs) of all the requests of `runs`: each run's
    1,000 quantiles stand for equal parts of its requests."""
    points = sorted((value, run["requests"] / len(run["quantiles"])) for run in runs for value in run["quantiles"])
    wanted, seen = share * sum(weight for _, weight in points), 0.0
    for value, weight in points:
        seen += weight
        if seen >= wanted:
            return value
    return points[-1][0]


def timed(call, calls):
    """(the SQL of one call, [ms of each of `calls` calls], CPU ms a call);
    `call` is made once before, to warm cards, templates and the connection."""
    call()
    with CaptureQueriesContext(connection) as queries:
        call()
    captured = list(queries.captured_queries)  # now: the next requests reset the connection's log
    times, cpu = [], time.process_time()
    for _ in range(calls):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return captured, times, (time.process_time() - cpu) * 1000 / calls


def figure(label, queries, times, cpu):
    return (
        f"  {label:<34} {len(queries):>2} SQL; {len(times):>5,} calls: mean {statistics.mean(times):6.2f} ms,"
        f" median {statistics.median(times):6.2f} ms, CPU {cpu:6.2f} ms a call"
    )


def in_process(reader, session_key, cache_name):
    """SQL queries and time per slides.json 304 and per warm feed page, in
    this process: through django.test.Client (the whole middleware stack, no
    HTTP), and the 304's parts alone (the view; loading the signed-in user)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = session_key

    def expect(path, status, **headers):
        def call():
            answer = client.get(path, **headers)
            assert answer.status_code == status, (path, answer.status_code)

        return call

    etag = client.get("/slideshow/slides.json")["ETag"]
    request = RequestFactory(HTTP_HOST="127.0.0.1").get("/slideshow/slides.json", HTTP_IF_NONE_MATCH=etag)
    request.user = reader
    backend = NotifiedUserBackend()
    lines = [f"\nIn this process (DEBUG off, signed in, {cache_name}):"]
    queries, times, cpu = timed(expect("/slideshow/slides.json", 304, HTTP_IF_NONE_MATCH=etag), CALLS_304)
    lines.append(figure("slides.json 304, test client", queries, times, cpu))
    lines += [f"      {query['sql'][:100]}…" for query in queries]

    def view():
        assert slides_json(request).status_code == 304

    lines.append(figure("  the view alone (RequestFactory)", *timed(view, CALLS_304)))
    lines.append(figure("  the signed-in user's query alone", *timed(lambda: backend.get_user(reader.pk), CALLS_304)))
    lines.append(figure("feed, warm, test client", *timed(expect("/", 200), CALLS_FEED)))
    lines.append(feed_cpu(session_key))
    return lines


def _median_cpu(session_key, before=None, variants=(None,)):
    """{variant: (median CPU ms until the feed page is sent, and until the
    server has closed it)} of CALLS_FEED requests per variant through
    Django's WSGI handler, as gunicorn makes them. `before(variant)` runs
    untimed before each; the variants take turns, call by call, so a change
    in the machine's load falls on each alike."""
    environ = RequestFactory(HTTP_HOST="127.0.0.1")._base_environ(
        PATH_INFO="/", REQUEST_METHOD="GET", HTTP_COOKIE=f"sessionid={session_key}"
    )
    handler = WSGIHandler()
    sent, closed = ({variant: [] for variant in variants} for _ in range(2))
    for _ in range(CALLS_FEED):
        for variant in variants:
            if before:
                before(variant)
            began = time.process_time()
            answer = handler({**environ, "wsgi.input": io.BytesIO()}, lambda status, headers, *rest: None)
            body = b"".join(answer)
            sent[variant].append((time.process_time() - began) * 1000)
            answer.close()
            closed[variant].append((time.process_time() - began) * 1000)
            assert b"</html>" in body
    return {variant: (statistics.median(sent[variant]), statistics.median(closed[variant])) for variant in variants}


def feed_cpu(session_key):
    """A feed page's CPU, median of CALLS_FEED: warm (from the page cache),
    and its first view after a change (the wins' version moved: the page is
    made, its cards from the card cache) with the page cache on and off,
    call by call in turn — until the page is sent, and with the work after
    it (keeping the page)."""
    (warm, _), *_ = _median_cpu(session_key).values()

    def changed(page_cache):
        settings.WINSBOARD_PAGE_CACHE = page_cache
        version_bump()

    try:
        cold = _median_cpu(session_key, before=changed, variants=(True, False))
    finally:
        settings.WINSBOARD_PAGE_CACHE = True
    (cold_on, kept), (cold_off, _) = cold[True], cold[False]
    return (
        f"  feed page, median CPU of {CALLS_FEED} through the WSGI handler: warm {warm:.2f} ms (goal: 4 ms or"
        f" less); first view after a change, until sent: {cold_on:.2f} ms with the page cache, {cold_off:.2f} ms"
        f" without, in turn ({kept:.2f} ms with keeping the page, done after it is sent)"
    )


def main():
    if not shutil.which("wrk"):
        print("bench_http needs wrk: apt-get install wrk")
        return 1
    started = time.perf_counter()
    if REDIS:
        start_redis()
        cache_name = f"Redis on a unix socket ({REDIS}), cards in it too"
    else:
        cache_name = "no redis-server on PATH: the database cache, cards in each worker's memory"
    print(f"Shared cache: {cache_name}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    reader, win = seed()
    person, person_wins = most_credited(reader)
    session_key = signed_in_session(reader)
    connection.close()
    print(
        f"Seeded {WINS:,} wins ({WINS // PHOTO_EVERY:,} with a photo, {FEATURED} featured) in "
        f"{time.perf_counter() - started:.1f} s"
    )

    signed_in = {"Cookie": f"sessionid={session_key}"}
    static = staticfiles_storage.url("css/winsboard.css")

    display = f"/slideshow/d/{display_link_create(name='Lobby', query='', by=reader).token}/slides.json"

    def pages(base):
        etag = get(base + "/slideshow/slides.json", signed_in)[1]["ETag"]
        display_etag = get(base + display, {})[1]["ETag"]
        return [
            ("ok (trivial view)", "/bench/ok", {}, 200, None),
            ("feed, signed in", "/", signed_in, 200, PAGE_GOAL),
            ("featured wall", "/featured/", signed_in, 200, PAGE_GOAL),
            (f"person ({person_wins} wins)", f"/people/{person.username}/", signed_in, 200, PAGE_GOAL),
            ("people directory", "/people/", signed_in, 200, PAGE_GOAL),
            ("slides.json (200)", "/slideshow/slides.json", signed_in, 200, None),
            ("slides.json (304)", "/slideshow/slides.json", signed_in | {"If-None-Match": etag}, 304, POLL_GOAL),
            ("display link (304)", display, {"If-None-Match": display_etag}, 304, POLL_GOAL),
            ("a win's page", f"/wins/{win.pk}/", signed_in, 200, None),
            ("static file", static, {}, 200, None),
        ]

    with server(page_cache=False) as base:
        before = measure(base, pages)
    with server(page_cache=True) as base:
        after = measure(base, pages)
    bad = table(before, after)
    print("\n".join(in_process(reader, session_key, cache_name)))
    print(f"\nTotal {time.perf_counter() - started:.0f} s")
    return 1 if bad else 0


PAGE_GOAL, POLL_GOAL = 0.25, 0.50  # the issue's shares of "ok"'s req/s


def table(before, after):
    """Print the table; returns how many answers were unexpected."""
    print(
        f"\ngunicorn (winsboard/gunicorn_conf.py), wrk -t{THREADS} -c{CONNECTIONS}, {ROUNDS} rounds of {SECONDS} s"
        " a page after 1 s; before = WINSBOARD_PAGE_CACHE=false, after = true:"
    )
    print(
        f"  {'page':<22} {'expect':>6} {'before/s':>9} {'vs ok':>6} {'after/s':>8} {'vs ok':>6} {'rounds':>9}"
        f" {'p50 ms':>7} {'p99 ms':>7} {'p99/p50':>7} {'unexpected':>10}  goal (after)"
    )

    def per_second(rate):
        return f"{rate:.1f}" if rate < 100 else f"{rate:.0f}"

    for label, row in after.items():
        was = before[label]
        spread = row.p99 / row.p50 if row.p50 else 0
        if row.goal is None:
            verdict = ""
        else:
            tail = " and p99 < 3x p50" if row.goal == PAGE_GOAL else ""
            met = row.share >= row.goal and (row.goal != PAGE_GOAL or spread < 3) and not row.unexpected
            verdict = f"{row.goal:.0%} of ok{tail}: {'met' if met else 'NOT met'}"
        rounds = f"{row.lowest:.0%}-{row.highest:.0%}"
        print(
            f"  {label:<22} {row.expected:>6} {per_second(was.rate):>9} {was.share:>6.1%} {per_second(row.rate):>8}"
            f" {row.share:>6.1%} {rounds:>9} {row.p50:>7.1f} {row.p99:>7.1f} {spread:>6.1f}x"
            f" {f'{was.unexpected}+{row.unexpected}':>10}  {verdict}"
        )
    bad = sum(row.unexpected for row in [*before.values(), *after.values()])
    print(f"\n{'No' if not bad else bad} unexpected answers (before+after).")
    print(
        '"rounds": the lowest and highest share of "ok" in one round (after). Goals are reported,'
        " never enforced: the figures move with the machine's load."
    )
    return bad


def cleanup(*_):
    for process in list(reversed(STARTED)):
        stop(process)
    connection.close()
    shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below
    code = 1
    try:
        code = main()
    finally:
        cleanup()
    sys.exit(code)
