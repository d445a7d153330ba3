"""Photos and videos on a win. Only what the pipeline made is stored
(`stories.lib.photos`, `stories.lib.videos`); uploaded bytes are never served."""

from datetime import timedelta

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .wins import Story

# A win's photo in an e-mail: mail programs send no sign-in, so the address
# carries the photo and its reader, signed (stories.access.mail_photo checks it).
_MAIL_PHOTO_SALT = "winsboard.access.mail_photo"
MAIL_PHOTO_DAYS = 30


def mail_photo_token(*, photo, recipient):
    """What an e-mail's address for `photo` sent to `recipient` carries."""
    return signing.dumps({"p": photo.pk, "u": recipient.pk}, salt=_MAIL_PHOTO_SALT)


def mail_photo_read(token):
    """(photo id, recipient id) from a `mail_photo_token` younger than
    MAIL_PHOTO_DAYS, else None."""
    try:
        sent = signing.loads(token, salt=_MAIL_PHOTO_SALT, max_age=timedelta(days=MAIL_PHOTO_DAYS))
        return int(sent["p"]), int(sent["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class Photo(models.Model):
    """A photo on a win. Only re-encoded renditions are stored (see
    `stories.lib.photos`); the uploaded bytes are never kept or served."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(default=0)
    alt_text = models.CharField(_("Alt text"), max_length=250)
    # Renditions, under generated unguessable names.
    large = models.FileField(max_length=255, db_index=True)
    large_width = models.PositiveIntegerField(default=0)
    large_height = models.PositiveIntegerField(default=0)
    card = models.FileField(max_length=255, db_index=True)
    card_width = models.PositiveIntegerField(default=0)
    card_height = models.PositiveIntegerField(default=0)
    original_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.alt_text


class Video(models.Model):
    """The one video on a win: an uploaded file or a hosted link."""

    class Status(models.TextChoices):
        """Where an uploaded video is (a hosted link is ready at once)."""

        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        REJECTED = "rejected", _("Rejected")

    class Provider(models.TextChoices):
        """Where a video lives."""

        UPLOAD = "upload", _("Uploaded file")
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="video")
    provider = models.CharField(max_length=16, choices=Provider.choices, default=Provider.UPLOAD)
    external_id = models.CharField(max_length=64, blank=True)
    file = models.FileField(max_length=255, blank=True, db_index=True)
    content_type = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROCESSING)
    reject_reason = models.CharField(max_length=300, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    poster = models.FileField(max_length=255, blank=True, db_index=True)
    poster_width = models.PositiveIntegerField(default=0)
    poster_height = models.PositiveIntegerField(default=0)
    # A card-sized rendition of the poster (the feed's cards use it, with `poster` in srcset).
    poster_card = models.FileField(max_length=255, blank=True, db_index=True)
    poster_card_width = models.PositiveIntegerField(default=0)
    poster_card_height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return f"{self.get_provider_display()} video for {self.story_id}"
