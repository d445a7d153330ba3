"""SQLite: the search index's vocabulary (an fts5vocab table over
stories_search), so a word's beginning can find the indexed words it starts
("priy" finds "Priya"). PostgreSQL finds them with to_tsquery's :* instead."""

from django.db import migrations

VOCABULARY = "CREATE VIRTUAL TABLE stories_search_words USING fts5vocab(stories_search, 'row')"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(VOCABULARY)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS stories_search_words")


class Migration(migrations.Migration):
    dependencies = [("stories", "0010_invitations")]
    operations = [migrations.RunPython(create, drop)]
