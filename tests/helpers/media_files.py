"""Photos, videos and hostile files made in the tests (nothing is downloaded),
and helpers to look at what ended up in storage."""

import io
import struct
import zlib
from pathlib import Path

import av
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


def make_video(
    target=None,
    codec="libx264",
    container="mp4",
    seconds=1,
    size=(160, 120),
    *,
    rate=10,
    bit_rate=None,
    options=None,
    rotation=None,
    last_frame_at=None,
    noise=False,
):
    """A real video made with PyAV (a grey gradient with a red box moving
    across), written to `target` (a path or a file
    object) and returned as bytes. `rotation`: a display matrix as phones
    write it (counter-clockwise degrees). `last_frame_at`: put the last frame
    that many seconds in, to make a long clip cheaply. `noise`: a background
    of noise, which hardly compresses (to make a file of a given size)."""
    buffer = io.BytesIO() if target is None else target
    width, height = size
    count = max(1, round(seconds * rate))
    background = Image.linear_gradient("L").resize(size).convert("RGB")
    with av.open(buffer, "w", format=container) as output:
        stream = output.add_stream(codec, rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if bit_rate:
            stream.bit_rate = bit_rate
        if options:
            stream.options = options
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for index in range(count):
            image = Image.effect_noise(size, 100).convert("RGB") if noise else background.copy()
            left = index * width // count
            ImageDraw.Draw(image).rectangle((left, height // 4, left + width // 8, height // 2), fill=(230, 30, 30))
            frame = av.VideoFrame.from_image(image)
            frame.pts = round(last_frame_at * rate) if last_frame_at and index == count - 1 else index
            output.mux(stream.encode(frame))
        output.mux(stream.encode())
    if target is None:
        return buffer.getvalue()
    if isinstance(target, str | Path):
        return Path(target).read_bytes()
    target.seek(0)
    return target.read()


def audio_only_mp4(seconds=1):
    """An MP4 with an AAC sound track and no picture."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as output:
        stream = output.add_stream("aac", rate=44100, layout="mono")
        for index in range(round(seconds * 44100 / 1024)):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
            frame.planes[0].update(bytes(frame.planes[0].buffer_size))
            frame.sample_rate, frame.pts = 44100, index * 1024
            output.mux(stream.encode(frame))
        output.mux(stream.encode())
    return buffer.getvalue()


def with_undecodable_frames(mp4):
    """An MP4 whose headers are intact but whose picture data is noise."""
    data = bytearray(mp4)
    start = data.index(b"mdat") - 4
    size = struct.unpack(">I", data[start : start + 4])[0]
    data[start + 8 : start + size] = b"\xff" * (size - 8)
    return bytes(data)


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
