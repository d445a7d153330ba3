"""Posting, editing and deleting a win (with its photos and video)."""

from django.conf import settings
from django.db import transaction

from ..lib.roles import can_curate
from ..models import Story
from .media import apply_media, files_removed_on_error, storage_delete_on_commit, store_new_media, story_file_names
from .search import search_index_refresh, search_index_remove

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
    search_index_refresh(stories=[story.pk])
    return story


@transaction.atomic
def story_update(*, story, heroes, by=None, **data):
    """Save an edited win. Edited by someone who is not a manager, it goes
    back to the review queue, and with WINSBOARD_REVIEW_BEFORE_PUBLISH it
    waits as pending again: what managers approved is what others see."""
    for name, value in _story_fields(data).items():
        setattr(story, name, value)
    if by is not None and not can_curate(by):
        story.reviewed_at, story.reviewed_by = None, None
        if settings.WINSBOARD_REVIEW_BEFORE_PUBLISH:
            story.status = Story.Status.PENDING
    story.save()
    story.heroes.set(heroes)
    search_index_refresh(stories=[story.pk])
    return story


@transaction.atomic
def story_delete(*, story):
    """Delete a win and, once the deletion is committed, its files."""
    storage_delete_on_commit(story_file_names(story))
    search_index_remove(story_ids=[story.pk])
    story.delete()


def story_create_with_media(*, author, heroes, media_changes, **data):
    """Post a win with its photos and video: all of it, or (on any error) none
    of it — no row and no stored file left behind."""
    with files_removed_on_error() as save:
        photos, video = store_new_media(media_changes, save)
        with transaction.atomic():
            story = story_create(author=author, heroes=heroes, **data)
            apply_media(story, media_changes, photos, video)
    return story


def story_update_with_media(*, story, heroes, media_changes, by=None, **data):
    """Save an edited win and its photo and video changes, all or nothing."""
    with files_removed_on_error() as save:
        photos, video = store_new_media(media_changes, save)
        with transaction.atomic():
            story_update(story=story, heroes=heroes, by=by, **data)
            apply_media(story, media_changes, photos, video)
    return story
