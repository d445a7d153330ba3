"""Writes. Each service is keyword-only, atomic, and returns what it changed.
File work and notifications are scheduled with `transaction.on_commit`, never
done in `save()` or signals."""

from django.conf import settings
from django.db import transaction

from .models import Story

STORY_FIELDS = (
    "headline",
    "body",
    "kind",
    "team",
    "happened_on",
    "needed_approval",
    "cost",
    "quote",
    "quote_by",
    "customer_consent",
)


def _story_fields(data):
    return {name: data[name] for name in STORY_FIELDS if name in data}


@transaction.atomic
def story_create(*, author, heroes, **data):
    """Post a win. With WINSBOARD_REVIEW_BEFORE_PUBLISH it waits as pending."""
    status = Story.Status.PENDING if settings.WINSBOARD_REVIEW_BEFORE_PUBLISH else Story.Status.PUBLISHED
    story = Story.objects.create(author=author, status=status, **_story_fields(data))
    story.heroes.set(heroes)
    return story


@transaction.atomic
def story_update(*, story, heroes, **data):
    for name, value in _story_fields(data).items():
        setattr(story, name, value)
    story.save()
    story.heroes.set(heroes)
    return story


@transaction.atomic
def story_delete(*, story):
    """Delete a win and, once the deletion is committed, its files."""
    paths = story_file_names(story)
    storage_delete_on_commit(paths)
    story.delete()


def story_file_names(story):
    """Every stored file a win owns (photo renditions, video, poster)."""
    names = []
    for photo in story.photos.all():
        names += [photo.large.name, photo.card.name]
    video = getattr(story, "video", None)  # a missing reverse one-to-one is None here
    if video is not None:
        names += [video.file.name, video.poster.name]
    return [name for name in names if name]


def storage_delete_on_commit(names):
    from django.core.files.storage import default_storage

    def _delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(_delete)


# --- media (photos, videos) ---------------------------------------------------


# --- curation (tags, featuring, wall order, hiding, review) -------------------


# --- slideshow (shown at all-hands, display links) ----------------------------
