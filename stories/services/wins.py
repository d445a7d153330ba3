"""Posting, editing and deleting a win (with its photos and video)."""

from django.conf import settings
from django.db import IntegrityError, transaction

from ..models import POSTED_FIELDS, Story
from ..models.roles import can_curate
from .changes import wins_changed
from .customer_voice import consent_requests_close
from .media import apply_media, files_removed_on_error, storage_delete_on_commit, store_new_media, stories_file_names
from .notifications import notify_credited, notify_mentioned_in_story


def _story_fields(data):
    return {name: data[name] for name in POSTED_FIELDS if name in data}


class AlreadySaved(Exception):  # noqa: N818 - not an error: the form was sent twice
    """The same form (its `form_token`) was already saved: `story` is the win."""

    def __init__(self, story):
        super().__init__(story.pk)
        self.story = story


def _saved_with(form_token, **lookups):
    return Story.objects.filter(form_token=form_token, **lookups).first() if form_token else None


@transaction.atomic
def story_create(*, author, heroes, form_token="", **data):
    """Post a win. With WINSBOARD_REVIEW_BEFORE_PUBLISH it waits as pending.
    A `form_token` already saved raises AlreadySaved (the form was sent twice)."""
    if existing := _saved_with(form_token):
        if existing.author_id == author.pk:
            raise AlreadySaved(existing)
        form_token = ""  # someone else's token (never shown to this author): not theirs to reuse
    status = Story.Status.PENDING if settings.WINSBOARD_REVIEW_BEFORE_PUBLISH else Story.Status.PUBLISHED
    story = Story.objects.create(author=author, status=status, form_token=form_token or None, **_story_fields(data))
    story.heroes.set(heroes)
    wins_changed(story, reindex=True)
    notify_credited(story=story)
    notify_mentioned_in_story(story=story)
    return story


@transaction.atomic
def story_update(*, story, heroes, by=None, form_token="", **data):
    """Save an edited win. Edited by someone who is not a manager, it goes
    back to the review queue, and with WINSBOARD_REVIEW_BEFORE_PUBLISH it
    waits as pending again: what managers approved is what others see. The
    same form (`form_token`) saved twice raises AlreadySaved."""
    # Locked: the same form sent twice at once waits here, then sees the first's token.
    saved = Story.objects.select_for_update().filter(pk=story.pk).values("form_token", "quote", "quote_by").first()
    if saved is None:  # deleted meanwhile: an edit never brings it back
        raise Story.DoesNotExist("This win was deleted meanwhile.")
    if form_token:
        if saved["form_token"] == form_token:
            raise AlreadySaved(story)
        story.form_token = form_token
    before = story.body
    for name, value in _story_fields(data).items():
        setattr(story, name, value)
    if (story.quote, story.quote_by) != (saved["quote"], saved["quote_by"]):
        consent_requests_close(story=story)  # the customer was asked about other words: ask again
    if by is not None and not can_curate(by):
        story.reviewed_at, story.reviewed_by = None, None
        if settings.WINSBOARD_REVIEW_BEFORE_PUBLISH:
            story.status = Story.Status.PENDING
    story.save()
    story.heroes.set(heroes)
    wins_changed(story, reindex=True)
    notify_credited(story=story, by=by)  # heroes added by this edit
    notify_mentioned_in_story(story=story, by=by, before=before)  # people newly mentioned
    return story


@transaction.atomic
def story_delete(*, story):
    """Delete a win and, once the deletion is committed, its files."""
    stories_delete(stories=Story.objects.filter(pk=story.pk))


@transaction.atomic
def stories_delete(*, stories):
    """Delete the wins of the queryset `stories` (the admin's bulk delete)
    and, once committed, their files: a constant number of queries however
    many wins."""
    removed = list(stories.values_list("pk", flat=True))
    storage_delete_on_commit(stories_file_names(Story.objects.filter(pk__in=removed)))
    Story.objects.filter(pk__in=removed).delete()
    wins_changed(removed=removed)


def story_create_with_media(*, author, heroes, media_changes, form_token="", **data):
    """Post a win with its photos and video: all of it, or (on any error) none
    of it — no row and no stored file left behind. The same form sent twice
    (even at the same moment) posts one win: the second raises AlreadySaved."""
    try:
        with files_removed_on_error() as save:
            photos, video = store_new_media(media_changes, save)
            with transaction.atomic():
                story = story_create(author=author, heroes=heroes, form_token=form_token, **data)
                apply_media(story, media_changes, photos, video)
    except IntegrityError:
        if existing := _saved_with(form_token, author=author):  # the other copy committed first
            raise AlreadySaved(existing) from None
        raise
    return story


def story_update_with_media(*, story, heroes, media_changes, by=None, form_token="", **data):
    """Save an edited win and its photo and video changes, all or nothing;
    the same form saved twice raises AlreadySaved (nothing added twice)."""
    with files_removed_on_error() as save:
        photos, video = store_new_media(media_changes, save)
        with transaction.atomic():
            story_update(story=story, heroes=heroes, by=by, form_token=form_token, **data)
            apply_media(story, media_changes, photos, video)
    return story
