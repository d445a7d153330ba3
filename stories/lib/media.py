"""What every part of the media pipeline shares: the error a person sees,
stored-file names, and what the post/edit form asks the services to do.

Nothing here touches the database. The pipeline itself is in
`stories.lib.photos` (photos), `stories.lib.videos` (uploaded videos) and
`stories.lib.video_links` (YouTube, Vimeo and other hosted videos).
"""

import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

MB = 1024 * 1024
MAX_PHOTOS = 6


class MediaError(ValueError):
    """A file or link we won't accept, with a message for the person who sent it."""

    status = 400


class StorageError(MediaError):
    """The media store failed (unreachable, refused): nothing was saved."""

    status = 503


class StorageFull(StorageError):
    """The media store has no room left: nothing was saved."""

    status = 507


STORAGE_FULL = gettext_lazy(
    "There is no room left to store photos and videos just now, so nothing was saved. Your text is still here: "
    "try again later (or without the files), and please tell whoever runs Winsboard."
)
STORAGE_FAILED = gettext_lazy(
    "Your photos and video could not be stored just now, so nothing was saved. Your text is still here: "
    "try again in a moment."
)


def file_label(name, limit=80):
    """A user's file name made safe to show: no folders, no control or
    direction-changing characters, not too long. Never used on disk."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    name = " ".join(name.split()) or gettext("unnamed file")
    return name if len(name) <= limit else name[: limit - 1] + "…"


def new_name(folder, extension):
    """A generated, unguessable storage name (never the user's file name)."""
    return f"{folder}/{secrets.token_urlsafe(24)}.{extension}"


# Only names of this shape are ever served (see stories.views.media).
STORED_NAME = re.compile(r"(photos|posters|videos|avatars)/[A-Za-z0-9_-]{32,64}\.(webp|jpg|mp4|webm|mov)")
CONTENT_TYPES = {
    "webp": "image/webp",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
    "webm": "video/webm",
    "mov": "video/quicktime",
}


@dataclass(frozen=True)
class NewPhoto:
    renditions: object  # stories.lib.photos.Renditions
    alt_text: str
    position: int
    original_name: str = ""


@dataclass
class MediaChanges:
    """What the post/edit form asks for (stories.forms.media); the services
    (stories.services.media) apply it."""

    new_photos: list = field(default_factory=list)  # [NewPhoto]
    photo_edits: dict = field(default_factory=dict)  # photo id → (alt text, position)
    removed_photo_ids: set = field(default_factory=set)
    video_upload: object = None  # an UploadedFile, already sniffed
    video_kind: object = None  # its stories.lib.videos.VideoKind
    video_link: tuple | None = None  # (provider, id)
    remove_video: bool = False
