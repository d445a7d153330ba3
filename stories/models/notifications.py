"""Notifications: what happened to a person's wins, kept until they mark it
read, and how it reads in words (in the app, in e-mails, and the chat
message when a win is featured); how each person wants to hear of it
(preferences, the Atom feed's token); and which weekly digests went out.

Pages only read them (the signed-in user carries the unread count, see
`stories.auth.NotifiedUserBackend`); marking read is a POST. Writes go
through `stories.services.notifications`."""

import secrets
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format

from ..lib import text
from .celebrate import NAMES_SHOWN, first_name
from .inbound import InboundDraft
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
        return unsent.still_visible().for_inbox().select_related("recipient")

    def open_group(self, *, recipient, story, kind):
        """The unread notification new cheers (or comments) on `story` join."""
        return self.filter(recipient=recipient, story=story, kind=kind, read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        CREDITED = "credited", "You were credited as a hero"
        CHEERED = "cheered", "Your win was cheered"
        COMMENTED = "commented", "Your win got a comment"
        APPROVED = "approved", "Your win was approved"
        FEATURED = "featured", "Your win was featured"
        HIDDEN = "hidden", "Your win was hidden"
        SHOWN = "shown", "Your win was shown at an all-hands"
        DRAFT = "draft", "Your draft is waiting"
        CUSTOMER = "customer", "The customer answered"
        MENTIONED = "mentioned", "You were mentioned"
        NOMINATED = "nominated", "Your win was nominated for an award"
        AWARDED = "awarded", "Your win won an award"
        WITHDRAWN = "withdrawn", "Your nomination was withdrawn"

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
        return self.filter(weekly_digest=True, user__is_active=True).exclude(user__email="").select_related("user")

    def with_feed_token(self, token):
        return self.filter(feed_token=token, user__is_active=True).select_related("user")


class NotificationPreferences(models.Model):
    """How one person hears of what happens to their wins. Every event shows
    in the app; the important ones (credited, approved, featured, hidden,
    mentioned — rare and personal; and awards) also come by e-mail unless they turn it off. Cheers,
    comments and all-hands showings stay in the app (they can be many; the
    weekly digest sums up cheers), and the digest is opt-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_credited = models.BooleanField("You were credited as a hero", default=True)
    email_approved = models.BooleanField("Your win was approved", default=True)
    email_featured = models.BooleanField("Your win was featured", default=True)
    email_hidden = models.BooleanField("Your win was hidden", default=True)
    email_draft = models.BooleanField("A forwarded e-mail became a draft", default=True)
    email_mentioned = models.BooleanField("You were mentioned", default=True)
    email_awarded = models.BooleanField("Your win won an award", default=True)
    weekly_digest = models.BooleanField("Weekly digest", default=False)
    # The Atom feed of the featured wall: an unguessable address for one person.
    feed_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    feed_token_created_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationPreferencesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "notification preferences"

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


# --- notifications in words ---------------------------------------------------

HIDDEN_HOW_TO_FIX = (
    "Only you and managers can see it now. Edit it to fix what the reason says, then ask a manager to show it again."
)


CUSTOMER_ANSWERS = {
    "agree": "They agreed to be quoted: the win shows “Confirmed by the customer”.",
    "edit": "They changed their words: the win shows their words now.",
    "anonymous": "They agreed without their name: the quote is by “a guest” now.",
    "no": "They said no: the quote is no longer shown anywhere.",
}


def notification_text(kind, *, who, headline, when=""):
    """The sentence a notification reads as (in the app and in e-mails):
    `who` did it ("Ana and 4 others"), to the win called `headline`."""
    who = who or "A colleague"
    sentences = {
        "credited": f"{who} credited you as a hero in “{headline}”.",
        "cheered": f"{who} cheered your win “{headline}”.",
        "commented": f"{who} commented on your win “{headline}”.",
        "approved": f"Good news: your win “{headline}” was approved and is now shared with everyone.",
        "featured": f"Your win “{headline}” is featured on the wall.",
        "hidden": f"A manager hid your win “{headline}”.",
        "shown": f"Your win “{headline}” was shown at the all-hands{' on ' + when if when else ''}.",
        "draft": f"Your draft is waiting: the e-mail {who} sent became a draft win. Finish it and post it.",
        "customer": f"The customer answered about your win “{headline}”.",
        "mentioned": f"{who} mentioned you in “{headline}”.",
        "mentioned-comment": f"{who} mentioned you in a comment on “{headline}”.",
        "nominated": f"{who} nominated your win “{headline}” for an award.",
        "awarded": f"Your win “{headline}” won an award: {when}.",
        "withdrawn": f"A win you nominated for {when or 'an award'} was hidden by a manager, so your nomination "
        "is withdrawn.",
    }
    return sentences.get(kind, f"Something happened to your win “{headline}”.")


def notification_detail(kind, detail):
    """The line under it: the manager's note, or the reason and what to do."""
    if kind == "featured" and detail:
        return f"Why we love this: {detail}"
    if kind == "hidden":
        return (f"Reason: {detail} " if detail else "") + HIDDEN_HOW_TO_FIX
    if kind == "customer":
        return CUSTOMER_ANSWERS.get(detail, "")
    if kind == "awarded" and detail:
        return f"“{detail}”"
    if kind == "nominated":
        return detail
    if kind == "withdrawn" and detail:
        return f"The win: “{detail}”"
    return ""


def two_lines(first, second):
    """An award's or nomination's `detail`: its name, then its words."""
    return f"{first}\n{second}"[:300]


def describe_notification(notification):
    """{"text", "detail"} of a notification fetched with for_inbox() (its win
    and actors at hand): also what its e-mail says."""
    actors = list(notification.actors.all())
    who = text.names_joined([first_name(actor) for actor in actors], total=len(actors), shown=NAMES_SHOWN)
    when = ""
    if notification.kind == "shown" and notification.detail:
        try:
            when = date_format(date.fromisoformat(notification.detail), "j F Y")
        except ValueError:
            when = ""
    if notification.kind == "draft":
        return _draft_words(notification.draft)
    detail = notification.detail
    if notification.kind in ("awarded", "withdrawn"):
        when, _, detail = detail.partition("\n")
    elif notification.kind == "nominated":  # the latest nomination's category and reason
        category, _, reason = detail.partition("\n")
        detail = f"{category}: “{reason}”" if reason else category
    story = notification.story
    headline = story.headline if story else "a win that is gone"
    credited = notification.kind == "credited" and story is not None
    kind = notification.kind
    if kind == "mentioned" and notification.detail == "comment":
        kind = "mentioned-comment"
    return {
        "text": notification_text(kind, who=who, headline=headline, when=when),
        "detail": "" if kind in ("shown", "mentioned") else notification_detail(kind, detail),
        # Being credited is worth more than a line: the win's first photo and the customer's words.
        "photo": next(iter(story.photos.all()), None) if credited else None,
        "quote": story.shown_quote if credited else "",
        "quote_by": story.quote_by if credited and story.shown_quote else "",
    }


def _draft_words(draft):
    who = draft.quote_by if draft is not None and draft.quote_by else "a customer"
    return {
        "text": notification_text("draft", who=who, headline=""),
        "detail": "Nothing is shared until you press Post." if draft is not None else "",
        "photo": None,
        "quote": draft.quote if draft is not None else "",
        "quote_by": draft.quote_by if draft is not None else "",
    }


# --- the chat message when a win is featured ----------------------------------


def chat_message(*, headline, heroes, note, url, quote="", quote_by=""):
    """The JSON body an incoming webhook of Slack or Microsoft Teams accepts:
    one "text" field (both render it; both make the address a link). The
    customer's quote only when given (callers pass it only with consent)."""
    lines = [f"★ Featured win: {text.chat_escape(headline)}"]
    if heroes:
        lines.append(f"Heroes: {text.chat_escape(text.names_joined(heroes))}")
    if note:
        lines.append(f"Why we love this: {text.chat_escape(note)}")
    if quote:
        said = f"“{text.chat_escape(quote)}”"
        lines.append(f"{said} — {text.chat_escape(quote_by)}" if quote_by else said)
    lines.append(url)
    return {"text": "\n".join(lines)}
