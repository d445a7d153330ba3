"""The photo pipeline (stories.lib.photos): decode fully, refuse what isn't a photo,
turn it upright, keep no metadata, make the renditions once."""

import io

import pytest
from PIL import Image, ImageFile

from stories.lib import media, photos
from tests.helpers import media_files as files


def image_of(rendition):
    image = Image.open(io.BytesIO(rendition.data))
    image.load()
    return image


def test_a_big_photo_gets_a_large_and_a_card_rendition_in_webp():
    result = photos.process_photo(io.BytesIO(files.jpeg(4000, 3000)))
    assert (result.large.width, result.large.height) == (1920, 1440)
    assert (result.card.width, result.card.height) == (600, 450)
    for rendition in (result.large, result.card):
        image = image_of(rendition)
        assert image.format == "WEBP"
        assert image.size == (rendition.width, rendition.height)
        assert rendition.extension == "webp"


def test_a_small_photo_is_never_enlarged():
    result = photos.process_photo(io.BytesIO(files.jpeg(300, 200)))
    assert (result.large.width, result.large.height) == (300, 200)
    assert (result.card.width, result.card.height) == (300, 200)


def test_renditions_carry_no_exif_gps_or_comment_and_are_turned_upright():
    original = Image.open(io.BytesIO(files.jpeg_with_gps_and_rotation(80, 60)))
    assert original.getexif().get_ifd(files.EXIF_GPS_IFD)  # the test photo really has GPS

    result = photos.process_photo(io.BytesIO(files.jpeg_with_gps_and_rotation(80, 60)))

    for rendition in (result.large, result.card):
        image = image_of(rendition)
        assert dict(image.getexif()) == {}
        assert not image.info.get("exif") and not image.info.get("xmp") and not image.info.get("icc_profile")
        assert b"Exif" not in rendition.data and b"Spy camera" not in rendition.data and b"secret" not in rendition.data
    upright = image_of(result.large).convert("RGB")
    assert upright.size == (60, 80)  # orientation 6: the landscape photo is really portrait
    # The blue marker was top-left; turned 90° clockwise it is top-right.
    assert upright.getpixel((50, 5))[2] > 150 and upright.getpixel((5, 5))[0] > 150


def test_exif_orientation_is_applied_after_a_draft_decode_of_a_big_jpeg():
    exif = Image.Exif()
    exif[files.EXIF_ORIENTATION] = 8  # rotate 90° counter-clockwise
    data = files.encoded(files.photo(4000, 3000), "JPEG", exif=exif.tobytes())
    result = photos.process_photo(io.BytesIO(data))
    assert (result.large.width, result.large.height) == (1440, 1920)
    large = image_of(result.large).convert("RGB")
    assert large.getpixel((20, 1900))[2] > 150  # the marker moved from top-left to bottom-left


@pytest.mark.parametrize(
    "make, name",
    [
        (files.cmyk_jpeg, "CMYK JPEG"),
        (files.png_16_bit, "16-bit PNG"),
        (files.animated_gif, "animated GIF"),
        (files.heic, "HEIC"),
        (lambda: files.encoded(files.photo(), "WEBP"), "WebP"),
        (lambda: files.encoded(files.photo().convert("RGBA"), "PNG"), "PNG with transparency"),
        (lambda: files.encoded(files.photo().convert("P"), "PNG", transparency=0), "palette PNG"),
    ],
)
def test_phone_and_unusual_photos_are_accepted_and_rendered(make, name):
    result = photos.process_photo(io.BytesIO(make()))
    image = image_of(result.large)
    assert image.format == "WEBP", name
    assert image.mode in ("RGB", "RGBA"), name


def test_a_16_bit_png_keeps_its_tones_instead_of_turning_white():
    large = image_of(photos.process_photo(io.BytesIO(files.png_16_bit())).large).convert("L")
    low, high = large.getextrema()
    assert low < 30 and high > 220


def test_a_cmyk_jpeg_keeps_its_colour():
    red, green, blue = (
        image_of(photos.process_photo(io.BytesIO(files.cmyk_jpeg())).large).convert("RGB").getpixel((5, 5))
    )
    assert red > 200 and green < 120 and blue < 120  # cyan 0, magenta and yellow full: red


def test_only_the_first_frame_of_an_animated_gif_is_kept():
    large = image_of(photos.process_photo(io.BytesIO(files.animated_gif())).large)
    assert getattr(large, "n_frames", 1) == 1


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "isn't a complete"),
        (files.truncated_jpeg(), "isn't a complete"),
        (files.HTML, "isn't a complete"),
        (files.SVG, "isn't a complete"),
        (files.POLYGLOT, "isn't a complete"),
        (files.ZIP, "isn't a complete"),
        (files.encoded(files.photo(), "BMP"), "isn't a complete"),  # a real image, but not a type we take
        (files.encoded(files.photo(), "TIFF"), "isn't a complete"),
        (files.decompression_bomb_png(), "too many pixels"),
        (files.decompression_bomb_png(10_000), "too many pixels"),  # Pillow only warns here: we refuse
    ],
    ids=["empty", "truncated", "html", "svg", "polyglot", "zip", "bmp", "tiff", "bomb-400mp", "bomb-100mp"],
)
def test_files_that_are_not_usable_photos_are_refused_with_a_reason(data, expected):
    with pytest.raises(media.MediaError, match=expected):
        photos.process_photo(io.BytesIO(data))


def test_the_pixel_cap_is_ours_not_only_pillows(settings):
    settings.WINSBOARD_MAX_PHOTO_MEGAPIXELS = 1
    with pytest.raises(media.MediaError, match="limit is 1 megapixels"):
        photos.process_photo(io.BytesIO(files.jpeg(1200, 900)))


def test_a_valid_image_with_html_appended_is_stored_without_the_html():
    result = photos.process_photo(io.BytesIO(files.jpeg() + files.HTML))
    assert b"<script" not in result.large.data and b"<script" not in result.card.data


def test_truncated_images_are_never_loaded_leniently():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_display_names_lose_folders_control_characters_and_length():
    assert media.file_label("../../etc/passwd") == "passwd"
    assert media.file_label("C:\\Users\\me\\photo.jpg") == "photo.jpg"
    assert media.file_label("evil\u202egpj.exe") == "evilgpj.exe"  # no right-to-left override
    long = media.file_label("é" * 300 + ".jpg")
    assert len(long) == 80 and long.endswith("…")


def test_generated_names_are_unguessable_and_servable():
    first, second = media.new_name("photos", "webp"), media.new_name("photos", "webp")
    assert first != second
    assert media.STORED_NAME.fullmatch(first)
