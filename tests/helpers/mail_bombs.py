"""Hostile e-mails, made in the test: too large, too many attachments,
MIME bombs (deep nesting, thousands of parts), malformed headers, and a
decompression bomb (a small PNG of a huge canvas)."""

import base64
import io
import struct
import zlib

from PIL import Image

FROM = b"From: Sam Okafor <sam@example.com>\nTo: wins+TOKEN@wins.example.com\n"
TAIL = b"Subject: Fwd: thanks\nMIME-Version: 1.0\n"


def message_with(*, headers, body=b"Thanks!\n", content_type=b"text/plain; charset=utf-8"):
    return headers + b"Content-Type: " + content_type + b"\n\n" + body


def small_png(size=(200, 150)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _multipart(parts, boundary=b"b0"):
    body = b"".join(b"--" + boundary + b"\n" + part + b"\n" for part in parts) + b"--" + boundary + b"--\n"
    return body


def _image_part(data, name=b"photo.png", kind=b"image/png"):
    encoded = base64.encodebytes(data)
    return (
        b"Content-Type: " + kind + b'\nContent-Disposition: attachment; filename="' + name + b'"\n'
        b"Content-Transfer-Encoding: base64\n\n" + encoded
    )


def with_images(images, headers=FROM + TAIL):
    parts = [
        b"Content-Type: text/plain\n\n---------- Forwarded message ---------\nFrom: Jo <jo@example.net>\n"
        b"Date: Mon, Nov 30, 2026 at 3:04 PM\n\nLovely stay!\n"
    ]
    parts += [_image_part(data, name=f"p{i}.png".encode()) for i, data in enumerate(images)]
    return message_with(headers=headers, body=_multipart(parts), content_type=b'multipart/mixed; boundary="b0"')


def many_attachments(count):
    return with_images([small_png()] * count)


def oversized():
    return message_with(headers=FROM + TAIL, body=b"x" * (25 * 1024 * 1024 + 10))


def deeply_nested(depth):
    body = b"Content-Type: text/plain\n\nThanks!\n"
    for level in range(depth):
        boundary = f"n{level}".encode()
        body = b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\n\n' + _multipart([body], boundary)
    return FROM + TAIL + body


def many_parts(count, *, boundary_lines=True):
    parts = [b"Content-Type: text/plain\n\nx"] * count
    body = _multipart(parts)
    if not boundary_lines:  # the same parts with a boundary that doesn't start a line with "\n--"
        body = body.replace(b"\n--b0", b"\r\n--b0")
    return message_with(headers=FROM + TAIL, body=body, content_type=b'multipart/mixed; boundary="b0"')


def png_bomb(width=30000, height=30000):
    """A valid PNG header for a huge canvas with a tiny (compressed) body."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(50)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
