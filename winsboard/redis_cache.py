"""Django's Redis cache, with one client per connection pool instead of one
per call.

Django's RedisCacheClient makes a new `redis.Redis` for every cache call;
with redis-py 8 that builds a case-insensitive table of ~200 response
callbacks each time (~90 µs of CPU, about as much as the round trip
itself). A signed-in request reads the cache two or three times (its
session, the wins' version, the page), so that was a fifth of an
unchanged slides.json poll. A `redis.Redis` is safe to share between
threads (each command takes a connection from the pool), and each thread
has its own cache object anyway (django.core.cache.caches)."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
