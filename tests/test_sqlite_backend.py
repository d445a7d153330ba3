"""The SQLite backend (winsboard/sqlite3, settings' ENGINE for SQLite:
tests/test_health_and_settings.py): Django's, with each query's
placeholder rewrite kept rather than redone on every request. It must run
every query exactly as Django's would. Tried on a SQLite file of its own,
so these run whichever database the suite runs on."""

import pytest
from django.db.utils import ConnectionHandler

from winsboard.sqlite3 import base as backend

pytestmark = pytest.mark.django_db  # pytest-django lets a test open any connection only with it


@pytest.fixture
def sqlite(tmp_path):
    handler = ConnectionHandler({"default": {"ENGINE": "winsboard.sqlite3", "NAME": str(tmp_path / "own.sqlite3")}})
    connection = handler["default"]
    yield connection
    connection.close()


def test_its_cursor_keeps_the_rewrite(sqlite):
    with sqlite.cursor() as cursor:
        assert isinstance(cursor.cursor, backend.SQLiteCursorWrapper)


def test_a_query_is_rewritten_once_and_then_reused(sqlite):
    query = "SELECT %s + %s, '100%%' /* rewritten once */"
    backend._kept.cache_clear()
    for value in range(3):
        with sqlite.cursor() as cursor:
            cursor.execute(query, [value, 1])
            assert cursor.fetchone() == (value + 1, "100%")
    info = backend._kept.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_literal_percent_signs_and_placeholders_read_as_djangos_own(sqlite):
    with sqlite.cursor() as cursor:
        cursor.execute("CREATE TABLE tag (name TEXT)")
        cursor.executemany("INSERT INTO tag (name) VALUES (%s)", [["100% fixed"], ["half fixed"]])
        cursor.execute("SELECT name FROM tag WHERE name LIKE '%%\\%%%%' ESCAPE '\\' AND name <> %s", ["x"])
        assert cursor.fetchall() == [("100% fixed",)]
    assert backend.qmark("a = %s AND b LIKE '%%x' AND c = %%s") == "a = ? AND b LIKE '%x' AND c = %s"


def test_a_very_long_query_is_run_but_not_kept(sqlite):
    backend._kept.cache_clear()
    long_query = "SELECT 1 WHERE 2 IN (" + ", ".join(["%s"] * 3_000) + ")"  # ~12,000 characters
    assert len(long_query) > backend.LONGEST_KEPT
    with sqlite.cursor() as cursor:
        cursor.execute(long_query, list(range(3_000)))
        assert cursor.fetchone() == (1,)
    info = backend._kept.cache_info()
    assert (info.misses, info.currsize) == (0, 0)


def test_named_parameters_still_work(sqlite):
    with sqlite.cursor() as cursor:
        cursor.execute("SELECT %(a)s * %(b)s", {"a": 6, "b": 7})
        assert cursor.fetchone() == (42,)
