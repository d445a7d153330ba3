"""Tags get a matching key (`Tag.key`, see `stories.lib.curation.tag_key`):
computed here for every tag, and tags whose names now match are merged —
"small-touches" and "Small touches" become one tag with all their wins.
The key becomes unique in 0013 (a separate migration: PostgreSQL refuses to
alter a table in the transaction that deleted rows other tables refer to).

The tag kept is the one whose name is already in its tidy form, else the
oldest; the wins of the others move to it (each win carries it once), their
cards are rendered again (`card_version`). The search index still holds
the merged tags' spellings until `manage.py search_index --rebuild`.
"""

from collections import defaultdict

from django.db import migrations, models
from django.db.models import F

from stories.lib.curation import CurationError, tag_clean_name, tag_key


def _tidy(name):
    try:
        return tag_clean_name(name) == name
    except CurationError:
        return False


def tags_merge_by_key(apps, schema_editor=None):
    """Give every tag its key; merge the tags that share one."""
    Tag = apps.get_model("stories", "Tag")
    Story = apps.get_model("stories", "Story")
    Through = Story._meta.get_field("tags").remote_field.through
    groups = defaultdict(list)
    for tag in Tag.objects.order_by("created_at", "pk"):
        groups[tag_key(tag.name)].append(tag)
    for key, tags in groups.items():
        kept = min(tags, key=lambda tag: not _tidy(tag.name))  # the first tidy one, else the oldest
        merged = [tag.pk for tag in tags if tag.pk != kept.pk]
        if merged:
            wins = set(Through.objects.filter(tag_id__in=merged).values_list("story_id", flat=True))
            has_it = set(Through.objects.filter(tag_id=kept.pk).values_list("story_id", flat=True))
            Through.objects.bulk_create([Through(story_id=pk, tag_id=kept.pk) for pk in sorted(wins - has_it)])
            Story.objects.filter(pk__in=wins).update(card_version=F("card_version") + 1)
            Tag.objects.filter(pk__in=merged).delete()
        Tag.objects.filter(pk=kept.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [("stories", "0011_search_words")]
    operations = [
        migrations.AddField(
            model_name="tag",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(tags_merge_by_key, migrations.RunPython.noop),
    ]
