"""stories.sessions: with Redis, a signed-in request reads its session and
the wins' and names' versions in one round trip — and still sees every
change at once: its own, another process's, and nothing of an earlier
request's (a real redis-server)."""

import pytest
from django.core.cache import caches

from stories import services
from stories.services import versions
from tests.helpers.people import client_for
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
