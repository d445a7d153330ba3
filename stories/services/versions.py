"""Versions: a token in the cache (CACHES, shared by every process) that
changes whenever something a card, a win's page or a slide shows changes.

A reader compares it before building anything: slides.json answers 304 from
the version alone (stories.views.slideshow), and a cache of rendered cards
can key on it. Every service that changes what a win shows calls
`version_bump()` (wins, media, curation, the slideshow's "shown" date; the
admin's saves too). A write that skips the services (a SQL console) shows
within VERSION_SECONDS, when the token expires and is made anew.

A new token is set at once and again when the transaction commits, so no
reader keeps an old deck under the new token."""

import logging
import secrets

from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)
WINS = "wins"
VERSION_SECONDS = 3600


def _key(name):
    return f"version:{name}"


def version_of(name=WINS):
    """The current token (made now if the cache has none)."""
    token = cache.get(_key(name))
    if token is None:
        cache.add(_key(name), secrets.token_hex(8), VERSION_SECONDS)  # the first process to add wins
        token = cache.get(_key(name))
    return token or ""


def _new_token(name):
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
