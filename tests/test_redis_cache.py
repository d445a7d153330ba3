"""winsboard.redis_cache: Django's Redis cache with one client per pool,
and reads of several keys on a connection each thread keeps, against a real
redis-server (Debian's, on a unix socket)."""

import os
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


def _in_eight_threads(work):
    """Run work(n) in 8 threads at once: the errors they met."""
    errors = []

    def run(n):
        try:
            work(n)
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_threads_share_the_client_safely(redis_cache):
    client = redis_cache._cache

    def work(n):
        for i in range(200):
            client.set(f"k{n}:{i}", i, 60)
            assert client.get(f"k{n}:{i}", None) == i

    assert _in_eight_threads(work) == []


# --- several keys read on a connection each thread keeps ---------------------------


def _kept(cache):
    return cache._cache._kept.connection[1]


def test_reads_of_several_keys_answer_as_djangos_on_one_kept_connection(redis_cache, monkeypatch):
    values = {"dict": {"x": [1, 2]}, "text": "Grüße ✓", "n": 7, "zero": 0, "empty": ""}
    redis_cache.set_many(values)
    wanted = [*values, "missing"]
    assert redis_cache.get_many(wanted) == values
    kept = _kept(redis_cache)
    pool = redis_cache._cache._get_connection_pool(write=False)
    taken = []
    for lending in ("get_connection", "make_connection"):
        monkeypatch.setattr(pool, lending, lambda *a, **k: taken.append(1))
    assert redis_cache.get_many(wanted) == values
    assert redis_cache.get_many(["missing"]) == {} and redis_cache.get_many([]) == {}
    assert taken == [] and _kept(redis_cache) is kept  # not taken from the pool again


def test_a_read_after_redis_restarted_reconnects_and_answers(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    with redis_server(folder) as url:
        config = {"BACKEND": "winsboard.redis_cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "t"}
        with override_settings(CACHES={"default": config}):
            cache = caches["default"]
            cache.set("a", "before")
            assert cache.get_many(["a"]) == {"a": "before"}
            kept_socket = _kept(cache)._sock
    with redis_server(folder) as again, override_settings(CACHES={"default": {**config, "LOCATION": again}}):
        assert again == url
        cache.set("a", "after")  # the kept connection's server is gone: its next send or read fails
        assert cache.get_many(["a", "b"]) == {"a": "after"}
        assert cache.get_many(["a"]) == {"a": "after"} and _kept(cache)._sock is not kept_socket


@pytest.mark.parametrize("interruption", [ConnectionError("reset"), KeyboardInterrupt()])
def test_a_read_interrupted_between_command_and_reply_never_reuses_its_connection(redis_cache, interruption):
    """Its reply, sent but not read, would be the next read's answer: the
    connection is closed, and the next read answers its own keys."""
    redis_cache.set_many({"a": 1, "b": 2})
    assert redis_cache.get_many(["a"]) == {"a": 1}
    kept = _kept(redis_cache)

    def interrupted(*args, **kwargs):
        del kept.read_response  # once
        raise interruption

    kept.read_response = interrupted
    if isinstance(interruption, Exception):
        assert redis_cache.get_many(["a"]) == {"a": 1}  # read again the pool's way
    else:
        with pytest.raises(KeyboardInterrupt):
            redis_cache.get_many(["a"])
        assert kept._sock is None  # closed at once, not left to the pool's next check
    assert redis_cache.get_many(["b"]) == {"b": 2}  # not the "a" reply left unread
    assert redis_cache.get_many(["a", "b"]) == {"a": 1, "b": 2}


def test_each_thread_reads_on_its_own_kept_connection(redis_cache):
    client = redis_cache._cache
    connections = []

    def work(n):
        for i in range(200):
            client.set(f"k{n}", i, 60)
            assert client.get_many([f"k{n}", "missing"]) == {f"k{n}": i}
        connections.append(client._kept.connection[1])

    assert _in_eight_threads(work) == []
    assert len({id(connection) for connection in connections}) == 8


def test_a_threads_kept_connection_closes_when_the_thread_ends(redis_cache):
    """(A server that makes a thread per request must not gather one open
    connection per request.)"""
    import gc
    import weakref

    redis_cache.set("a", 1)
    kept = []

    def read():
        assert redis_cache.get_many(["a"]) == {"a": 1}
        kept.append(weakref.ref(_kept(redis_cache)))

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    gc.collect()
    assert kept and kept[0]() is None


def test_a_forked_process_reads_on_a_connection_of_its_own(redis_cache, monkeypatch):
    """(gunicorn --preload forks workers from a loaded process.) The parent's
    kept connection is left to the parent, not closed by the child."""
    redis_cache.set("a", 1)
    assert redis_cache.get_many(["a"]) == {"a": 1}
    parents = _kept(redis_cache)
    child = os.getpid() + 1
    monkeypatch.setattr(os, "getpid", lambda: child)
    assert redis_cache.get_many(["a"]) == {"a": 1}
    assert _kept(redis_cache) is not parents and parents._sock is not None
