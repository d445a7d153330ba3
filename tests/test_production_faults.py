"""A bad day, one fault at a time: a database file that isn't there, a busy
database, a full disk, secure cookies over plain HTTP. Each answers a page
that says what is wrong, keeps what was typed, and saves nothing half-way."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils.html import escape

from stories.models import Photo, Story
from tests.helpers import media_files as files
from tests.helpers.faults import FullDiskStorage, files_under, small_disk, write_lock_held_elsewhere
from tests.helpers.people import PASSWORD
from tests.helpers.wins import story_post_data

BASE_DIR = Path(__file__).resolve().parent.parent
HEALTH_PROBE = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code, response.content.decode().strip())
"""


def healthz_in_a_fresh_process(**env):
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    environ.update(DJANGO_SETTINGS_MODULE="winsboard.settings", ALLOWED_HOSTS="testserver", LOG_LEVEL="CRITICAL", **env)
    result = subprocess.run(
        [sys.executable, "-c", HEALTH_PROBE], cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# --- 2. /healthz tells the truth ---------------------------------------------------


def test_healthz_answers_503_when_the_sqlite_file_is_not_there_and_does_not_create_it(tmp_path):
    """A wrong SQLITE_PATH: SQLite would create an empty file where SELECT 1
    works while every page fails."""
    missing = tmp_path / "moved" / "wins.sqlite3"
    missing.parent.mkdir()
    assert healthz_in_a_fresh_process(SQLITE_PATH=str(missing)) == "503 database unavailable"
    assert not missing.exists()


PAGES_PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):  # no collectstatic here
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-from-before"
    for answer in (client.get("/"), client.post("/accounts/login/", {"username": "erin", "password": "x"})):
        print(answer.status_code, answer.get("Retry-After"), "can't reach its database" in answer.text)
"""


def test_pages_answer_503_when_the_sqlite_file_is_not_there_and_never_create_it(tmp_path):
    """As served (winsboard/wsgi.py sets WINSBOARD_SERVING): a lost or wrong
    SQLITE_PATH is a clear 503 on every page, and no empty database appears
    (`manage.py migrate` is what creates it)."""
    missing = tmp_path / "moved" / "wins.sqlite3"
    missing.parent.mkdir()
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    environ.update(
        DJANGO_SETTINGS_MODULE="winsboard.settings",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="CRITICAL",
        SQLITE_PATH=str(missing),
        WINSBOARD_SERVING="1",
        DEBUG="false",
        SECRET_KEY="test-secret-" + "x" * 40,
        SECURE_COOKIES="false",
    )
    result = subprocess.run(
        [sys.executable, "-c", PAGES_PROBE], cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["503 5 True", "503 5 True"]
    assert not missing.exists()


def test_healthz_answers_503_for_an_empty_database_file_with_no_tables(tmp_path):
    empty = tmp_path / "wins.sqlite3"
    empty.touch()
    assert healthz_in_a_fresh_process(SQLITE_PATH=str(empty)) == "503 database unavailable"


@pytest.mark.django_db
def test_healthz_reads_a_real_table_of_the_app(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1) as captured:
        assert client.get("/healthz").status_code == 200
    assert "stories_story" in captured.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_fails(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "winsboard.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"cache unavailable\n")


# --- 3. a busy database: 503, "try again", what was typed kept ------------------------


@pytest.mark.django_db(transaction=True)
def test_posting_while_the_database_is_busy_answers_503_and_keeps_what_was_typed(employee_client, employee):
    data = story_post_data(employee, headline="Kept the headline", body="Every word of this story is kept.")
    with write_lock_held_elsewhere():
        response = employee_client.post("/wins/new/", data)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Winsboard is busy saving other changes, so nothing was saved." in response.text
    assert 'value="Kept the headline"' in response.text
    assert "Every word of this story is kept." in response.text
    assert not Story.objects.exists()
    # In a moment it goes through, once.
    assert employee_client.post("/wins/new/", data).status_code == 302
    assert Story.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_signing_in_while_the_database_is_busy_answers_503_keeping_the_name_never_the_password(employee):
    client = Client(raise_request_exception=False)
    with write_lock_held_elsewhere():
        response = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Winsboard is busy — nothing was saved" in response.text
    assert "erin" in response.text
    assert PASSWORD not in response.text
    assert "Send it again" not in response.text  # without the password it can't be sent as it was


@pytest.mark.django_db(transaction=True)
def test_a_busy_curation_action_offers_to_send_the_same_form_again(manager, make_story):
    story = make_story()
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    with write_lock_held_elsewhere():
        response = client.post(f"/wins/{story.pk}/hide/", {"reason": "Names a guest <b>by name</b>"})
    assert response.status_code == 503
    assert escape("Names a guest <b>by name</b>") in response.text
    assert "<b>by name</b>" not in response.text
    assert f'action="/wins/{story.pk}/hide/"' in response.text and "Send it again" in response.text
    assert Story.objects.get().hidden_at is None


# --- 4. a full disk: a clear message, nothing half-saved, no fragment ----------------------


def _post_with_a_big_photo(client, hero):
    photo = files.upload("big.jpg", files.encoded(files.Image.effect_noise((2400, 1800), 60).convert("RGB"), "JPEG"))
    rows = {"photo-TOTAL_FORMS": "6", "photo-INITIAL_FORMS": "0", "photo-MIN_NUM_FORMS": "0"}
    rows |= {"photo-MAX_NUM_FORMS": "6", "photo-0-alt_text": "A noisy photo", "photo-0-position": "1"}
    return client.post("/wins/new/", story_post_data(hero, headline="Full disk") | rows | {"photos": [photo]})


@pytest.mark.django_db
def test_a_disk_that_fills_mid_write_leaves_no_fragment_and_says_so(employee_client, employee, settings, tmp_path):
    """The write fails half-way (ENOSPC): the fragment it left is removed,
    nothing is saved, and the form says the disk is full (507)."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.helpers.faults.FullDiskStorage"}}
    FullDiskStorage.room = 50_000
    response = _post_with_a_big_photo(employee_client, employee)
    assert response.status_code == 507
    assert "There is no room left to store photos and videos just now, so nothing was saved." in response.text
    assert 'value="Full disk"' in response.text  # the text is still on the form
    assert not Story.objects.exists() and not Photo.objects.exists()
    assert files_under(Path(settings.MEDIA_ROOT)) == {}


@pytest.mark.django_db
def test_a_real_full_disk_leaves_no_partial_file(employee_client, employee, settings, tmp_path):
    with small_disk(tmp_path / "small-media", size="160k") as media:
        settings.MEDIA_ROOT = media
        response = _post_with_a_big_photo(employee_client, employee)
        assert response.status_code == 507
        assert not Story.objects.exists()
        assert files_under(media) == {}


# --- 8. secure cookies over plain HTTP: say so --------------------------------------------


@pytest.mark.django_db
def test_secure_cookies_over_plain_http_explain_themselves_instead_of_form_expired(settings):
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = True
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "erin", "password": "x"})  # the browser dropped the cookie
    assert response.status_code == 403
    assert "Signing in needs HTTPS here" in response.text
    assert "SECURE_COOKIES=false" in response.text
    assert "That form expired" not in response.text


@pytest.mark.django_db
def test_a_really_expired_form_still_says_so(settings):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"username": "erin", "password": "x", "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert "That form expired" in response.text


# --- a long lock: one wait at most, and never for a read ----------------------------------------

LOCK_MS = 1500  # the test's busy timeout (production waits 20 s)


@pytest.fixture
def database_cache(settings):
    """The production default: the cache (limits, versions, filter lists) in the database."""
    from django.core.management import call_command

    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "faults_cache"},
    }
    call_command("createcachetable", verbosity=0)


WRITES_UNDER_A_LOCK = {
    "a comment": lambda story: (f"/wins/{story.pk}/comments/", {"body": "Lovely"}),
    "a cheer": lambda story: (f"/wins/{story.pk}/cheer/", {"on": "1"}),
    "a profile": lambda story: ("/settings/", {"display_name": "New name", "team": ""}),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", WRITES_UNDER_A_LOCK.values(), ids=WRITES_UNDER_A_LOCK.keys())
def test_a_write_meeting_a_long_lock_answers_503_within_one_busy_timeout(
    write, database_cache, employee, other_employee, make_story
):
    """Not one wait per thing the request writes (the rate limit's count,
    the session …): a comment used to wait the whole 58 s lock."""
    import time

    story = make_story(author=employee)
    client = Client(raise_request_exception=False)
    client.force_login(other_employee)
    url, data = write(story)
    with write_lock_held_elsewhere(wait_ms=LOCK_MS):
        started = time.monotonic()
        response = client.post(url, data)
        elapsed = time.monotonic() - started
    assert response.status_code == 503 and response["Retry-After"]
    assert elapsed < 1.8 * LOCK_MS / 1000, f"waited {elapsed:.1f} s: more than one busy timeout"


@pytest.mark.django_db(transaction=True)
def test_a_page_read_never_waits_on_a_cache_write(database_cache, employee, other_employee, make_story):
    """Right after a name change the feed's filter lists are read anew and
    kept in the cache: that write gives up at once under a lock."""
    import time

    from stories import services

    make_story(author=employee)
    client = Client()
    client.force_login(other_employee)
    client.get("/")
    services.profile_update(user=employee, display_name="A new name", team=None)
    lock_ms = 5000  # a page that waited would take all of it; one that doesn't, well under half even under load
    with write_lock_held_elsewhere(wait_ms=lock_ms):
        started = time.monotonic()
        response = client.get("/")
        elapsed = time.monotonic() - started
    assert response.status_code == 200 and "A new name" in response.text
    assert elapsed < 0.5 * lock_ms / 1000, f"the page waited {elapsed:.1f} s on a cache write"
