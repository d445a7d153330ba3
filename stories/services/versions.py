"""Versions: what readers compare before building anything.

- The wins' version: a token in the cache (CACHES["default"], shared by every
  process) that changes whenever something a card, a win's page or a slide
  shows changes. slides.json answers 304 from it alone
  (stories.views.slideshow). Every service that changes what a win shows
  calls `version_bump()` (wins, media, curation, cheers and comments,
  profiles, the slideshow's "shown" date; the admin's saves too). A write
  that skips the services (a SQL console) shows within VERSION_SECONDS,
  when the token expires and is made anew. A new token is set at once and
  again when the transaction commits, so no reader keeps an old deck under
  the new token.
- The names' version (NAMES): the same kind of token for the lists the
  feed's filters offer (teams, tags, people's names); bumped where those
  change (a new tag, a profile's name, the admin).
- Each win's `card_version`, in the database: `cards_changed()` moves it on
  for exactly the wins whose card shows what changed, in the writing
  transaction. Cached cards are keyed by it (stories.views.cards), read in
  the page's own query: exact on every cache backend, even one per process.
"""

import logging
import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.db.models import F, QuerySet

from ..models import Story

log = logging.getLogger(__name__)
WINS = "wins"
NAMES = "names"
VERSION_SECONDS = 3600


def _key(name):
    return f"version:{name}"


# The tokens read with this request's session (stories.sessions: one round
# trip for both), kept for this request only: forgotten when a request starts
# and ends (stories.apps), moved by this request's own bumps. A request may
# ask for one more key in that read (`read_also_with_session`: the page it
# may have kept, stories.views.pages) before its session is read.
_read_with_session = ContextVar("winsboard_versions_read_with_session", default=None)
_also_with_session = ContextVar("winsboard_versions_also_with_session", default=None)


def read_with_session_keys():
    also = _also_with_session.get()
    return [_key(WINS), _key(NAMES), *([also] if also else [])]


def read_also_with_session(key):
    """Have this request's session read bring `key` of the shared cache too."""
    _also_with_session.set(key)


def remember_read_with_session(found):
    """What the session's read found of `read_with_session_keys()` (None: not there)."""
    _read_with_session.set({key: found.get(key) for key in read_with_session_keys()})


def forget_read_with_session(**kwargs):
    _read_with_session.set(None)
    _also_with_session.set(None)


def read_with_session(key):
    """(whether this request's session read brought `key`, its value then)."""
    known = _read_with_session.get()
    return (True, known[key]) if known and key in known else (False, None)


def _already_read(key):
    return read_with_session(key)[1]


@contextmanager
def without_waiting():
    """Cache writes a page read makes are best effort: with the database
    cache, they give up at once when another writer holds the database's
    write lock, instead of holding the page for the busy timeout (the write
    is simply not kept; the database cache swallows its error). Inside a
    writing transaction, or with another cache backend, nothing changes."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, DatabaseCache):
        yield
        return
    connection = connections[router.db_for_write(backend.cache_model_class)]
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            busy = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
            cursor.execute("PRAGMA busy_timeout = 0")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(busy)}")
    else:
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '100ms'")
            yield


def version_of(name=WINS):
    """The current token (made now if the cache has none: without waiting
    on a busy database — a page read never waits on a cache write)."""
    token = _already_read(_key(name)) or cache.get(_key(name))
    if token is None:
        with without_waiting():
            cache.add(_key(name), secrets.token_hex(8), VERSION_SECONDS)  # the first process to add wins
        token = cache.get(_key(name))
    return token or ""


def versions_of(*names, also=None):
    """The current tokens of `names`, in one cache read (made when missing);
    with `also`, a key of the shared cache read in the same round trip:
    (tokens, its value or None)."""
    keys = [_key(name) for name in names]
    found = {key: _already_read(key) for key in keys}
    brought, value = read_with_session(also) if also else (True, None)
    wanted = [key for key, token in found.items() if token is None] + ([] if brought else [also])
    found.update(cache.get_many(wanted) if wanted else {})
    tokens = tuple(found.get(key) or version_of(name) for name, key in zip(names, keys, strict=True))
    return (tokens, value if brought else found.get(also)) if also else tokens


def version_with(name, key):
    """(`name`'s current token, what the cache holds at `key`) in one cache
    read: for a value stored with the token it was made under."""
    (token,), value = versions_of(name, also=key)
    return token, value


def kept_under_version(name, key, make, seconds):
    """`make()`, kept in the shared cache at `key` with `name`'s token it was
    made under, and made again once the token moves (one cache read when
    kept; the write never holds a page read: `without_waiting`)."""
    token, stored = version_with(name, key)
    if stored is not None and stored[0] == token:
        return stored[1]
    value = make()
    with without_waiting():
        cache.set(key, (token, value), seconds)
    return value


def _new_token(name):
    known = _read_with_session.get()
    if known is not None:
        known.pop(_key(name), None)  # this request reads its own change from the cache
    try:
        cache.set(_key(name), secrets.token_hex(8), VERSION_SECONDS)
    except Exception:  # noqa: BLE001 - the write stands; the old token expires within VERSION_SECONDS
        log.exception("Could not set a new %s version", name)


def version_bump(*, name=WINS):
    """A new token for `name` now, and again once the current transaction
    commits: a reader that took the first token while the change was still
    uncommitted (and built the old content under it) sees it change once
    more. A cache failure after the commit is logged, not raised."""
    _new_token(name)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if any(getattr(callback, "version_name", None) == name for _, callback, _ in connection.run_on_commit):
        return  # once per transaction

    def _bump():
        _new_token(name)

    _bump.version_name = name
    transaction.on_commit(_bump, robust=True)


def cards_changed(stories):
    """The cards of `stories` (a win, wins or their ids, or a Story queryset)
    show something new: their `card_version` moves on by one, in one UPDATE
    that commits with the change itself — a reader never sees the new
    version with the old data. Returns how many cards changed."""
    if isinstance(stories, Story):
        ids = [stories.pk]
    elif isinstance(stories, QuerySet):
        ids = stories.order_by().values("pk")
    else:
        ids = [getattr(story, "pk", story) for story in stories]
    return Story.objects.filter(pk__in=ids).update(card_version=F("card_version") + 1)
