"""Photos, videos and hostile files made in the tests (nothing is downloaded),
and helpers to look at what ended up in storage."""

import io
import shutil
import struct
import subprocess
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

EXIF_ORIENTATION = 0x0112
EXIF_GPS_IFD = 0x8825


def photo(width=80, height=60, *, color=(200, 40, 40), marker=(20, 60, 220)):
    """An RGB image whose top-left quarter is `marker` (to check rotation)."""
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((0, 0, width // 2 - 1, height // 2 - 1), fill=marker)
    return image


def encoded(image, fmt="JPEG", **params):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def jpeg(width=80, height=60, **params):
    return encoded(photo(width, height), "JPEG", quality=90, **params)


def jpeg_with_gps_and_rotation(width=80, height=60):
    """A landscape JPEG whose EXIF says "rotate 90° clockwise" (orientation 6)
    and carries GPS coordinates, a camera model and a comment."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    exif[0x0110] = "Spy camera 3000"  # Model
    gps = exif.get_ifd(EXIF_GPS_IFD)
    gps.update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    return encoded(photo(width, height), "JPEG", quality=90, exif=exif.tobytes(), comment=b"secret note")


def cmyk_jpeg():
    return encoded(Image.new("CMYK", (64, 48), (0, 200, 200, 0)), "JPEG")


def png_16_bit():
    gradient = Image.linear_gradient("L").resize((64, 64)).convert("I").point(lambda value: value * 256)
    return encoded(gradient.convert("I;16"), "PNG")


def animated_gif():
    frames = [Image.new("P", (40, 30), index * 40) for index in range(3)]
    return encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def heic():
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encoded(photo(64, 48), "HEIF", quality=80)


def truncated_jpeg():
    data = encoded(Image.effect_noise((400, 300), 40).convert("RGB"), "JPEG", quality=90)
    return data[: len(data) // 2]


def decompression_bomb_png(side=20_000):
    """A tiny PNG that claims side×side pixels (400 MP at the default)."""
    return png_from_rows(side, side, b"")


def png_from_rows(width, height, raw_rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw_rows)) + chunk(b"IEND", b"")


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
POLYGLOT = b"GIF89a/*" + b"\x00" * 8 + b"*/=1;" + HTML  # a GIF header, then a page
ZIP = b"PK\x03\x04" + b"\x14\x00" * 12 + b"clip.mp4" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00" + b"\x00" * 100


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def ffmpeg_video(folder, name, codec_args):
    path = folder / name
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10"]
    subprocess.run([*command, *codec_args, str(path)], check=True, timeout=60)
    return path.read_bytes()


def ffmpeg_available():
    return bool(shutil.which("ffmpeg") and shutil.which("ffprobe"))


def stored_files(storage, folder=""):
    """Every file name in `storage` (through the storage API)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files]
    for sub in folders:
        names += stored_files(storage, prefix + sub)
    return sorted(names)


def opened(storage, name):
    with storage.open(name, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image
