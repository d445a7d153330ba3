"""Uploaded videos: the container is sniffed from its bytes (`filetype`);
then the container and codec are checked against an allow-list, the
duration read and a poster frame made (through the photo pipeline).
Nothing here touches the database.
"""

import io
import json
import math
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.files.storage import default_storage

from .media import MB, MediaError
from .photos import Renditions, neutral_poster, process_photo

VIDEO_TYPES_TEXT = "MP4, WebM or MOV"
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
PROBE_TIMEOUT = 30
POSTER_TIMEOUT = 60


@dataclass(frozen=True)
class VideoKind:
    extension: str
    content_type: str


def max_video_bytes():
    return settings.WINSBOARD_MAX_VIDEO_MB * MB


def sniff_video(upload):
    """The kind of an uploaded video, by its first bytes; MediaError otherwise."""
    if upload.size == 0:
        raise MediaError("the file is empty.")
    if upload.size > max_video_bytes():
        raise MediaError(f"it is {upload.size / MB:.0f} MB; videos can be up to {settings.WINSBOARD_MAX_VIDEO_MB} MB.")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in VIDEO_KINDS:
        raise MediaError(f"it isn't an {VIDEO_TYPES_TEXT} video.")
    extension, _, content_type = VIDEO_KINDS[kind.mime]
    return VideoKind(extension=extension, content_type=content_type)


@dataclass(frozen=True)
class VideoReport:
    """What processing found: the duration (None when unknown) and a poster."""

    duration: float | None
    poster: Renditions


def ffmpeg_tools():
    """(ffprobe, ffmpeg) when both are installed, else None."""
    ffprobe, ffmpeg = shutil.which("ffprobe"), shutil.which("ffmpeg")
    return (ffprobe, ffmpeg) if ffprobe and ffmpeg else None


def examine_video(name, content_type):
    """Check a stored video and make its poster. Raises MediaError with a
    reason for its author when ffprobe finds it unusable."""
    tools = ffmpeg_tools()
    if tools is None:
        return VideoReport(duration=None, poster=neutral_poster())
    ffprobe, ffmpeg = tools
    demuxer = DEMUXERS.get(content_type, "mov")
    with local_copy(name) as path:
        duration = probe_video(path, demuxer=demuxer, ffprobe=ffprobe)
        frame = poster_frame(path, demuxer=demuxer, ffmpeg=ffmpeg, duration=duration)
    try:
        poster = process_photo(io.BytesIO(frame)) if frame else neutral_poster()
    except MediaError:
        poster = neutral_poster()
    return VideoReport(duration=duration, poster=poster)


@contextmanager
def local_copy(name):
    """A stored file copied to a private temporary folder (ffmpeg needs a
    path; the storage may be an object store)."""
    with tempfile.TemporaryDirectory(prefix="winsboard-video-") as folder:
        path = Path(folder) / "video"
        with default_storage.open(name, "rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        yield path


def _run(command, timeout):
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603 - a list, no shell
    except subprocess.TimeoutExpired:
        raise MediaError("reading the video took too long. Try a shorter video.") from None
    except OSError:
        raise MediaError("the video could not be read on the server.") from None


def probe_video(path, *, demuxer, ffprobe):
    """The duration in seconds (None when unknown), after checking the
    container and the video codec against the allow-lists."""
    command = [
        ffprobe,
        *("-v", "error", "-protocol_whitelist", "file", "-f", demuxer),
        *("-show_entries", "format=format_name,duration:stream=codec_type,codec_name,width,height"),
        *("-show_entries", "stream_disposition=attached_pic", "-of", "json"),
        "--",
        f"file:{path}",
    ]
    done = _run(command, PROBE_TIMEOUT)
    try:
        info = json.loads(done.stdout) if done.returncode == 0 else None
    except ValueError:
        info = None
    if not isinstance(info, dict):
        raise MediaError(f"it couldn't be read as a video. It may be damaged, or not really {VIDEO_TYPES_TEXT}.")
    formats = set(str(info.get("format", {}).get("format_name", "")).split(","))
    if not formats & VIDEO_FORMATS:
        raise MediaError(f"it isn't an {VIDEO_TYPES_TEXT} video.")
    streams = [
        stream
        for stream in info.get("streams", [])
        if stream.get("codec_type") == "video" and not stream.get("disposition", {}).get("attached_pic")
    ]
    if not streams:
        raise MediaError("it has no picture (only sound?).")
    codec = str(streams[0].get("codec_name", ""))
    if codec not in VIDEO_CODECS:
        raise MediaError(
            f"it uses the {codec or 'unknown'} video format, which browsers can't play. "
            f"Export it as {', '.join(list(VIDEO_CODECS.values())[:-1])} or {list(VIDEO_CODECS.values())[-1]} "
            "(a phone's default is fine)."
        )
    width, height = int(streams[0].get("width") or 0), int(streams[0].get("height") or 0)
    if width * height > MAX_VIDEO_PIXELS:
        raise MediaError("its picture is larger than 8K. Export it at 4K or less.")
    try:
        duration = float(info.get("format", {}).get("duration"))
    except (TypeError, ValueError):
        return None
    return duration if math.isfinite(duration) and duration >= 0 else None


def poster_frame(path, *, demuxer, ffmpeg, duration):
    """One frame as PNG bytes (a second in, or earlier for a short video), or b""."""
    for at in (min(1.0, (duration or 0) / 3), 0.0):
        command = [
            ffmpeg,
            *("-nostdin", "-v", "error", "-protocol_whitelist", "file", "-f", demuxer, "-ss", f"{at:.3f}"),
            *("-i", f"file:{path}", "-frames:v", "1", "-an", "-f", "image2pipe", "-c:v", "png", "-"),
        ]
        try:
            done = _run(command, POSTER_TIMEOUT)
        except MediaError:
            return b""
        if done.returncode == 0 and done.stdout:
            return done.stdout
    return b""
