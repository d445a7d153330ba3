"""Rate limits: how many times something may happen per window, counted in
Django's default cache (shared by every process when it is the database or
Redis; per process with local memory).

    from stories.lib import limits
    if not limits.hit("comments", user.pk, limit=5, window=60):
        ...  # the 6th in this window: refuse (429)

- `hit(name, key, *, limit, window) -> bool` counts one and says whether it
  is within the limit (True for the first `limit` hits of a window, False
  after). Count BEFORE doing the costly or guarded thing: the count is
  atomic, so 30 parallel hits let exactly `limit` through.
- `exceeded(name, key, *, limit, window) -> bool` asks without counting.
- `release(name, key, *, window)` gives one hit back (it turned out fine,
  e.g. the right password); `clear(name, key, *, window)` forgets the window.

Windows are fixed: a window of W seconds is [n·W, (n+1)·W) in Unix time and
its count lives under a key that names its start, so a count can never
outlive its window or be cut short by a backend rewriting the expiry (the
database cache's `incr` re-sets the default 300 s timeout — not used here).
The backend's expiry only collects old counts. `key` may be anything with a
str(); it is hashed (addresses and e-mails never appear in the cache).
Increments are atomic on each backend: local memory and Redis through their
own `incr`; the database cache inside a transaction that locks the row.
"""

import hashlib
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction

SPARE_SECONDS = 60  # the backend keeps a count this long past its window


def now():
    """The clock windows are counted by (Unix time; tests may hold it still)."""
    return time.time()


def _cache_key(name, key, window):
    moment = now()
    start = int(moment // window * window)
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    return f"limit:{name}:{window}:{start}:{digest}", start + window - moment + SPARE_SECONDS


def _cache():
    return caches[DEFAULT_CACHE_ALIAS]


def _count(name, key, window, delta):
    cache_key, expires_in = _cache_key(name, key, window)
    cache = _cache()
    if isinstance(cache, DatabaseCache):
        return _count_in_database(cache, cache_key, expires_in, delta)
    cache.add(cache_key, 0, expires_in)
    try:
        return cache.incr(cache_key, delta)
    except ValueError:  # collected between add and incr: only when the window is long over
        cache.set(cache_key, max(delta, 0), expires_in)
        return max(delta, 0)


def _count_in_database(cache, cache_key, expires_in, delta):
    """The database cache's `incr` reads and writes apart (two processes
    both read 3 and write 4) and re-sets the expiry: here the row is made,
    then locked (PostgreSQL: FOR UPDATE; SQLite: the IMMEDIATE transaction
    holds the write lock) while it is read and written."""
    db = router.db_for_write(cache.cache_model_class)
    connection = connections[db]
    table = connection.ops.quote_name(cache._table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    if connection.vendor != "sqlite":
        # PostgreSQL: committed first, so there is a row to lock. (SQLite's
        # IMMEDIATE transaction below holds the whole write lock anyway; and
        # an `add` there would wait the busy timeout once more, swallowing
        # its error, before the transaction waits it again.)
        cache.add(cache_key, 0, expires_in)
    with transaction.atomic(using=db):
        with connection.cursor() as cursor:
            made_key = cache.make_and_validate_key(cache_key)
            cursor.execute(f"SELECT cache_key FROM {table} WHERE cache_key = %s{lock}", [made_key])  # noqa: S608
        count = max((cache.get(cache_key) or 0) + delta, 0)
        cache.set(cache_key, count, expires_in)
    return count


def hit(name, key, *, limit, window):
    """Count one hit of `name` for `key` in this window of `window` seconds;
    True while the count (this one included) is at most `limit`."""
    return _count(name, key, window, 1) <= limit


def exceeded(name, key, *, limit, window):
    """True when this window already holds `limit` hits (nothing counted)."""
    return (_cache().get(_cache_key(name, key, window)[0]) or 0) >= limit


def release(name, key, *, window):
    """Give back one hit of this window (never below zero)."""
    if _cache().get(_cache_key(name, key, window)[0]):
        _count(name, key, window, -1)


def clear(name, key, *, window):
    """Forget this window's hits for `key`."""
    _cache().delete(_cache_key(name, key, window)[0])
