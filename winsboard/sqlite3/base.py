"""Django's SQLite backend, with each query's placeholders converted once.

Django writes SQL with `%s` placeholders; Python's sqlite3 wants `?`, so
Django's SQLite cursor rewrites every query with a regular expression
before running it — ~20 µs for the signed-in user's query (2 KB of SQL),
more than SQLite takes to run it, and again on every request. Queries are
the same strings request after request (the values travel apart), so the
rewritten text is kept by the query it came from, as psycopg does for
PostgreSQL. Everything else is Django's (settings.DATABASES' ENGINE
names this module; `connection.vendor` is still "sqlite")."""

from functools import lru_cache

from django.db.backends.sqlite3 import base

LONGEST_KEPT = 8_000  # characters: a longer query (a long IN list) is rewritten each time, not kept


def _rewritten(query):
    """`query` with Django's `%s` placeholders as sqlite3's `?` (and `%%` as `%`), as Django does."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


_kept = lru_cache(maxsize=512)(_rewritten)


def qmark(query):
    """`_rewritten(query)`, kept for the next time unless the query is very long."""
    return _rewritten(query) if len(query) > LONGEST_KEPT else _kept(query)


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
