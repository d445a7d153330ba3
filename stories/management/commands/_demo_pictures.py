"""Pictures for the demo wins, drawn with Pillow (no downloads, no stock
photos): simple illustrations, so the feed, the wall and the slideshow show
photo layouts on first run. They go through the real photo pipeline."""

import functools
import io

from PIL import Image, ImageDraw

from stories.lib.photos import process_photo

WIDTH, HEIGHT = 1600, 1200
SCALE = 2  # drawn at twice the size, then shrunk: smooth edges


def _canvas(top, bottom):
    """A vertical gradient from `top` to `bottom` (RGB)."""
    width, height = WIDTH * SCALE, HEIGHT * SCALE
    column = Image.new("RGB", (1, height))
    for y in range(height):
        share = y / (height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)))
    image = column.resize((width, height))
    return image, ImageDraw.Draw(image)


def _box(x0, y0, x1, y1):
    """Coordinates given on the 1600×1200 grid, scaled to the canvas."""
    return [round(value * SCALE) for value in (x0, y0, x1, y1)]


def _points(*pairs):
    return [(round(x * SCALE), round(y * SCALE)) for x, y in pairs]


def _ring(draw):
    draw.ellipse(_box(0, 820, 1600, 1500), fill=(226, 232, 240))  # a white sheet
    draw.ellipse(_box(560, 420, 1040, 900), outline=(214, 170, 52), width=70 * SCALE)  # the band
    draw.ellipse(_box(610, 470, 990, 850), outline=(245, 208, 98), width=14 * SCALE)  # its shine
    draw.polygon(_points((800, 250), (900, 360), (800, 470), (700, 360)), fill=(180, 220, 255))  # the stone
    draw.polygon(_points((800, 250), (900, 360), (800, 360)), fill=(225, 243, 255))


def _soup(draw):
    draw.rectangle(_box(0, 860, 1600, 1200), fill=(120, 72, 44))  # the table
    draw.ellipse(_box(300, 760, 1300, 960), fill=(236, 236, 236))  # the plate
    draw.chord(_box(450, 420, 1150, 980), 0, 180, fill=(250, 250, 250))  # the bowl
    draw.ellipse(_box(450, 640, 1150, 760), fill=(214, 120, 60))  # the soup
    for x in (650, 800, 950):  # steam
        draw.arc(_box(x - 60, 260, x + 60, 460), 100, 260, fill=(255, 255, 255), width=16 * SCALE)
        draw.arc(_box(x - 60, 440, x + 60, 620), 280, 80, fill=(255, 255, 255), width=16 * SCALE)


def _passport(draw):
    draw.rounded_rectangle(_box(520, 220, 1080, 980), radius=40 * SCALE, fill=(122, 28, 42))
    draw.ellipse(_box(670, 420, 930, 680), outline=(230, 190, 90), width=18 * SCALE)
    draw.line(_points((800, 420), (800, 680)), fill=(230, 190, 90), width=10 * SCALE)
    draw.line(_points((670, 550), (930, 550)), fill=(230, 190, 90), width=10 * SCALE)
    draw.rectangle(_box(640, 780, 960, 810), fill=(230, 190, 90))
    draw.polygon(_points((1120, 840), (1500, 700), (1500, 760), (1160, 900)), fill=(255, 255, 255))  # a ticket


def _night(draw):
    draw.ellipse(_box(1120, 140, 1360, 380), fill=(250, 244, 214))  # the moon
    draw.ellipse(_box(1190, 110, 1420, 340), fill=(28, 36, 84))
    for x, y in ((200, 200), (420, 120), (640, 260), (900, 160), (300, 420), (1450, 520)):
        draw.ellipse(_box(x - 8, y - 8, x + 8, y + 8), fill=(255, 255, 255))
    draw.rectangle(_box(360, 520, 1240, 1200), fill=(52, 58, 100))  # the hotel
    for row in range(4):
        for col in range(6):
            lit = (row * 6 + col) % 4 != 1
            x, y = 420 + col * 140, 580 + row * 140
            draw.rectangle(_box(x, y, x + 80, y + 90), fill=(255, 214, 120) if lit else (36, 40, 70))


def _airport(draw):
    draw.rectangle(_box(0, 900, 1600, 1200), fill=(90, 98, 110))  # the runway
    for x in range(80, 1600, 260):
        draw.rectangle(_box(x, 1030, x + 140, 1060), fill=(245, 245, 245))
    body = _points((300, 560), (1240, 460), (1330, 500), (1240, 560), (320, 620))
    draw.polygon(body, fill=(250, 250, 252))
    draw.polygon(_points((700, 540), (900, 540), (640, 820), (560, 820)), fill=(220, 226, 236))  # a wing
    draw.polygon(_points((330, 590), (420, 580), (330, 400), (280, 400)), fill=(220, 226, 236))  # the tail
    draw.polygon(_points((1240, 470), (1320, 495), (1250, 500)), fill=(70, 110, 160))  # the cockpit


def _umbrellas(draw):
    draw.rectangle(_box(0, 1000, 1600, 1200), fill=(70, 70, 80))
    for x, colour in ((420, (220, 60, 70)), (800, (60, 120, 200)), (1180, (240, 180, 40))):
        draw.pieslice(_box(x - 220, 380, x + 220, 820), 180, 360, fill=colour)
        draw.line(_points((x, 600), (x, 960)), fill=(40, 40, 40), width=12 * SCALE)
        draw.arc(_box(x, 920, x + 60, 1000), 0, 180, fill=(40, 40, 40), width=12 * SCALE)
    for x in range(100, 1600, 120):  # rain
        for y in (120, 320):
            draw.line(_points((x, y + (x % 80)), (x - 20, y + 70 + (x % 80))), fill=(200, 220, 240), width=5 * SCALE)


def _note(draw):
    draw.rectangle(_box(0, 900, 1600, 1200), fill=(150, 110, 80))  # the desk
    draw.polygon(_points((380, 300), (1220, 240), (1260, 900), (420, 960)), fill=(252, 250, 240))  # the card
    for index in range(5):
        y = 420 + index * 90
        draw.line(_points((500, y + 10 - index * 4), (1100 - index * 60, y - 30)), fill=(70, 90, 150), width=8 * SCALE)
    draw.ellipse(_box(1050, 720, 1170, 840), fill=(220, 70, 90))  # a heart-red seal


# key: (drawing, sky top, sky bottom, alt text)
PICTURES = {
    "ring": (
        _ring,
        (58, 94, 160),
        (140, 180, 230),
        "Illustration: a gold ring with a pale blue stone on a white sheet",
    ),
    "soup": (_soup, (250, 200, 150), (240, 160, 110), "Illustration: a steaming bowl of soup on a wooden table"),
    "passport": (_passport, (40, 110, 130), (120, 190, 190), "Illustration: a red passport next to a train ticket"),
    "night": (_night, (20, 26, 66), (60, 70, 130), "Illustration: the hotel at night with its windows lit"),
    "airport": (_airport, (120, 170, 230), (220, 236, 250), "Illustration: a plane waiting on the runway"),
    "umbrellas": (_umbrellas, (110, 120, 140), (170, 180, 196), "Illustration: three open umbrellas in the rain"),
    "note": (_note, (250, 232, 200), (240, 210, 170), "Illustration: a handwritten welcome card on a desk"),
}


@functools.cache
def demo_photo(key):
    """(renditions, alt text) of the demo picture `key`: drawn, then put
    through the photo pipeline like an upload. Made once per process."""
    data, alt_text = picture(key)
    return process_photo(io.BytesIO(data)), alt_text


def picture(key):
    """(JPEG bytes, alt text) of the demo picture `key`."""
    draw_scene, top, bottom, alt = PICTURES[key]
    image, draw = _canvas(top, bottom)
    draw_scene(draw)
    image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue(), alt
