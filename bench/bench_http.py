"""Load figures over real HTTP: gunicorn as `make serve` runs it
(winsboard/gunicorn_conf.py, DEBUG off) on 127.0.0.1 with 10,000 wins (photos
included, 51 featured), driven by wrk for a bounded time per page: the feed
(signed in), a win's page, the featured wall, slides.json (200 and 304), a
static file, and a trivial "ok" view on the same server. Prints req/s, p50,
p99, answers other than the expected status, and each page's req/s as a
share of "ok"'s — one table, no pass/fail.

Needs Debian's `wrk` (apt-get install wrk). Run: `make bench` or
`.venv/bin/python bench/bench_http.py` (BENCH_SECONDS=5 per page by default).
"""

import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINS, FEATURED, PHOTO_EVERY = 10_000, 51, 10
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS, THREADS = 16, 2

SCRATCH = Path(tempfile.mkdtemp(prefix="winsboard-bench-http-"))
ENV = {
    **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
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
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from stories.lib import photos  # noqa: E402
from stories.lib.media import new_name  # noqa: E402
from stories.models import Photo, Story, Tag, Team  # noqa: E402


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
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"user{i}", first_name=f"User{i}", last_name="Bench") for i in range(30)
    )
    teams = Team.objects.bulk_create(Team(name=f"Team {i}") for i in range(5))
    tags = Tag.objects.bulk_create(Tag(name=f"Tag {i}", slug=f"tag-{i}") for i in range(8))
    now = timezone.now()
    stories = Story.objects.bulk_create(
        (
            Story(
                headline=f"Bench win {i}",
                body=("What happened, what I decided, how it ended. " * 8).strip(),
                kind=Story.Kind.values[i % 4],
                team=teams[i % len(teams)],
                author=users[i % len(users)],
                created_at=now - timedelta(minutes=i),
                quote="Thank you!" if i % 3 == 0 else "",
                customer_consent=i % 3 == 0,
                featured_at=now - timedelta(minutes=i) if i < FEATURED * PHOTO_EVERY and i % PHOTO_EVERY == 0 else None,
                wall_position=i // PHOTO_EVERY if i < FEATURED * PHOTO_EVERY and i % PHOTO_EVERY == 0 else None,
            )
            for i in range(WINS)
        ),
        batch_size=1000,
    )
    Story.heroes.through.objects.bulk_create(
        (
            Story.heroes.through(story_id=s.pk, user_id=users[(i + k) % 30].pk)
            for i, s in enumerate(stories)
            for k in (0, 1)
        ),
        batch_size=2000,
    )
    Story.tags.through.objects.bulk_create(
        (Story.tags.through(story_id=s.pk, tag_id=tags[i % 8].pk) for i, s in enumerate(stories)), batch_size=2000
    )
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


def signed_in_cookie(user):
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "stories.auth.NotifiedUserBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"sessionid={session.session_key}"


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


def main():
    if not shutil.which("wrk"):
        print("bench_http needs wrk: apt-get install wrk")
        return 1
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    reader, win = seed()
    cookie = signed_in_cookie(reader)
    connection.close()
    print(
        f"Seeded {WINS:,} wins ({WINS // PHOTO_EVERY:,} with a photo, {FEATURED} featured) in "
        f"{time.perf_counter() - started:.1f} s"
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(SCRATCH / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "winsboard/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(base + "/bench/ok", {})[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        signed_in = {"Cookie": cookie}
        status, headers = get(base + "/slideshow/slides.json", signed_in)
        etag = headers["ETag"]
        static = staticfiles_storage.url("css/winsboard.css")
        pages = [
            ("ok (trivial view)", "/bench/ok", {}, 200),
            ("feed, signed in", "/", signed_in, 200),
            ("a win's page", f"/wins/{win.pk}/", signed_in, 200),
            ("featured wall", "/featured/", signed_in, 200),
            ("slides.json (200)", "/slideshow/slides.json", signed_in, 200),
            ("slides.json (304)", "/slideshow/slides.json", signed_in | {"If-None-Match": etag}, 304),
            ("static file", static, {}, 200),
        ]
        rows = []
        for label, path, headers, expected in pages:
            wrk(base + path, headers, 1)  # warm-up
            result = wrk(base + path, headers, SECONDS)
            unexpected = result["requests"] - result["statuses"].get(str(expected), 0) + result["socket_errors"]
            rows.append((label, expected, result["requests"] / result["seconds"], result, unexpected))
        print(f"\ngunicorn (winsboard/gunicorn_conf.py), wrk -t{THREADS} -c{CONNECTIONS}, {SECONDS} s a page:")
        print(f"  {'page':<22} {'expect':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'unexpected':>10} {'vs ok':>7}")
        ok = rows[0][2]
        for label, expected, rate, result, unexpected in rows:
            print(
                f"  {label:<22} {expected:>6} {rate:>8.0f} {result['p50'] / 1000:>8.1f} {result['p99'] / 1000:>8.1f}"
                f" {unexpected:>10} {rate / ok:>6.2f}x"
            )
        bad = sum(row[4] for row in rows)
        print(f"\n{'No' if not bad else bad} unexpected answers. Total {time.perf_counter() - started:.0f} s")
        return 1 if bad else 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()


if __name__ == "__main__":
    try:
        code = main()
    finally:
        connection.close()
        shutil.rmtree(SCRATCH, ignore_errors=True)
    sys.exit(code)
