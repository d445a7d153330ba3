"""Uploaded videos: the container is sniffed from its bytes (`filetype`);
then, in a sandboxed child process (`stories.lib.video_probe`: PyAV, with the
FFmpeg its wheels bundle), the container, codec, picture size and duration
are checked against allow-lists and a poster frame is taken (through the
photo pipeline). Nothing here touches the database.
"""

import io
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext, gettext_noop, ngettext

from . import video_probe
from .media import MB, MediaError
from .photos import LARGE_EDGE, Renditions, neutral_poster, process_photo
from .video_links import video_hosts_text

VIDEO_TYPES_TEXT = gettext_noop("MP4, WebM or MOV")  # translated where it is shown: gettext(VIDEO_TYPES_TEXT)
# filetype's type → (our extension, the ffmpeg demuxer we force, the content type we serve)
VIDEO_KINDS = {
    "video/mp4": ("mp4", "mov", "video/mp4"),
    "video/x-m4v": ("mp4", "mov", "video/mp4"),
    "video/quicktime": ("mov", "mov", "video/quicktime"),
    "video/webm": ("webm", "matroska", "video/webm"),
}
DEMUXERS = {content_type: demuxer for _, demuxer, content_type in VIDEO_KINDS.values()}
VIDEO_FORMATS = {"mov", "mp4", "matroska", "webm"}
VIDEO_CODECS = {"h264": "H.264", "hevc": "HEVC", "vp8": "VP8", "vp9": "VP9", "av1": "AV1"}
MAX_VIDEO_PIXELS = 8192 * 4320
MAX_VIDEO_SECONDS = 2 * 60 * 60  # a sanity cap: a win's video is a clip, not a film


@dataclass(frozen=True)
class VideoKind:
    extension: str
    content_type: str


def max_video_bytes():
    return settings.WINSBOARD_MAX_VIDEO_MB * MB


def sniff_video(upload):
    """The kind of an uploaded video, by its first bytes; MediaError otherwise."""
    if upload.size == 0:
        raise MediaError(gettext("the file is empty."))
    if upload.size > max_video_bytes():
        values = {"size": round(upload.size / MB), "limit": settings.WINSBOARD_MAX_VIDEO_MB}
        raise MediaError(gettext("it is %(size)s MB; videos can be up to %(limit)s MB.") % values)
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in VIDEO_KINDS:
        raise MediaError(_not_a_video())
    extension, _, content_type = VIDEO_KINDS[kind.mime]
    return VideoKind(extension=extension, content_type=content_type)


@dataclass(frozen=True)
class VideoReport:
    """What processing found: the duration (None when unknown) and a poster."""

    duration: float | None
    poster: Renditions


def examine_video(name, content_type):
    """Check a stored video and make its poster, in a sandboxed child process.
    Raises MediaError with a reason for its author when the video is unusable."""
    with local_copy(name) as path:
        try:
            found = video_probe.probe(
                path,
                demuxer=DEMUXERS.get(content_type, "mov"),
                formats=VIDEO_FORMATS,
                codecs=VIDEO_CODECS,
                max_pixels=MAX_VIDEO_PIXELS,
                max_seconds=MAX_VIDEO_SECONDS,
                poster_edge=LARGE_EDGE,
            )
        except video_probe.Rejected as rejected:
            raise MediaError(_video_problem(rejected)) from None
    try:
        poster = process_photo(io.BytesIO(found.poster_png)) if found.poster_png else neutral_poster()
    except MediaError:
        poster = neutral_poster()
    return VideoReport(duration=found.duration, poster=poster)


def _not_a_video():
    return gettext("it isn't an %(types)s video.") % {"types": gettext(VIDEO_TYPES_TEXT)}


def _video_problem(rejected):
    """What to tell the author of a video the probe rejected."""
    reason = rejected.reason
    if reason == video_probe.CONTAINER:
        return _not_a_video()
    if reason == video_probe.NO_VIDEO:
        return gettext("it has no picture (only sound?).")
    if reason == video_probe.CODEC:
        codecs = list(VIDEO_CODECS.values())
        values = {"format": rejected.detail or gettext("unknown"), "codecs": ", ".join(codecs[:-1]), "last": codecs[-1]}
        # Translators: %(format)s is a video format's name; %(codecs)s and %(last)s name the ones browsers play.
        return (
            gettext(
                "it uses the %(format)s video format, which browsers can't play. "
                "Export it as %(codecs)s or %(last)s (a phone's default is fine)."
            )
            % values
        )
    if reason == video_probe.TOO_LARGE:
        return gettext("its picture is larger than 8K. Export it at 4K or less.")
    if reason == video_probe.TOO_LONG:
        hours = MAX_VIDEO_SECONDS // 3600
        return ngettext(
            "it is longer than %(hours)s hour. Upload a shorter clip, or share a link to it on %(hosts)s.",
            "it is longer than %(hours)s hours. Upload a shorter clip, or share a link to it on %(hosts)s.",
            hours,
        ) % {"hours": hours, "hosts": video_hosts_text()}
    if reason == video_probe.TOO_SLOW:
        return gettext("reading the video took too long. Try a shorter video.")
    if reason == video_probe.MEMORY:
        return gettext("reading the video needed more memory than the server allows. Try a shorter or smaller video.")
    if reason == video_probe.SERVER:
        return gettext("the video could not be read on the server.")
    # UNREADABLE, CRASHED: FFmpeg could not make sense of it (or died trying).
    return gettext("it couldn't be read as a video. It may be damaged, or not really %(types)s.") % {
        "types": gettext(VIDEO_TYPES_TEXT)
    }


@contextmanager
def local_copy(name):
    """A stored file copied to a private temporary folder (FFmpeg needs a
    path; the storage may be an object store)."""
    with tempfile.TemporaryDirectory(prefix="winsboard-video-") as folder:
        path = Path(folder) / "video"
        with default_storage.open(name, "rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        yield path
