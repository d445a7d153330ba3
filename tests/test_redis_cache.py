"""winsboard.redis_cache: Django's Redis cache with one client per pool,
against a real redis-server (Debian's, on a unix socket)."""

import threading

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.helpers.servers import redis_server


@pytest.fixture
def redis_cache(tmp_path):
    with redis_server(tmp_path) as url:
        config = {"BACKEND": "winsboard.redis_cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "t"}
        with override_settings(CACHES={"default": config}):
            yield caches["default"]
            caches["default"].close()


def test_every_cache_operation_works_through_the_shared_client(redis_cache):
    redis_cache.set("a", {"x": 1})
    assert redis_cache.get("a") == {"x": 1}
    assert redis_cache.add("a", "other") is False
    redis_cache.set_many({"b": "β", "n": 5})
    assert redis_cache.get_many(["a", "b", "n", "missing"]) == {"a": {"x": 1}, "b": "β", "n": 5}
    assert redis_cache.incr("n", 2) == 7
    assert redis_cache.touch("b", 60) is True
    redis_cache.delete_many(["a", "b"])
    assert redis_cache.get("a", "gone") == "gone"
    redis_cache.clear()
    assert redis_cache.get("n") is None


def test_the_client_is_made_once_not_per_call(redis_cache):
    client = redis_cache._cache
    redis_cache.set("a", 1)
    first = client.get_client("a")
    redis_cache.get("a")
    redis_cache.get_many(["a", "b"])
    assert client.get_client("a", write=True) is first
    assert len(client._clients) == 1


def test_threads_share_the_client_safely(redis_cache):
    client = redis_cache._cache
    errors = []

    def work(n):
        try:
            for i in range(200):
                client.set(f"k{n}:{i}", i, 60)
                assert client.get(f"k{n}:{i}", None) == i
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
