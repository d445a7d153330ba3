"""stories.sessions: with Redis, a signed-in request reads its session and
the wins' and names' versions in one round trip — with the page kept for
this browser and address (stories.views.pages) when there is one — and
still sees every change at once: its own, another process's, the viewer's,
and nothing of an earlier request's (a real redis-server)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import services
from stories.services import versions
from tests.helpers.cards import per_request_free, rendered_afresh
from tests.helpers.people import client_for, managers_group
from tests.helpers.servers import redis_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(tmp_path, settings):
    with redis_server(tmp_path) as url:
        shared = {"BACKEND": "winsboard.redis_cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "wb"}
        settings.CACHES = {**settings.CACHES, "default": shared, "pages": {**shared, "TIMEOUT": 300}}
        settings.SESSION_ENGINE = "stories.sessions"
        yield caches["default"]
        caches["default"].clear()


def _counting(cache, monkeypatch):
    reads = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)
        monkeypatch.setattr(cache, name, lambda *a, _real=real, _name=name, **k: reads.append(_name) or _real(*a, **k))
    return reads


def test_an_unchanged_poll_reads_the_cache_once(redis, employee, monkeypatch):
    screen = client_for(employee)
    etag = screen.get("/slideshow/slides.json")["ETag"]
    reads = _counting(redis, monkeypatch)
    assert screen.get("/slideshow/slides.json", headers={"If-None-Match": etag}).status_code == 304
    assert reads == ["get_many"]  # the session and both versions


def test_a_change_elsewhere_reaches_the_next_poll(redis, employee, make_story):
    screen = client_for(employee)
    etag = screen.get("/slideshow/slides.json")["ETag"]
    assert screen.get("/slideshow/slides.json", headers={"If-None-Match": etag}).status_code == 304
    make_story(headline="Something new")  # another process's write: the version moves in the shared cache
    answer = screen.get("/slideshow/slides.json", headers={"If-None-Match": etag})
    assert answer.status_code == 200 and answer["ETag"] != etag


def test_a_request_reads_its_own_change(redis):
    """A write in the request (a bump) drops the version read with its session."""
    versions.remember_read_with_session({"version:wins": "read-with-the-session", "version:names": "n"})
    assert versions.version_of() == "read-with-the-session"
    services.wins_changed()
    moved = versions.version_of()
    assert moved != "read-with-the-session" and moved == redis.get("version:wins")
    assert versions.versions_of(versions.WINS, versions.NAMES)[0] == moved
    versions.forget_read_with_session()


def test_nothing_read_with_a_session_outlives_its_request(redis, employee):
    client_for(employee).get("/slideshow/slides.json")
    assert versions._read_with_session.get() is None
    services.wins_changed()
    token = versions.version_of()
    assert redis.get("version:wins") == token


def test_a_kept_page_comes_in_the_sessions_one_round_trip(redis, employee, make_story, monkeypatch):
    make_story(headline="Fixed the kettle", heroes=[employee])
    reader = client_for(employee)
    made = reader.get("/")
    reads = _counting(redis, monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        again = reader.get("/")
    assert reads == ["get_many"]  # the session, both versions and the page
    assert [query["sql"].split('"')[1] for query in queries] == ["auth_user"]
    assert "Fixed the kettle" in again.text
    assert per_request_free(again.text) == per_request_free(made.text)


def test_a_page_kept_for_one_browser_is_not_another_browsers_or_an_older_viewers(redis, employee, make_story):
    make_story(headline="Fixed the kettle", heroes=[employee])
    phone, laptop = client_for(employee), client_for(employee)
    phone.get("/")
    with CaptureQueriesContext(connection) as queries:
        laptop.get("/")
    assert any('"stories_story"' in query["sql"] for query in queries)  # made: the phone's page is the phone's
    before = per_request_free(phone.get("/").text)
    employee.groups.add(managers_group())  # as the admin does: no version moves, the viewer does
    after = per_request_free(phone.get("/").text)  # not the page kept for the viewer as they were
    assert after != before
    assert after == rendered_afresh(phone, "/")


def test_only_a_get_that_may_be_answered_from_the_cache_asks_for_a_page(redis, employee, settings, monkeypatch):
    from stories.views import pages

    asked = []
    monkeypatch.setattr(pages, "read_also_with_session", asked.append)
    reader = client_for(employee)
    reader.get("/")
    assert len(asked) == 1 and asked[0].startswith("page:")
    reader.get("/", headers={"HX-Request": "true"})
    etag = reader.get("/slideshow/slides.json")["ETag"]  # asks (a GET like a page's), then polls: doesn't
    assert reader.get("/slideshow/slides.json", headers={"If-None-Match": etag}).status_code == 304
    reader.post("/notifications/read/")
    settings.WINSBOARD_PAGE_CACHE = False
    reader.get("/")
    settings.WINSBOARD_PAGE_CACHE = True
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    reader.get("/")  # pages in this process's memory: not in the session's cache
    assert len(asked) == 2
