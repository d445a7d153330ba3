"""Notifications: what happened to a person's wins, kept until they mark it
read (how it reads in words: `notification_words`); how each person wants to hear of it
(preferences, the Atom feed's token); and which weekly digests went out.

Pages only read them (the signed-in user carries the unread count, see
`stories.auth.NotifiedUserBackend`); marking read is a POST. Writes go
through `stories.services.notifications`."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .inbound import InboundDraft
from .notification_words import (  # noqa: F401  (where callers have always found them)
    chat_message,
    describe_notification,
    notification_detail,
    notification_text,
)
from .wins import HERO_ORDER, Story


def new_feed_token():
    return secrets.token_urlsafe(32)


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def newest_first(self):
        return self.order_by("-created_at", "-id")

    def still_visible(self):
        """Only notifications about a win their recipient may still open: a
        published win, or one they posted (hidden or waiting for review). A
        win hidden after the fact takes its notifications — headline and
        all — out of its heroes' list and unread count until it is back."""
        published = Q(story__status=Story.Status.PUBLISHED, story__hidden_at__isnull=True)
        return self.filter(Q(story__isnull=True) | published | Q(story__author=F("recipient")))

    def for_inbox(self):
        """/notifications/: the win and the people named, in a constant
        number of queries (the actors in one prefetch, in name order)."""
        people = get_user_model().objects.order_by(*HERO_ORDER)
        return self.select_related("story", "draft").prefetch_related(
            Prefetch("actors", queryset=people),
            "story__photos",  # a credit shows the win's first photo
        )

    def to_email(self):
        """Waiting for their e-mail: not sent, not read in the app meanwhile,
        and still about a win their recipient may open."""
        unsent = self.filter(emailed_at__isnull=True, read_at__isnull=True, kind__in=Notification.BY_EMAIL)
        return unsent.still_visible().for_inbox().select_related("recipient", "recipient__profile")

    def open_group(self, *, recipient, story, kind):
        """The unread notification new cheers (or comments) on `story` join."""
        return self.filter(recipient=recipient, story=story, kind=kind, read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        CREDITED = "credited", _("You were credited as a hero")
        CHEERED = "cheered", _("Your win was cheered")
        COMMENTED = "commented", _("Your win got a comment")
        APPROVED = "approved", _("Your win was approved")
        FEATURED = "featured", _("Your win was featured")
        HIDDEN = "hidden", _("Your win was hidden")
        SHOWN = "shown", _("Your win was shown at an all-hands")
        DRAFT = "draft", _("Your draft is waiting")
        CUSTOMER = "customer", _("The customer answered")
        MENTIONED = "mentioned", _("You were mentioned")
        NOMINATED = "nominated", _("Your win was nominated for an award")
        AWARDED = "awarded", _("Your win won an award")
        WITHDRAWN = "withdrawn", _("Your nomination was withdrawn")

    # Kinds that gather into one unread notification per win ("Ana and 4
    # others cheered …"); a new one starts once it is read.
    GROUPED = (Kind.CHEERED, Kind.COMMENTED, Kind.NOMINATED)
    # Kinds a person may also get by e-mail (see NotificationPreferences).
    BY_EMAIL = (Kind.CREDITED, Kind.APPROVED, Kind.FEATURED, Kind.HIDDEN, Kind.DRAFT, Kind.MENTIONED, Kind.AWARDED)

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # A thank-you e-mail became this draft (kind "draft"); it goes with the draft (posted, discarded).
    draft = models.ForeignKey(InboundDraft, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # Who did it (the colleagues who cheered, the manager who featured …).
    actors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # The manager's note (featured), the reason (hidden), the date (shown),
    # "comment" for a mention in a comment ("" in the story); for awards and
    # nominations two lines: the award (or category), then the citation (or
    # reason; or the withdrawn nomination's headline).
    detail = models.CharField(max_length=300, blank=True)
    # When it (last) happened: a group moves up when someone joins it.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "story", "kind"],
                condition=Q(read_at__isnull=True, kind__in=["cheered", "commented", "nominated"]),
                name="notification_one_open_group",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.recipient_id})"

    @property
    def is_unread(self):
        return self.read_at is None


class NotificationPreferencesQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s preferences; the defaults (unsaved) until they change
        them — reading never writes."""
        return self.filter(user=user).first() or NotificationPreferences(user=user)

    def digest_readers(self):
        """People who asked for the weekly digest and can get it."""
        readers = self.filter(weekly_digest=True, user__is_active=True).exclude(user__email="")
        return readers.select_related("user", "user__profile")  # the profile: the reader's language

    def with_feed_token(self, token):
        return self.filter(feed_token=token, user__is_active=True).select_related("user", "user__profile")


class NotificationPreferences(models.Model):
    """How one person hears of what happens to their wins. Every event shows
    in the app; the important ones (credited, approved, featured, hidden,
    mentioned — rare and personal; and awards) also come by e-mail unless they turn it off. Cheers,
    comments and all-hands showings stay in the app (they can be many; the
    weekly digest sums up cheers), and the digest is opt-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_credited = models.BooleanField(_("You were credited as a hero"), default=True)
    email_approved = models.BooleanField(_("Your win was approved"), default=True)
    email_featured = models.BooleanField(_("Your win was featured"), default=True)
    email_hidden = models.BooleanField(_("Your win was hidden"), default=True)
    email_draft = models.BooleanField(_("A forwarded e-mail became a draft"), default=True)
    email_mentioned = models.BooleanField(_("You were mentioned"), default=True)
    email_awarded = models.BooleanField(_("Your win won an award"), default=True)
    weekly_digest = models.BooleanField(_("Weekly digest"), default=False)
    # The Atom feed of the featured wall: an unguessable address for one person.
    feed_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    feed_token_created_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationPreferencesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"Notification preferences of {self.user_id}"

    def wants_email(self, kind):
        return kind in Notification.BY_EMAIL and getattr(self, f"email_{kind}", False)


class DigestSent(models.Model):
    """A weekly digest went (or is going) to `user` for ISO week `week`
    ("2026-W48"): the row is claimed before sending, so a second run of
    `send_digest` in the same week sends nothing new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=8)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="digest_once_a_week")]

    def __str__(self):
        return f"Digest {self.week} for {self.user_id}"


def two_lines(first, second):
    """An award's or nomination's `detail`: its name, then its words."""
    return f"{first}\n{second}"[:300]


# Notifications in words (the app, e-mails, the chat message): see notification_words.
