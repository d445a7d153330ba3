"""Featured wins with photos and videos, made straight with the ORM (the
slideshow tests do not go through the curation or media pipelines). Like the
services, each helper announces a new wins' version and a new version of the
win's card (stories.services.versions), or slides.json would rightly answer
304 for the old deck, and lists would show the cached card."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from stories.models import Photo, Story, Video
from stories.services import wins_changed


def feature(story, *, position=None, pinned=False, minutes_ago=0, note=""):
    """Put `story` on the featured wall (and so in the slideshow)."""
    Story.objects.filter(pk=story.pk).update(
        featured_at=timezone.now() - timedelta(minutes=minutes_ago),
        wall_position=position,
        pinned=pinned,
        feature_note=note,
    )
    story.refresh_from_db()
    wins_changed(story)
    return story


def _jpeg(size, colour):
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    # Something to look at in a screenshot: sky, sun, hills.
    draw.rectangle([0, int(height * 0.62), width, height], fill=(46, 125, 80))
    draw.ellipse(
        [int(width * 0.68), int(height * 0.12), int(width * 0.84), int(height * 0.12 + width * 0.16)],
        fill=(255, 214, 90),
    )
    draw.polygon(
        [(0, int(height * 0.7)), (int(width * 0.35), int(height * 0.4)), (int(width * 0.7), int(height * 0.72))],
        fill=(31, 92, 60),
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def add_photo(story, *, size=(1600, 1200), colour=(92, 150, 214), alt="A happy guest at the front desk", position=0):
    """A photo with both renditions written to default_storage."""
    large_size = size
    ratio = 600 / max(size)
    card_size = (max(1, round(size[0] * ratio)), max(1, round(size[1] * ratio)))
    large = default_storage.save(f"photos/large-{story.pk}-{position}.jpg", ContentFile(_jpeg(large_size, colour)))
    card = default_storage.save(f"photos/card-{story.pk}-{position}.jpg", ContentFile(_jpeg(card_size, colour)))
    wins_changed(story)
    return Photo.objects.create(
        story=story,
        position=position,
        alt_text=alt,
        large=large,
        large_width=large_size[0],
        large_height=large_size[1],
        card=card,
        card_width=card_size[0],
        card_height=card_size[1],
    )


def add_upload_video(story, *, status=Video.Status.READY, data=b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 1000):
    name = default_storage.save(f"videos/clip-{story.pk}.mp4", ContentFile(data))
    wins_changed(story)
    return Video.objects.create(
        story=story,
        provider=Video.Provider.UPLOAD,
        file=name,
        content_type="video/mp4",
        status=status,
        duration_seconds=8.5,
    )


def add_hosted_video(story, *, provider=Video.Provider.YOUTUBE, external_id="dQw4w9WgXcQ", status=Video.Status.READY):
    wins_changed(story)
    return Video.objects.create(story=story, provider=provider, external_id=external_id, status=status)
