"""Curation's own data: the tags managers label wins with, and what a hidden
win said when a manager hid it, so that when its author fixes it and asks
for it to be shown again, the manager sees what changed (and the review
queue marks it "edited since hidden"): a win's fields as people read them
(`shown_fields`), then and now (`changes_between`)."""

from django.db import models
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from ..lib import text
from ..lib.curation import tag_key


class TagQuerySet(models.QuerySet):
    def find(self, name):
        """The existing tag `name` stands for, matched by its key (case,
        accents, spaces, hyphens, underscores and a leading "#" ignored:
        "small-touches" finds "Small touches"), or None."""
        return self.filter(key=tag_key(name)).first()

    def with_win_counts(self):
        """Each tag with `win_count`, how many wins carry it (one query)."""
        return self.annotate(win_count=Count("stories", distinct=True))

    def bulk_create(self, objs, *args, **kwargs):
        """Keys computed here too: bulk_create skips Tag.save."""
        objs = list(objs)
        for tag in objs:
            tag.key = tag_key(tag.name)
        return super().bulk_create(objs, *args, **kwargs)


class Tag(models.Model):
    """A manager's label for wins (value, theme, quarter, campaign).

    Tags are matched by `key`, unique (`stories.lib.curation.tag_key`):
    "Small touches", "small-touches" and "#smäll_touches" are one tag. The
    key is computed from the name whenever a tag is saved, so nothing else
    writes it.
    """

    name = models.CharField(max_length=50)
    key = models.CharField(max_length=200, editable=False)
    slug = models.SlugField(max_length=60, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="tag_key_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, update_fields=None, **kwargs):
        self.key = tag_key(self.name)
        if update_fields is not None and "name" in update_fields:
            update_fields = {*update_fields, "key"}
        super().save(*args, update_fields=update_fields, **kwargs)


class HiddenSnapshot(models.Model):
    """A hidden win as it was when hidden (or when a manager last decided to
    keep it hidden): its fields as people read them, label → text. Deleted
    when the win is shown again."""

    story = models.OneToOneField("stories.Story", on_delete=models.CASCADE, related_name="hidden_snapshot")
    fields = models.JSONField(default=dict)
    taken_at = models.DateTimeField(default=timezone.now)
    # The author asked for the win to be shown again (it is back in the review queue).
    resubmitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Win {self.story_id} as hidden on {self.taken_at:%Y-%m-%d}"


# --- a hidden win, then and now ---------------------------------------------------


def shown_fields(story):
    """What a win shows people, label → text: what a manager compares when a
    hidden win's author asks for it to be shown again. Uses the prefetched
    heroes, photos and video where a queryset fetched them. Labels and
    values in English whoever reads (what is stored is compared with what
    is read later): pages translate the labels (their msgids) when shown."""
    video = getattr(story, "video", None)
    with translation.override("en"):
        return _shown_fields(story, video)


def _shown_fields(story, video):
    return {
        gettext_noop("Headline"): story.headline,
        gettext_noop("Story"): story.body,
        gettext_noop("Kind of win"): story.get_kind_display(),
        gettext_noop("Heroes"): text.names_joined(sorted(story.hero_names())),  # in one order however they were fetched
        gettext_noop("Team"): story.team.name if story.team_id else "",
        gettext_noop("Date"): story.happened_on.isoformat(),
        gettext_noop("Customer quote"): story.quote,
        gettext_noop("Quote by"): story.quote_by,
        gettext_noop("Photos"): "; ".join(photo.alt_text for photo in story.photos.all()),
        gettext_noop("Video"): video.get_provider_display() if video is not None else "",
    }


def changes_between(before, after):
    """The fields that differ: [{"label", "before", "after"}], in `after`'s order."""
    return [
        {"label": label, "before": before.get(label, ""), "after": now}
        for label, now in after.items()
        if before.get(label, "") != now
    ]
