"""The customer's own voice: a win's author (or a hero, or a manager) asks the
customer — by e-mail or a QR code — whether the quote may be shared, and how
the help made them feel. The customer answers at /customer/<token>/ without an
account.

A ConsentRequest keeps only the HMAC of its link's token; the address it was
e-mailed to until the customer answers or the link expires (then it is
erased, `stories.services.customer_voice`); what was asked (the quote and
the name as they would be shown), so the customer agrees to exactly that;
and the answer. The win itself carries the latest answer (`Story.customer_answer`,
with the feeling line and the rating), so every surface reads it with the win.
Writes go through `stories.services.customer_voice`."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import can_curate

LINK_DAYS = 30  # a link works this long before its first answer
CHANGE_DAYS = 7  # after the first answer, the same link may change it this long
ANONYMOUS_NAME = "a guest"  # "Quote by" when the customer agreed without their name


class Answer(models.TextChoices):
    AGREE = "agree", _("Agreed")
    EDIT = "edit", _("Agreed with their own words")
    ANONYMOUS = "anonymous", _("Agreed without their name")
    NO = "no", _("Said no")


# Answers that let the quote be shown ("Confirmed by the customer").
CONFIRMING = (Answer.AGREE, Answer.EDIT, Answer.ANONYMOUS)


def may_ask_customer(user, story):
    """Its author, a hero or a manager asks the customer about a win with a quote."""
    if not user.is_authenticated or not story.quote:
        return False
    if user.pk == story.author_id or can_curate(user):
        return True
    return any(hero.pk == user.pk for hero in story.heroes.all())


class ConsentRequestQuerySet(models.QuerySet):
    def for_token_hash(self, token_hash):
        return self.filter(token_hash=token_hash).select_related("story")

    def holding_addresses_past(self, moment):
        """Requests whose customer's address should be gone: answered, closed, or expired."""
        done = Q(answered_at__isnull=False) | Q(closed_at__isnull=False) | Q(expires_at__lte=moment)
        return self.exclude(email="").filter(done)

    def latest_for(self, story):
        return self.filter(story=story).select_related("asked_by").order_by("-created_at", "-id").first()


class ConsentRequest(models.Model):
    """One ask of one customer about one win, and their answer."""

    class Via(models.TextChoices):
        EMAIL = "email", _("E-mail")
        QR = "qr", _("QR code")

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="consent_requests")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    via = models.CharField(max_length=5, choices=Via.choices)
    # Typed once by the asker; erased once the customer answers or the link expires.
    email = models.EmailField(blank=True)
    # HMAC-SHA256 of the link's token (stories.lib.customer_links); null until the e-mail task issues it.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    # What was asked: the quote and the name as they would be shown.
    quote = models.TextField(max_length=500)
    quote_by = models.CharField(max_length=120, blank=True)
    language = models.CharField(max_length=8, blank=True, default="")  # the asker's then: the e-mail's
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)  # the first answer
    # The win's quote was edited since: the link takes no more answers (ask again).
    closed_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)  # the latest answer
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    words = models.TextField(_("Your words"), max_length=500, blank=True)
    feeling = models.CharField(_("How it made you feel"), max_length=300, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ConsentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["story", "-created_at"], name="consent_story_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="consent_rating_1_to_5"
            ),
            models.CheckConstraint(condition=Q(answer="") | Q(answered_at__isnull=False), name="consent_answer_dated"),
        ]

    def __str__(self):
        return f"Consent request {self.pk} for win {self.story_id}"

    @property
    def is_answered(self):
        return self.answered_at is not None

    def takes_answers_at(self, moment):
        if self.closed_at is not None:
            return False
        if self.answered_at is None:
            return moment < self.expires_at
        return moment < self.answered_at + timedelta(days=CHANGE_DAYS)

    @property
    def change_until(self):
        return self.answered_at + timedelta(days=CHANGE_DAYS) if self.answered_at else None
