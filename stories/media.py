"""The media pipeline. Nothing here touches the database.

Photos: decoded fully with Pillow (never trusted by name or browser type),
turned upright, re-encoded without any metadata into two renditions made
once, at upload: `large` (~1920 px long edge, the story page and slideshow)
and `card` (~600 px, the feed). A JPEG is decoded once, in draft mode at the
smallest scale that still covers the large rendition; the card is made from
the large one. WebP at a low effort (see STACK.md: method 0–2 is several times
faster than the default and still smaller than JPEG).

Videos: the container is sniffed from its bytes (`filetype`); then, in a
sandboxed child process (`stories.lib.video_probe`: PyAV, with the FFmpeg its
wheels bundle), the container, codec, picture size and duration are checked
against allow-lists and a poster frame is taken (through the photo pipeline).

Hosted videos: a link is parsed with `urllib` against allow-listed hosts into
(provider, id); the embed address is always built here, never taken from
the user.
"""

import io
import re
import secrets
import shutil
import tempfile
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import filetype
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageDraw, features

from .lib import video_probe

MB = 1024 * 1024


class MediaError(ValueError):
    """A file or link we won't accept, with a message for the person who sent it."""


def display_name(name, limit=80):
    """A user's file name made safe to show: no folders, no control or
    direction-changing characters, not too long. Never used on disk."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    name = " ".join(name.split()) or "unnamed file"
    return name if len(name) <= limit else name[: limit - 1] + "…"


def new_name(folder, extension):
    """A generated, unguessable storage name (never the user's file name)."""
    return f"{folder}/{secrets.token_urlsafe(24)}.{extension}"


# Only names of this shape are ever served (see stories.views.media).
STORED_NAME = re.compile(r"(photos|posters|videos)/[A-Za-z0-9_-]{32,64}\.(webp|jpg|mp4|webm|mov)")
CONTENT_TYPES = {
    "webp": "image/webp",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
    "webm": "video/webm",
    "mov": "video/quicktime",
}


# --- photos -------------------------------------------------------------------

PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
PHOTO_TYPES = "JPEG, PNG, WebP, GIF or HEIC"
CARD_EDGE = 600
LARGE_EDGE = 1920
WEBP_OPTIONS = {"quality": 80, "method": 0}  # effort 0: ~5× faster than the default 4, a few % bigger
JPEG_OPTIONS = {"quality": 82, "progressive": True}
_ORIENTATION_TAG = 0x0112
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int
    extension: str


@dataclass(frozen=True)
class Renditions:
    large: Rendition
    card: Rendition


def max_photo_bytes():
    return settings.WINSBOARD_MAX_PHOTO_MB * MB


def max_photo_pixels():
    return settings.WINSBOARD_MAX_PHOTO_MEGAPIXELS * 1_000_000


def check_photo_size(upload):
    if upload.size == 0:
        raise MediaError("the file is empty.")
    if upload.size > max_photo_bytes():
        raise MediaError(f"it is {upload.size / MB:.0f} MB; photos can be up to {settings.WINSBOARD_MAX_PHOTO_MB} MB.")


def process_photo(fileobj, *, max_pixels=None):
    """Decode a photo fully and return its renditions, or raise MediaError.

    A decompression bomb, a truncated file, or anything that is not a JPEG,
    PNG, WebP, GIF (its first frame) or HEIC/HEIF is refused.
    """
    max_pixels = max_pixels or max_photo_pixels()
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(fileobj, formats=PHOTO_FORMATS) as image:
                return _renditions(image, max_pixels)
        except MediaError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise MediaError(_too_many_pixels(max_pixels)) from None
        except Exception:  # noqa: BLE001 - Pillow raises many kinds of error on hostile input
            raise MediaError(f"it isn't a complete {PHOTO_TYPES} image.") from None


def _too_many_pixels(max_pixels):
    return f"it has too many pixels (the limit is {max_pixels // 1_000_000} megapixels)."


def _renditions(image, max_pixels):
    width, height = image.size
    if width * height > max_pixels:
        raise MediaError(_too_many_pixels(max_pixels))
    large_size = fit(image.size, LARGE_EDGE)
    if image.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale when that still covers the large
        # rendition; the size must be in the photo's own proportions.
        image.draft("RGB", large_size)
    image.load()  # the whole file: a truncated one fails here (LOAD_TRUNCATED_IMAGES stays off)
    orientation = _orientation(image)
    icc_profile = image.info.get("icc_profile")
    frame = _normalized(image)
    large = resize(frame, large_size)
    if orientation in _UPRIGHT:
        large = large.transpose(_UPRIGHT[orientation])  # on the small image: cheap
    large = _to_srgb(large, icc_profile)
    card = resize(large, fit(large.size, CARD_EDGE))
    return Renditions(large=encode(large), card=encode(card))


def fit(size, edge):
    """`size` scaled down (never up) so its long edge is at most `edge`."""
    width, height = size
    scale = min(1.0, edge / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def resize(image, size):
    """Hamming (a windowed sinc made for downscaling: sharper than bilinear, at
    its cost — about half of Lanczos), after a box reduction where the scale
    allows it (reducing_gap 2: indistinguishable from a fair resample)."""
    if image.size == size:
        return image
    return image.resize(size, Image.Resampling.HAMMING, reducing_gap=2.0)


def _orientation(image):
    if image.format == "HEIF":
        return 1  # pillow-heif has already turned it upright
    try:
        return int(image.getexif().get(_ORIENTATION_TAG, 1))
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the rotation
        return 1


def _normalized(image):
    """A mode the resizer and colour management handle: RGB(A), L or CMYK."""
    if image.mode in ("RGB", "RGBA", "L", "CMYK"):
        return image
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")  # 16 → 8 bits
    if image.mode == "F":
        return image.convert("L")
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


@lru_cache(maxsize=1)
def _srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image, icc_profile):
    """RGB(A) in sRGB: phone photos are often Display P3, print files CMYK.
    The profile itself is not kept (no metadata is)."""
    mode = "RGBA" if image.mode == "RGBA" else "RGB"
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source, _srgb_profile(), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: fall back to a plain conversion
    return image if image.mode == mode else image.convert(mode)


def encode(image):
    """WebP (JPEG where this Pillow has no WebP), with no metadata at all."""
    image.info = {}
    buffer = io.BytesIO()
    if features.check("webp"):
        image.save(buffer, "WEBP", **WEBP_OPTIONS)
        extension = "webp"
    else:
        if image.mode != "RGB":
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
            image = flat
        image.save(buffer, "JPEG", **JPEG_OPTIONS)
        extension = "jpg"
    return Rendition(data=buffer.getvalue(), width=image.width, height=image.height, extension=extension)


@lru_cache(maxsize=1)
def neutral_poster():
    """The poster of a video we could not take a frame from: a quiet play sign."""
    image = Image.new("RGB", (1280, 720), "#17324d")
    draw = ImageDraw.Draw(image)
    draw.ellipse((520, 240, 760, 480), outline="#ffc107", width=14)
    draw.polygon([(605, 295), (605, 425), (705, 360)], fill="#ffc107")
    return Renditions(large=encode(image), card=encode(resize(image, fit(image.size, CARD_EDGE))))


# --- uploaded videos ----------------------------------------------------------

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


def _video_problem(rejected):
    """What to tell the author of a video the probe rejected."""
    reason = rejected.reason
    if reason == video_probe.CONTAINER:
        return f"it isn't an {VIDEO_TYPES_TEXT} video."
    if reason == video_probe.NO_VIDEO:
        return "it has no picture (only sound?)."
    if reason == video_probe.CODEC:
        return (
            f"it uses the {rejected.detail or 'unknown'} video format, which browsers can't play. "
            f"Export it as {', '.join(list(VIDEO_CODECS.values())[:-1])} or {list(VIDEO_CODECS.values())[-1]} "
            "(a phone's default is fine)."
        )
    if reason == video_probe.TOO_LARGE:
        return "its picture is larger than 8K. Export it at 4K or less."
    if reason == video_probe.TOO_LONG:
        return (
            f"it is longer than {MAX_VIDEO_SECONDS // 3600} hours. "
            f"Upload a shorter clip, or share a link to it on {video_hosts_text()}."
        )
    if reason == video_probe.TOO_SLOW:
        return "reading the video took too long. Try a shorter video."
    if reason == video_probe.MEMORY:
        return "reading the video needed more memory than the server allows. Try a shorter or smaller video."
    if reason == video_probe.SERVER:
        return "the video could not be read on the server."
    # UNREADABLE, CRASHED: FFmpeg could not make sense of it (or died trying).
    return f"it couldn't be read as a video. It may be damaged, or not really {VIDEO_TYPES_TEXT}."


@contextmanager
def local_copy(name):
    """A stored file copied to a private temporary folder (FFmpeg needs a
    path; the storage may be an object store)."""
    with tempfile.TemporaryDirectory(prefix="winsboard-video-") as folder:
        path = Path(folder) / "video"
        with default_storage.open(name, "rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        yield path


# --- hosted videos ------------------------------------------------------------

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,20}")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,32}")  # the privacy hash of an unlisted video
# What we store for a Vimeo video: its id, and for an unlisted one ":" and its hash.
_VIMEO_REF = re.compile(r"(?P<id>[0-9]{1,20})(?::(?P<hash>[0-9a-f]{6,32}))?")
_OTHER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_LINK_LENGTH = 500


def video_host_names():
    return ["YouTube", "Vimeo", *(host["host"] for host in settings.WINSBOARD_VIDEO_HOSTS)]


def video_hosts_text():
    """ "YouTube or Vimeo" (and the hosts added in settings)."""
    names = video_host_names()
    return ", ".join(names[:-1]) + " or " + names[-1]


def parse_video_link(text):
    """(provider, id) for a link to one video on an allow-listed host, or MediaError."""
    link = str(text).strip()
    if len(link) > MAX_LINK_LENGTH or any(ch.isspace() or not ch.isprintable() or ch == "\\" for ch in link):
        raise MediaError("That doesn't look like a video link. Copy the video's address and paste it here.")
    parts = urlsplit(link)
    if parts.scheme.lower() != "https":
        raise MediaError(f"Use the video's https:// link from {video_hosts_text()}.")
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None or port not in (None, 443):
        raise MediaError(f"Only links to {video_hosts_text()} can be shown.")
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    if host in YOUTUBE_HOSTS or host == "youtu.be":
        provider, pattern, video_id = "youtube", _YOUTUBE_ID, _youtube_id(host, segments, query)
    elif host in VIMEO_HOSTS:
        provider, pattern, video_id = "vimeo", _VIMEO_REF, _vimeo_ref(segments, query)
    else:
        extra = next((entry for entry in settings.WINSBOARD_VIDEO_HOSTS if entry["host"] == host), None)
        if extra is None:
            raise MediaError(f"Only links to {video_hosts_text()} can be shown. Or upload the video file instead.")
        provider, pattern = extra["provider"], _OTHER_ID
        video_id = query.get("v", [segments[-1] if segments else ""])[0]
    if not pattern.fullmatch(video_id):
        raise MediaError("That link doesn't point to one video. Open the video and copy its address (or Share → Copy).")
    return provider, video_id


def _youtube_id(host, segments, query):
    if host == "youtu.be":
        return segments[0] if len(segments) == 1 else ""
    if segments == ["watch"]:
        return query.get("v", [""])[0]
    if len(segments) == 2 and segments[0] in ("shorts", "embed", "live", "v"):
        return segments[1]
    return ""


def _vimeo_ref(segments, query):
    """ "id", or "id:hash" for an unlisted video (vimeo.com/ID/HASH or
    player.vimeo.com/video/ID?h=HASH): without its hash it will not play."""
    if len(segments) == 2 and _VIMEO_ID.fullmatch(segments[0]) and _VIMEO_HASH.fullmatch(segments[1]):
        return f"{segments[0]}:{segments[1]}"
    digits = [segment for segment in segments if _VIMEO_ID.fullmatch(segment)]
    if not digits:
        return ""
    private = query.get("h", [""])[0]
    return f"{digits[-1]}:{private}" if _VIMEO_HASH.fullmatch(private) else digits[-1]


def embed_url(video):
    """The privacy-friendly player address for a hosted video, built from
    its (provider, id) — "" if they are not valid."""
    provider, video_id = video.provider, video.external_id
    if provider == "youtube" and _YOUTUBE_ID.fullmatch(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?rel=0"
    vimeo = _VIMEO_REF.fullmatch(video_id) if provider == "vimeo" else None
    if vimeo:
        private = f"h={vimeo['hash']}&" if vimeo["hash"] else ""
        return f"https://player.vimeo.com/video/{vimeo['id']}?{private}dnt=1"
    for entry in settings.WINSBOARD_VIDEO_HOSTS:
        if entry["provider"] == provider and _OTHER_ID.fullmatch(video_id):
            return entry["embed"].replace("{id}", quote(video_id, safe=""))
    return ""
