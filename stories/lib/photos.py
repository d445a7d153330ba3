"""Photos: decoded fully with Pillow (never trusted by name or browser type),
turned upright, re-encoded without any metadata into two renditions made
once, at upload: `large` (~1920 px long edge, the story page and slideshow)
and `card` (~600 px, the feed). A JPEG is decoded once, in draft mode at the
smallest scale that still covers the large rendition; the card is made from
the large one. WebP at a low effort (see STACK.md: method 0–2 is several times
faster than the default and still smaller than JPEG). Profile photos
(`process_avatar`) go the same way, cropped to their centre square. Nothing
here touches the database.
"""

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext, gettext_noop
from PIL import Image, ImageCms, ImageDraw, features

from .media import MB, MediaError

PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
PHOTO_TYPES = gettext_noop("JPEG, PNG, WebP, GIF or HEIC")  # translated where it is shown: gettext(PHOTO_TYPES)
CARD_EDGE = 600
LARGE_EDGE = 1920
AVATAR_EDGE = 256  # profile photos: square
AVATAR_SMALL_EDGE = 64
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
        # Translators: why a file was refused; it follows the file's name or "This photo:" (lower case on purpose).
        raise MediaError(gettext("the file is empty."))
    if upload.size > max_photo_bytes():
        values = {"size": round(upload.size / MB), "limit": settings.WINSBOARD_MAX_PHOTO_MB}
        raise MediaError(gettext("it is %(size)s MB; photos can be up to %(limit)s MB.") % values)


def process_photo(fileobj, *, max_pixels=None):
    """Decode a photo fully and return its renditions, or raise MediaError.

    A decompression bomb, a truncated file, or anything that is not a JPEG,
    PNG, WebP, GIF (its first frame) or HEIC/HEIF is refused.
    """
    max_pixels = max_pixels or max_photo_pixels()
    with _opened(fileobj, max_pixels) as image:
        return _renditions(image, max_pixels)


@contextmanager
def _opened(fileobj, max_pixels):
    """The uploaded file opened as one of PHOTO_FORMATS; whatever goes wrong
    while it is open (a bomb, a truncated or hostile file) is a MediaError."""
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(fileobj, formats=PHOTO_FORMATS) as image:
                yield image
        except MediaError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise MediaError(_too_many_pixels(max_pixels)) from None
        except Exception:  # noqa: BLE001 - Pillow raises many kinds of error on hostile input
            raise MediaError(
                gettext("it isn't a complete %(types)s image.") % {"types": gettext(PHOTO_TYPES)}
            ) from None


def _too_many_pixels(max_pixels):
    return gettext("it has too many pixels (the limit is %(limit)s megapixels).") % {"limit": max_pixels // 1_000_000}


def _renditions(image, max_pixels):
    large = _upright(image, max_pixels, fit(image.size, LARGE_EDGE))
    card = resize(large, fit(large.size, CARD_EDGE))
    return Renditions(large=encode(large), card=encode(card))


def _upright(image, max_pixels, size, *, square=False):
    """The photo decoded, at `size` (its own proportions), turned upright, in
    sRGB; with `square`, its centre square of side min(size)."""
    width, height = image.size
    if width * height > max_pixels:
        raise MediaError(_too_many_pixels(max_pixels))
    if image.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale when that still covers `size`; the
        # size must be in the photo's own proportions.
        image.draft("RGB", size)
    image.load()  # the whole file: a truncated one fails here (LOAD_TRUNCATED_IMAGES stays off)
    orientation = _orientation(image)
    icc_profile = image.info.get("icc_profile")
    frame = _normalized(image)
    if square:
        side = min(frame.size)
        left, top = (frame.width - side) // 2, (frame.height - side) // 2
        frame = frame.crop((left, top, left + side, top + side))  # the centre: the same square once upright
        size = (min(size),) * 2
    picture = resize(frame, size)
    if orientation in _UPRIGHT:
        picture = picture.transpose(_UPRIGHT[orientation])  # on the small image: cheap
    return _to_srgb(picture, icc_profile)


def process_avatar(fileobj, *, max_pixels=None):
    """A profile photo: its centre square, decoded and re-encoded like any
    photo (upright, sRGB, no metadata), as `large` (AVATAR_EDGE px, the
    person page) and `card` (AVATAR_SMALL_EDGE px, next to names)."""
    max_pixels = max_pixels or max_photo_pixels()
    with _opened(fileobj, max_pixels) as image:
        scale = min(1.0, AVATAR_EDGE / min(image.size))
        covering = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        large = _upright(image, max_pixels, covering, square=True)
    small = resize(large, fit(large.size, AVATAR_SMALL_EDGE))
    return Renditions(large=encode(large), card=encode(small))


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
