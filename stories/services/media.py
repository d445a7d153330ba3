"""Photos and videos: storing what the pipeline made, attaching it to a win,
and deleting files once their rows are gone.

Photo work (decoding, renditions) is done by the form before any of these run
(`stories.lib.photos`); files are written to storage before the transaction
opens (so the write lock is held briefly) and removed again if anything
fails; files of deleted rows are removed once the deletion commits.
"""

import logging
from contextlib import contextmanager
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import ngettext

from .. import tasks
from ..lib.faults import disk_full
from ..lib.media import MAX_PHOTOS, STORAGE_FAILED, STORAGE_FULL, MediaError, StorageError, StorageFull, new_name
from ..models import Photo, Video
from .changes import wins_changed

log = logging.getLogger(__name__)
VIDEO_FILES = ("file", "poster", "poster_card")


def stories_file_names(stories):
    """Every stored file the wins of the queryset `stories` own (photo
    renditions, video, poster), in two queries however many wins."""
    photos = Photo.objects.filter(story__in=stories.values("pk")).values_list("large", "card")
    videos = Video.objects.filter(story__in=stories.values("pk")).values_list(*VIDEO_FILES)
    return [name for row in [*photos, *videos] for name in row if name]


def storage_delete_on_commit(names):
    def _delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(_delete, robust=True)  # a storage hiccup is logged, not a 500 after commit


@transaction.atomic
def photo_delete(*, photo):
    """Remove a photo; its renditions go once the deletion commits."""
    storage_delete_on_commit([name for name in (photo.large.name, photo.card.name) if name])
    photo.delete()
    wins_changed([photo.story_id])


@transaction.atomic
def video_delete(*, video):
    """Remove a win's video; its file and poster go once the deletion commits."""
    videos_delete(videos=Video.objects.filter(pk=video.pk))


@transaction.atomic
def videos_delete(*, videos):
    """Remove the videos of the queryset `videos` (the admin's bulk delete):
    their files and posters go once the deletion commits; a constant number
    of queries however many."""
    rows = list(videos.values_list("story_id", *VIDEO_FILES))
    storage_delete_on_commit([name for _story, *names in rows for name in names if name])
    Video.objects.filter(pk__in=videos.values("pk")).delete()
    wins_changed([story for story, *_names in rows])


def video_ready(*, video, report):
    """Give a processed video its poster and duration and mark it ready.
    Returns False (and keeps no file) if the video changed meanwhile."""
    large, card = report.poster.large, report.poster.card
    try:
        with files_removed_on_error() as save:
            poster = save(new_name("posters", large.extension), ContentFile(large.data))
            poster_card = save(new_name("posters", card.extension), ContentFile(card.data))
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
                wins_changed([video.story_id])
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
    if updated:
        wins_changed([video.story_id])
    return bool(updated)


class _VideoGone(Exception):
    pass


@contextmanager
def files_removed_on_error():
    """Yields `save(name, content)`, which writes to storage; every file
    written — or begun: a write that fails half-way (a full disk) leaves a
    fragment — is deleted again if the block raises. A failed write becomes
    StorageFull or StorageError, with a message for the person posting."""
    saved = []

    def save(name, content):
        name = default_storage.get_available_name(default_storage.generate_filename(name))
        saved.append(name)  # before writing: a fragment left by a failed write is removed too
        try:
            stored = default_storage.save(name, content)
        except Exception as error:  # noqa: BLE001 - any storage failure: nothing is saved, the person is told
            log.exception("Could not store %s", name)
            raise (StorageFull(STORAGE_FULL) if disk_full(error) else StorageError(STORAGE_FAILED)) from error
        if stored != name:
            saved.append(stored)
        return stored

    try:
        yield save
    except BaseException:
        for name in saved:
            try:
                default_storage.delete(name)
            except Exception:  # noqa: BLE001 - keep the first error; sweep_media gets the rest
                log.exception("Could not remove %s after a failed save", name)
        raise


def store_new_media(changes, save):
    photos = []
    for new in changes.new_photos:
        large, card = new.renditions.large, new.renditions.card
        photos.append(
            Photo(
                alt_text=new.alt_text,
                position=new.position,
                original_name=new.original_name[:120],
                large=save(new_name("photos", large.extension), ContentFile(large.data)),
                large_width=large.width,
                large_height=large.height,
                card=save(new_name("photos", card.extension), ContentFile(card.data)),
                card_width=card.width,
                card_height=card.height,
            )
        )
    video = None
    if changes.video_upload is not None:
        changes.video_upload.seek(0)
        kind = changes.video_kind
        name = save(new_name("videos", kind.extension), changes.video_upload)
        video = Video(provider=Video.Provider.UPLOAD, file=name, content_type=kind.content_type)
    elif changes.video_link is not None:
        provider, external_id = changes.video_link
        video = Video(provider=provider, external_id=external_id, status=Video.Status.READY)
    return photos, video


def apply_media(story, changes, new_photos, new_video):
    wins_changed(story)
    kept = {photo.pk: photo for photo in Photo.objects.filter(story=story)}
    for pk in changes.removed_photo_ids & kept.keys():
        photo_delete(photo=kept.pop(pk))
    for pk, (alt_text, position) in changes.photo_edits.items():
        if pk in kept:
            kept[pk].alt_text, kept[pk].position = alt_text, position
    if len(kept) + len(new_photos) > MAX_PHOTOS:
        raise MediaError(
            ngettext(
                "A win can have up to %(count)s photo. Remove some first.",
                "A win can have up to %(count)s photos. Remove some first.",
                MAX_PHOTOS,
            )
            % {"count": MAX_PHOTOS}
        )
    for photo in new_photos:
        photo.story = story
    ordered = sorted([*kept.values(), *new_photos], key=lambda photo: photo.position)  # stable: ties keep order
    for index, photo in enumerate(ordered):
        photo.position = index
    Photo.objects.bulk_update(kept.values(), ["alt_text", "position"])
    Photo.objects.bulk_create(new_photos)
    if changes.remove_video or new_video is not None:
        videos_delete(videos=Video.objects.filter(story=story))
    if new_video is not None:
        new_video.story = story
        new_video.save()
        if new_video.provider == Video.Provider.UPLOAD:
            transaction.on_commit(partial(tasks.process_video.enqueue, new_video.pk))
