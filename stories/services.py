"""Writes. Each service is keyword-only, atomic, and returns what it changed.
File work and notifications are scheduled with `transaction.on_commit`, never
done in `save()` or signals."""

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import media, text
from .models import Photo, Story, Tag, Video, can_curate

log = logging.getLogger(__name__)

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
        names += video_file_names(video)
    return [name for name in names if name]


def storage_delete_on_commit(names):
    from django.core.files.storage import default_storage

    def _delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(_delete, robust=True)  # a storage hiccup is logged, not a 500 after commit


# --- media (photos, videos) ---------------------------------------------------
# Photo work (decoding, renditions) is done by the form before any of these run;
# files are written to storage before the transaction opens (so the write lock
# is held briefly) and removed again if anything fails; files of deleted rows
# are removed once the deletion commits. See stories.media for the pipeline.

MAX_PHOTOS = 6


@dataclass(frozen=True)
class NewPhoto:
    renditions: object  # stories.media.Renditions
    alt_text: str
    position: int
    original_name: str = ""


@dataclass
class MediaChanges:
    """What the post/edit form asks for (see stories.media_forms)."""

    new_photos: list = field(default_factory=list)  # [NewPhoto]
    photo_edits: dict = field(default_factory=dict)  # photo id → (alt text, position)
    removed_photo_ids: set = field(default_factory=set)
    video_upload: object = None  # an UploadedFile, already sniffed
    video_kind: object = None  # its stories.media.VideoKind
    video_link: tuple | None = None  # (provider, id)
    remove_video: bool = False


def story_create_with_media(*, author, heroes, media_changes, **data):
    """Post a win with its photos and video: all of it, or (on any error) none
    of it — no row and no stored file left behind."""
    with _files_removed_on_error() as save:
        photos, video = _store_new_media(media_changes, save)
        with transaction.atomic():
            story = story_create(author=author, heroes=heroes, **data)
            _apply_media(story, media_changes, photos, video)
    return story


def story_update_with_media(*, story, heroes, media_changes, by=None, **data):
    """Save an edited win and its photo and video changes, all or nothing."""
    with _files_removed_on_error() as save:
        photos, video = _store_new_media(media_changes, save)
        with transaction.atomic():
            story_update(story=story, heroes=heroes, by=by, **data)
            _apply_media(story, media_changes, photos, video)
    return story


@transaction.atomic
def photo_delete(*, photo):
    """Remove a photo; its renditions go once the deletion commits."""
    storage_delete_on_commit([name for name in (photo.large.name, photo.card.name) if name])
    photo.delete()


@transaction.atomic
def video_delete(*, video):
    """Remove a win's video; its file and poster go once the deletion commits."""
    storage_delete_on_commit(video_file_names(video))
    video.delete()


def video_file_names(video):
    return [name for name in (video.file.name, video.poster.name, video.poster_card.name) if name]


def video_ready(*, video, report):
    """Give a processed video its poster and duration and mark it ready.
    Returns False (and keeps no file) if the video changed meanwhile."""
    large, card = report.poster.large, report.poster.card
    try:
        with _files_removed_on_error() as save:
            poster = save(media.new_name("posters", large.extension), ContentFile(large.data))
            poster_card = save(media.new_name("posters", card.extension), ContentFile(card.data))
            with transaction.atomic():
                updated = Video.objects.filter(
                    pk=video.pk, status=Video.Status.PROCESSING, file=video.file.name
                ).update(
                    status=Video.Status.READY,
                    reject_reason="",
                    duration_seconds=report.duration,
                    poster=poster,
                    poster_width=large.width,
                    poster_height=large.height,
                    poster_card=poster_card,
                    poster_card_width=card.width,
                    poster_card_height=card.height,
                )
                if not updated:
                    raise _VideoGone
    except _VideoGone:
        return False
    return True


@transaction.atomic
def video_reject(*, video, reason):
    """Mark an uploaded video unusable, with the reason its author will see;
    its file is deleted once that commits."""
    updated = Video.objects.filter(pk=video.pk, status=Video.Status.PROCESSING).update(
        status=Video.Status.REJECTED, reject_reason=reason[:300], file=""
    )
    if updated and video.file.name:
        storage_delete_on_commit([video.file.name])
    return bool(updated)


class _VideoGone(Exception):
    pass


@contextmanager
def _files_removed_on_error():
    """Yields `save(name, content)`, which writes to storage; every file
    written is deleted again if the block raises."""
    saved = []

    def save(name, content):
        saved.append(default_storage.save(name, content))
        return saved[-1]

    try:
        yield save
    except BaseException:
        for name in saved:
            try:
                default_storage.delete(name)
            except Exception:  # noqa: BLE001 - keep the first error; sweep_media gets the rest
                log.exception("Could not remove %s after a failed save", name)
        raise


def _store_new_media(changes, save):
    photos = []
    for new in changes.new_photos:
        large, card = new.renditions.large, new.renditions.card
        photos.append(
            Photo(
                alt_text=new.alt_text,
                position=new.position,
                original_name=new.original_name[:120],
                large=save(media.new_name("photos", large.extension), ContentFile(large.data)),
                large_width=large.width,
                large_height=large.height,
                card=save(media.new_name("photos", card.extension), ContentFile(card.data)),
                card_width=card.width,
                card_height=card.height,
            )
        )
    video = None
    if changes.video_upload is not None:
        changes.video_upload.seek(0)
        kind = changes.video_kind
        name = save(media.new_name("videos", kind.extension), changes.video_upload)
        video = Video(provider=Video.Provider.UPLOAD, file=name, content_type=kind.content_type)
    elif changes.video_link is not None:
        provider, external_id = changes.video_link
        video = Video(provider=provider, external_id=external_id, status=Video.Status.READY)
    return photos, video


def _apply_media(story, changes, new_photos, new_video):
    kept = {photo.pk: photo for photo in Photo.objects.filter(story=story)}
    for pk in changes.removed_photo_ids & kept.keys():
        photo_delete(photo=kept.pop(pk))
    for pk, (alt_text, position) in changes.photo_edits.items():
        if pk in kept:
            kept[pk].alt_text, kept[pk].position = alt_text, position
    if len(kept) + len(new_photos) > MAX_PHOTOS:
        raise media.MediaError(f"A win can have up to {MAX_PHOTOS} photos. Remove some first.")
    for photo in new_photos:
        photo.story = story
    ordered = sorted([*kept.values(), *new_photos], key=lambda photo: photo.position)  # stable: ties keep order
    for index, photo in enumerate(ordered):
        photo.position = index
    Photo.objects.bulk_update(kept.values(), ["alt_text", "position"])
    Photo.objects.bulk_create(new_photos)
    if changes.remove_video or new_video is not None:
        for old in Video.objects.filter(story=story):
            video_delete(video=old)
    if new_video is not None:
        new_video.story = story
        new_video.save()
        if new_video.provider == Video.Provider.UPLOAD:
            transaction.on_commit(partial(_enqueue_video_processing, new_video.pk))


def _enqueue_video_processing(video_id):
    from .tasks import process_video  # tasks use these services

    process_video.enqueue(video_id)


# --- curation (tags, featuring, wall order, hiding, review) -------------------


TAG_NAME_MAX = 50  # Tag.name's max_length
TAG_SLUG_BASE_MAX = 50  # leaves room in Tag.slug (60) for a "-123" suffix
TAGS_PER_WIN_MAX = 12
FEATURE_NOTE_MAX = 200  # Story.feature_note's max_length
HIDDEN_REASON_MAX = 300  # Story.hidden_reason's max_length


class CurationError(ValueError):
    """A curation step that cannot be done; the message tells a manager why."""


def tag_clean_name(name):
    """The tag name as stored: trimmed, spaces collapsed, no leading "#".
    Raises CurationError when empty or too long."""
    name = text.label(name).lstrip("#").strip()
    if not name:
        raise CurationError("Type a tag name, e.g. “Above and beyond”.")
    if len(name) > TAG_NAME_MAX:
        raise CurationError(f"Keep tag names to {TAG_NAME_MAX} characters (this one has {len(name)}).")
    return name


def tag_find(name):
    """The existing tag called `name`, ignoring case — Unicode too: SQLite's
    LIKE/lower() fold ASCII only, but its REGEXP is Python's `re`."""
    key = name.casefold()
    candidates = Tag.objects.filter(name__iregex=rf"^{re.escape(name)}$")
    return next((tag for tag in candidates if tag.name.casefold() == key), None)


def _tag_unique_slug(name):
    """slugify(name), or "tag" when nothing is left of it (e.g. "!!!", "日本"),
    with "-2", "-3" … when taken."""
    base = slugify(name)[:TAG_SLUG_BASE_MAX].strip("-") or "tag"
    taken = set(Tag.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _tag_get_or_create(name):
    tag = tag_find(name)
    if tag is not None:
        return tag
    try:
        with transaction.atomic():
            return Tag.objects.create(name=name, slug=_tag_unique_slug(name))
    except IntegrityError:  # created by someone else at the same moment
        tag = tag_find(name)
        if tag is None:
            raise CurationError("That tag could not be saved just now. Try again.") from None
        return tag


@transaction.atomic
def tag_add(*, story, name, by):
    """Tag `story` with the tag called `name`: the existing one whatever its
    case, else a new one. Returns the tag."""
    name = tag_clean_name(name)
    existing = tag_find(name)
    if existing is not None and story.tags.filter(pk=existing.pk).exists():
        return existing
    if story.tags.count() >= TAGS_PER_WIN_MAX:
        raise CurationError(f"A win can have up to {TAGS_PER_WIN_MAX} tags. Remove one first.")
    tag = existing or _tag_get_or_create(name)
    story.tags.add(tag)
    log.info("curation: %s tagged win %s #%s", by, story.pk, tag.slug)
    return tag


@transaction.atomic
def tag_remove(*, story, tag, by=None):
    story.tags.remove(tag)
    log.info("curation: %s untagged win %s #%s", by, story.pk, tag.slug)
    return story


def _mark_reviewed(story, by, now):
    """A manager has looked at the win: it leaves the review queue."""
    if story.reviewed_at is None:
        story.reviewed_at, story.reviewed_by = now, by
    return ["reviewed_at", "reviewed_by"]


def feature_clean_note(note):
    note = text.one_line(note)
    if len(note) > FEATURE_NOTE_MAX:
        raise CurationError(f"Keep “Why we love this” to {FEATURE_NOTE_MAX} characters (it has {len(note)}).")
    return note


@transaction.atomic
def story_feature(*, story, by, note=None):
    """Put `story` on the featured wall (at the top, after a pinned win), or,
    when it is already there, change its "why we love this" note. `note=None`
    keeps the note as it is."""
    if story.is_hidden:
        raise CurationError("This win is hidden. Unhide it before featuring it.")
    if story.is_pending:
        raise CurationError("This win waits for review. Approve it before featuring it.")
    now = timezone.now()
    fields = _mark_reviewed(story, by, now) + ["feature_note"]
    if note is not None:
        story.feature_note = feature_clean_note(note)
    if story.featured_at is None:
        story.featured_at, story.featured_by, story.wall_position, story.pinned = now, by, None, False
        fields += ["featured_at", "featured_by", "wall_position", "pinned"]
    story.save(update_fields=fields)
    _wall_save(_wall_ids())
    log.info("curation: %s featured win %s", by, story.pk)
    return story


def _unfeature_fields(story):
    story.featured_at = story.featured_by = story.wall_position = None
    story.feature_note, story.pinned = "", False
    return ["featured_at", "featured_by", "wall_position", "feature_note", "pinned"]


@transaction.atomic
def story_unfeature(*, story, by=None):
    """Take `story` off the featured wall (and so out of the slideshow)."""
    if story.featured_at is None:
        return story
    story.save(update_fields=_unfeature_fields(story))
    _wall_save(_wall_ids())
    log.info("curation: %s unfeatured win %s", by, story.pk)
    return story


# The wall's order is Story.objects.featured(): pinned first, then
# wall_position. These keep positions dense (0, 1, 2 …) in that order.


def _wall_ids():
    """The wall's win ids in order, locked against a concurrent rearrangement."""
    return list(Story.objects.featured().select_for_update().values_list("pk", flat=True))


def _wall_save(ids):
    """Store `ids` (the whole wall, pinned first) as the order: write the
    positions that changed."""
    current = dict(Story.objects.filter(pk__in=ids).values_list("pk", "wall_position"))
    changed = [Story(pk=pk, wall_position=index) for index, pk in enumerate(ids) if current.get(pk) != index]
    if changed:
        Story.objects.bulk_update(changed, ["wall_position"])


def _on_the_wall(story, ids):
    if story.pk not in ids:
        raise CurationError("Only wins on the featured wall can be arranged. Feature it first.")


@transaction.atomic
def wall_move(*, story, direction):
    """Swap `story` with its neighbour on the wall ("up" = earlier). A pinned
    win stays first: nothing moves across it."""
    if direction not in ("up", "down"):
        raise CurationError("Move a win up or down.")
    ids = _wall_ids()
    _on_the_wall(story, ids)
    pinned = set(Story.objects.filter(pk__in=ids, pinned=True).values_list("pk", flat=True))
    here = ids.index(story.pk)
    there = here - 1 if direction == "up" else here + 1
    if 0 <= there < len(ids) and (ids[there] in pinned) == (story.pk in pinned):
        ids[here], ids[there] = ids[there], ids[here]
        _wall_save(ids)
    return ids


@transaction.atomic
def wall_reorder(*, ids):
    """Arrange the wall as dragged: the given wins take, in the given order,
    the places they held (so a page or a part of the wall can be reordered on
    its own). Unknown, repeated or unfeatured ids are ignored; a pinned win
    stays first. Returns the wall's new order."""
    wall = _wall_ids()
    on_wall = set(wall)
    given = list(dict.fromkeys(pk for pk in ids if pk in on_wall))
    slots = sorted(wall.index(pk) for pk in given)
    for slot, pk in zip(slots, given, strict=True):
        wall[slot] = pk
    pinned = set(Story.objects.filter(pk__in=wall, pinned=True).values_list("pk", flat=True))
    wall = [pk for pk in wall if pk in pinned] + [pk for pk in wall if pk not in pinned]
    _wall_save(wall)
    return wall


@transaction.atomic
def story_pin(*, story, pinned=True):
    """Pin `story` to the top of the wall (one pinned win at a time), or unpin
    it (it stays first until something moves above it)."""
    ids = _wall_ids()
    _on_the_wall(story, ids)
    if pinned:
        Story.objects.filter(pinned=True).exclude(pk=story.pk).update(pinned=False)
        ids.remove(story.pk)
        ids.insert(0, story.pk)
    story.pinned = pinned
    story.save(update_fields=["pinned"])
    _wall_save(ids)
    return story


def hide_clean_reason(reason):
    reason = text.one_line(reason)
    if not reason:
        raise CurationError("Give a reason for hiding this win. Its author will see it.")
    if len(reason) > HIDDEN_REASON_MAX:
        raise CurationError(f"Keep the reason to {HIDDEN_REASON_MAX} characters (it has {len(reason)}).")
    return reason


@transaction.atomic
def story_hide(*, story, by, reason):
    """Hide `story` from everyone but its author and managers, with a reason
    its author sees. It also leaves the featured wall and the review queue."""
    reason = hide_clean_reason(reason)
    now = timezone.now()
    was_featured = story.featured_at is not None
    story.hidden_at, story.hidden_by, story.hidden_reason = now, by, reason
    fields = ["hidden_at", "hidden_by", "hidden_reason"] + _mark_reviewed(story, by, now) + _unfeature_fields(story)
    story.save(update_fields=fields)
    if was_featured:
        _wall_save(_wall_ids())
    log.info("curation: %s hid win %s", by, story.pk)
    return story


@transaction.atomic
def story_unhide(*, story, by=None):
    story.hidden_at = story.hidden_by = None
    story.hidden_reason = ""
    story.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log.info("curation: %s unhid win %s", by, story.pk)
    return story


@transaction.atomic
def story_approve(*, story, by):
    """Mark `story` reviewed; a pending win is also published, and its author
    is told once (see stories.approval_notices) — unless it is hidden, when
    nobody but its author and managers sees it still."""
    fields = _mark_reviewed(story, by, timezone.now())
    if story.is_pending:
        story.status = Story.Status.PUBLISHED
        story.approval_notice_due = not story.is_hidden
        fields += ["status", "approval_notice_due"]
    story.save(update_fields=fields)
    log.info("curation: %s approved win %s", by, story.pk)
    return story


# --- slideshow (shown at all-hands, display links) ----------------------------


@transaction.atomic
def slideshow_mark_shown(*, stories, on=None):
    """Record that the wins of a deck were shown at an all-hands on `on` (today
    by default). Returns how many wins were marked."""
    from django.utils import timezone

    on = on or timezone.localdate()
    ids = list(stories.values_list("pk", flat=True))
    Story.objects.filter(pk__in=ids).update(shown_on=on)
    return len(ids)


@transaction.atomic
def display_link_create(*, name, query, by):
    """A new display link: an unguessable token (`new_display_token`) and the
    validated filters (a canonical slideshow query string). Raises
    BadSelection on bad filters."""
    from django.http import QueryDict

    from .models import DisplayLink
    from .slideshow import parse_selection

    query = parse_selection(QueryDict(query)).as_query()
    return DisplayLink.objects.create(name=name, query=query, created_by=by)


@transaction.atomic
def display_link_rename(*, link, name):
    link.name = name
    link.save(update_fields=["name"])
    return link


@transaction.atomic
def display_link_revoke(*, link):
    """Stop a display link at once (its screen gets 404 on its next request)."""
    from django.utils import timezone

    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def display_link_record_use(*, link, now=None, every_seconds=300):
    """Note when a screen last used its link — at most one UPDATE every few
    minutes per screen, so polling costs no writes."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import DisplayLink

    now = now or timezone.now()
    if link.last_used_at is None or now - link.last_used_at >= timedelta(seconds=every_seconds):
        DisplayLink.objects.filter(pk=link.pk).update(last_used_at=now)
        link.last_used_at = now
    return link
