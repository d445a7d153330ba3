"""Keeping the search index in step with the wins it finds.

A win is found by its words and by names: its heroes' and author's (display
name, first and last name, username), its team's and its tags'. So the index
entry of a win is rewritten, inside the same transaction, by every service
that changes one of those: posting and editing a win (`stories.services.wins`),
tagging (`stories.services.tags`), a new display name
(`stories.services.people`); and by the admin when it renames a team, a tag
or a person, or edits a win (`stories.admin`). Deleting a win deletes its
entry. `manage.py search_index --rebuild` rewrites every entry (after a bulk
import, or to be sure).

Why services and not database triggers: the entry is made of rows of five
tables (wins, heroes, tags, teams, people and their profiles), on two
databases with two languages for triggers; written here it is one piece of
Python (`StoryQuerySet.search_sources` and `stories.lib.search`) that both
databases share, folds accents the same way on both, and is tested once.
The price: a write that bypasses the services and the admin (raw SQL, a
shell) needs a `search_index --rebuild`.

PostgreSQL: `Story.search_vector`, a weighted tsvector. SQLite: a row of the
FTS5 table whose rowid is the win's id.
"""

from django.db import connections, transaction

from ..models import FTS_COLUMNS, FTS_TABLE, Story
from ..models.search import PG_CONFIG, PG_NAMES_CONFIG

BATCH = 500


def _connection():
    return connections[Story.objects.db]


@transaction.atomic
def search_index_refresh(*, stories):
    """Rewrite the index entries of `stories` (a queryset of wins, or their
    ids), a batch at a time. Returns how many wins were indexed."""
    ids = list(stories) if isinstance(stories, list | tuple | set) else list(stories.values_list("pk", flat=True))
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        documents = Story.objects.filter(pk__in=batch).search_sources()
        if _connection().vendor == "postgresql":
            _write_vectors(documents)
        else:
            _delete_entries(batch)
            _insert_entries(documents)
    return len(ids)


@transaction.atomic
def search_index_remove(*, story_ids):
    """Forget deleted wins (SQLite's FTS5 table; on PostgreSQL the vector
    went with the row)."""
    if _connection().vendor != "postgresql":
        _delete_entries(list(story_ids))


@transaction.atomic
def search_index_rewrite():
    """Every win's entry rewritten, and entries of wins that are gone dropped
    (`services.search_index_rebuild` moves the versions with it)."""
    if _connection().vendor != "postgresql":
        with _connection().cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - a constant table name
    return search_index_refresh(stories=Story.objects.all())


# One UPDATE per batch: the vectors are computed by PostgreSQL from the words
# sent as VALUES (ids and texts are parameters; the rest is constant).
_FULL, _NAMES = PG_CONFIG, PG_NAMES_CONFIG
_PG_VECTOR = (
    f"setweight(to_tsvector('{_FULL}', v.headline || ' ' || v.people), 'A')"
    f" || setweight(to_tsvector('{_NAMES}', v.people), 'A')"
    f" || setweight(to_tsvector('{_FULL}', v.labels), 'B') || setweight(to_tsvector('{_NAMES}', v.labels), 'B')"
    f" || setweight(to_tsvector('{_FULL}', v.quote), 'C') || setweight(to_tsvector('{_FULL}', v.body), 'D')"
)


def _write_vectors(documents):
    if not documents:
        return
    table = Story._meta.db_table
    rows = ", ".join(["(%s::bigint, %s, %s, %s, %s, %s)"] * len(documents))
    sql = (
        f"UPDATE {table} AS s SET search_vector = {_PG_VECTOR} "  # noqa: S608 - constant names; values are parameters
        f"FROM (VALUES {rows}) AS v(id, headline, people, labels, quote, body) WHERE s.id = v.id"
    )
    params = [value for pk, document in documents.items() for value in (pk, *document)]
    with _connection().cursor() as cursor:
        cursor.execute(sql, params)


def _delete_entries(ids):
    with _connection().cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])  # noqa: S608


def _insert_entries(documents):
    columns = ", ".join(FTS_COLUMNS)
    marks = ", ".join(["%s"] * (len(FTS_COLUMNS) + 1))
    sql = f"INSERT INTO {FTS_TABLE} (rowid, {columns}) VALUES ({marks})"  # noqa: S608 - constant names
    with _connection().cursor() as cursor:
        cursor.executemany(sql, [(pk, *document) for pk, document in documents.items()])
