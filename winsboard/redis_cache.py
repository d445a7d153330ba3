"""Django's Redis cache, with one client per connection pool instead of one
per call, and reads of several keys on a connection each thread keeps.

Django's RedisCacheClient makes a new `redis.Redis` for every cache call;
with redis-py 8 that builds a case-insensitive table of ~200 response
callbacks each time (~90 µs of CPU, about as much as the round trip
itself). A signed-in request reads the cache two or three times (its
session, the wins' version, the page), so that was a fifth of an
unchanged slides.json poll. A `redis.Redis` is safe to share between
threads (each command takes a connection from the pool), and each thread
has its own cache object anyway (django.core.cache.caches).

`get_many` — every signed-in request's one read (its session with the
versions and its page: stories.sessions), and a page's cards — sends its
MGET on a connection its thread keeps out of the pool, instead of through
`redis.Redis.mget`: taking a connection from the pool checks it for
unread data (two timeout changes and a non-blocking recv) and the command
passes redis-py 8's retry and metrics wrappers, ~65 µs of a ~160 µs read
whose round trip is ~70. The kept connection is used only by its thread
and only for whole command-and-reply exchanges; any error drops it
(closed, never read again: nothing half-read can reach the next read) and
the read is made again the pool's way, which reconnects — or raises as
Django's does, when Redis is down."""

import os
import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._kept = threading.local()

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client

    def get_many(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        if len(self._servers) != 1:
            return super().get_many(keys)  # replicas: each read goes to one at random, as Django's
        connection = self._kept_connection()
        try:
            connection.send_packed_command(connection.pack_command("MGET", *keys), check_health=False)
            values = connection.read_response()
        except Exception:  # noqa: BLE001 - read again the pool's way (it reconnects, or raises as Django's)
            self._drop_kept_connection()
            return super().get_many(keys)
        except BaseException:
            self._drop_kept_connection()  # interrupted between command and reply: never reused
            raise
        return {
            key: self._serializer.loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }

    def _kept_connection(self):
        """This thread's connection: made by the pool (its address, password
        and options) but not lent from it, so it closes when its thread's
        data goes (redis-py closes a connection it collects)."""
        kept = getattr(self._kept, "connection", None)
        if kept is None or kept[0] != os.getpid():  # none yet, or the parent's before a fork
            kept = self._kept.connection = (os.getpid(), self._get_connection_pool(write=False).make_connection())
        return kept[1]

    def _drop_kept_connection(self):
        kept = getattr(self._kept, "connection", None)
        self._kept.connection = None
        if kept is not None and kept[0] == os.getpid():
            kept[1].disconnect()


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient

    def get_many(self, keys, version=None):
        """Django's, without its memcached key warnings (a scan of every
        character of every key, ~3 µs a key; Redis takes any key, and
        Winsboard's are its own)."""
        key_map = {self.make_key(key, version=version): key for key in keys}
        return {key_map[key]: value for key, value in self._cache.get_many(key_map).items()}
