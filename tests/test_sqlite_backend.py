"""The SQLite backend (winsboard/sqlite3): Django's, with each query's
placeholder rewrite kept rather than redone on every request. It must run
every query exactly as Django's would."""

import pytest
from django.db import connection, connections

from stories.models import Tag
from winsboard.sqlite3 import base as backend

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend (make test-postgres runs PostgreSQL)"),
]


def test_the_default_database_runs_on_our_backend():
    assert isinstance(connections["default"], backend.DatabaseWrapper)
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, backend.SQLiteCursorWrapper)


def test_a_query_is_rewritten_once_and_then_reused():
    query = "SELECT %s + %s, '100%%' /* rewritten once */"
    backend._kept.cache_clear()
    for value in range(3):
        with connection.cursor() as cursor:
            cursor.execute(query, [value, 1])
            assert cursor.fetchone() == (value + 1, "100%")
    info = backend._kept.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_literal_percent_signs_and_placeholders_read_as_djangos_own():
    Tag.objects.create(name="100% fixed", slug="fixed")
    Tag.objects.create(name="half fixed", slug="half")
    assert list(Tag.objects.filter(name__contains="%").values_list("slug", flat=True)) == ["fixed"]
    assert backend.qmark("a = %s AND b LIKE '%%x' AND c = %%s") == "a = ? AND b LIKE '%x' AND c = %s"


def test_a_very_long_query_is_run_but_not_kept():
    backend._kept.cache_clear()
    long_query = "SELECT 1 WHERE 2 IN (" + ", ".join(["%s"] * 3_000) + ")"  # ~12,000 characters
    assert len(long_query) > backend.LONGEST_KEPT
    with connection.cursor() as cursor:
        cursor.execute(long_query, list(range(3_000)))
        assert cursor.fetchone() == (1,)
    info = backend._kept.cache_info()
    assert (info.misses, info.currsize) == (0, 0)


def test_named_parameters_still_work():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %(a)s * %(b)s", {"a": 6, "b": 7})
        assert cursor.fetchone() == (42,)
