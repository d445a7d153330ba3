"""Awards: colleagues nominate a win for a category (once per person, win,
category and period, never their own win), managers choose a winner (and
runners-up) with a citation, then announce the period; and the rules —
who may nominate, when a period is open, how nominees rank — which the
forms, the services and the pages all apply, so a refusal reads the same
everywhere; and the reads of awards as QuerySet methods (the pages'
reads that combine them — the managers' boards, a person's honours — are
in models/award_reads.py).

Writes go through `stories.services.awards`."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from ..lib import text
from ..lib.periods import period_containing
from .celebrate import names_list, too_long_message
from .wins import heroes_in_order

REASON_MAX = 500
CITATION_MAX = 250  # a notification's detail holds the award's name and its citation (300)
SLIDE_DAYS = 7  # an announced award plays before the wins for a week


class AwardError(ValueError):
    """A nomination or award that cannot be; the message tells the person why."""


class NotAllowed(AwardError):
    """Not for this person: their own win, someone else's nomination (a 403)."""


# --- the rules ------------------------------------------------------------------

OWN_WIN = _("You can't nominate a win you posted. Your colleagues can.")
CREDITED_WIN = _("You can't nominate a win that credits you. Your colleagues can.")
NOT_SHARED = _("Only wins shared with everyone can be nominated or win an award.")


def nomination_refusal(*, user_id, story, hero_ids):
    """Why `user_id` may not nominate `story` (not shared with everyone, or
    their own as author or hero), or None when they may."""
    if story.status != "published" or story.hidden_at is not None:
        return NOT_SHARED
    if user_id == story.author_id:
        return OWN_WIN
    if user_id in set(hero_ids):
        return CREDITED_WIN
    return None


def clean_reason(reason):
    reason = text.paragraphs(reason)
    return text.within(
        reason,
        limit=REASON_MAX,
        empty=gettext("Say in a sentence why this win deserves it."),
        too_long=too_long_message(
            gettext("Keep the reason to %(limit)s characters (it has %(count)s)."), limit=REASON_MAX, value=reason
        ),
        error=AwardError,
    )


def clean_citation(citation):
    citation = text.one_line(citation)
    return text.within(
        citation,
        limit=CITATION_MAX,
        empty=gettext("Write the citation: a sentence everyone will read when it is announced."),
        too_long=too_long_message(
            gettext("Keep the citation to %(limit)s characters (it has %(count)s)."), limit=CITATION_MAX, value=citation
        ),
        error=AwardError,
    )


def period_label(kind, start):
    """“March 2027” for a month, “Q1 2027” for a quarter."""
    if kind == AwardCategory.Period.QUARTER:
        # Translators: a quarter of a year, as in “Q1 2027”.
        return gettext("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
    return date_format(start, "YEAR_MONTH_FORMAT")


def award_label(category, start):
    """“Most creative idea, March 2027”: a category's award for the period from `start`."""
    # Translators: an award category's name, then its period: “Most creative idea, March 2027”.
    words = {"category": category.shown_name, "period": category.period_label(start)}
    return gettext("%(category)s, %(period)s") % words


# --- categories -------------------------------------------------------------------


class AwardCategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


# The categories the awards migration makes (0017), in Winsboard's words: each
# reader sees them in their language until a manager renames one (then the
# name is the manager's own words, shown as written).
BUILT_IN_WORDS = frozenset(
    (
        gettext_noop("Best decision on the spot"),
        gettext_noop("A colleague decided, without asking, what made a customer's day."),
        gettext_noop("Most creative idea"),
        gettext_noop("A new way to help that nobody had thought of — judged by how it made the customer feel."),
        gettext_noop("Best lesson from a miss"),
        gettext_noop("Something went wrong, and what was learned makes everyone better."),
    )
)


def _in_reader_words(text):
    return gettext(text) if text in BUILT_IN_WORDS else text


class AwardCategory(models.Model):
    """What an award is for ("Most creative idea"); managers set them in the admin."""

    class Period(models.TextChoices):
        MONTH = "month", _("Every month")
        QUARTER = "quarter", _("Every quarter")

    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True, help_text=_("Only active categories take nominations."))
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.MONTH)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Categories are listed in this order."))

    objects = AwardCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = _("award categories")

    def __str__(self):
        return self.shown_name

    @property
    def shown_name(self):
        """The name in the reader's language (a built-in one), else as a manager wrote it."""
        return _in_reader_words(self.name)

    @property
    def shown_description(self):
        return _in_reader_words(self.description)

    def period_of(self, day):
        """The first and last day of the period `day` falls in."""
        period = period_containing(self.period, day)
        return period.start, period.end

    def period_label(self, start):
        return period_label(self.period, start)


# --- nominations --------------------------------------------------------------------


class NominationQuerySet(models.QuerySet):
    def by(self, user):
        return self.filter(nominator=user)

    def on(self, story):
        return self.filter(story=story)

    def in_period(self, category, start):
        return self.filter(category=category, period_start=start)

    def undecided(self):
        """Nominations in a category's period that is not announced yet."""
        announced = Award.objects.announced().filter(
            category=models.OuterRef("category"), period_start=models.OuterRef("period_start")
        )
        return self.exclude(models.Exists(announced))

    def with_announced(self):
        """`announced`: is the nomination's period announced (closed)?"""
        announced = Award.objects.announced().filter(
            category=models.OuterRef("category"), period_start=models.OuterRef("period_start")
        )
        return self.annotate(announced=models.Exists(announced))

    def for_story_page(self, story, user):
        """`user`'s nominations of `story` (with their categories): one query."""
        mine = self.on(story).by(user).select_related("category").with_announced()
        return mine.order_by("-period_start", "category__position", "category__name")


class Nomination(models.Model):
    """One colleague's nomination of a win for a category in a period. The
    database keeps it to one per person, win, category and period, whatever
    the timing of their clicks."""

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="nominations")
    nominator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nominations")
    category = models.ForeignKey(AwardCategory, on_delete=models.PROTECT, related_name="nominations")
    period_start = models.DateField()
    reason = models.TextField(_("Reason"), max_length=REASON_MAX)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nominator", "story", "category", "period_start"], name="nomination_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["category", "period_start"], name="nomination_period_idx")]

    def __str__(self):
        return f"{self.nominator_id} nominated {self.story_id} for {self.category_id}"

    @property
    def period_label(self):
        return self.category.period_label(self.period_start)

    def is_open(self, today):
        """May it still be withdrawn? Until its period ends or is announced
        (`announced` from with_announced(), else asked)."""
        _, end = self.category.period_of(self.period_start)
        announced = getattr(self, "announced", None)
        if announced is None:
            announced = Award.objects.announced().in_period(self.category_id, self.period_start).exists()
        return today <= end and not announced


# --- awards ---------------------------------------------------------------------------


class AwardQuerySet(models.QuerySet):
    def announced(self):
        return self.filter(announced_at__isnull=False)

    def chosen(self):
        """Chosen by a manager, not announced yet."""
        return self.filter(announced_at__isnull=True)

    def in_period(self, category, start):
        return self.filter(category=category, period_start=start)

    def on_shared_wins(self):
        return self.filter(story__status="published", story__hidden_at__isnull=True)

    def newest_first(self):
        """The latest announcement first; in it, by category, the winner before its runners-up."""
        winner_first = models.Case(models.When(place="winner", then=models.Value(0)), default=models.Value(1))
        return self.order_by("-announced_at", "-period_start", "category__position", winner_first, "id")

    def for_list(self):
        """An award with its win, category and heroes: a constant number of queries."""
        return self.select_related("category", "story").prefetch_related(
            Prefetch("story__heroes", queryset=heroes_in_order().queryset)
        )

    def for_slides(self, today):
        """Awards announced in the last SLIDE_DAYS days (today included), on wins shared with everyone."""
        first_day = today - datetime.timedelta(days=SLIDE_DAYS - 1)
        start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
        return self.announced().on_shared_wins().filter(announced_at__gte=start).for_list()

    def announced_between(self, start, end):
        return self.announced().filter(announced_at__gte=start, announced_at__lt=end)


class Award(models.Model):
    """A win chosen for a category's period: the winner or a runner-up, with
    the manager's citation. Everyone sees it once it is announced."""

    class Place(models.TextChoices):
        WINNER = "winner", _("Winner")
        RUNNER_UP = "runner_up", _("Runner-up")

    category = models.ForeignKey(AwardCategory, on_delete=models.PROTECT, related_name="awards")
    period_start = models.DateField()
    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="awards")
    place = models.CharField(max_length=10, choices=Place.choices, default=Place.WINNER)
    citation = models.CharField(_("Citation"), max_length=CITATION_MAX)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)
    announced_at = models.DateTimeField(null=True, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["period_start", "category", "place", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "period_start", "story"], name="award_once_per_win"),
            models.UniqueConstraint(
                fields=["category", "period_start"], condition=Q(place="winner"), name="award_one_winner"
            ),
        ]

    def __str__(self):
        return f"{self.get_place_display()}: {self.label}"

    @property
    def label(self):
        """“Most creative idea, March 2027”."""
        return award_label(self.category, self.period_start)

    @property
    def badge(self):
        """What the badge says: the label, “Runner-up · …” for a runner-up."""
        if self.place == self.Place.WINNER:
            return self.label
        # Translators: %(award)s is an award with its period: “Most creative idea, March 2027”.
        return gettext("Runner-up · %(award)s") % {"award": self.label}

    @property
    def is_announced(self):
        return self.announced_at is not None


# --- awards in words --------------------------------------------------------------------


def awards_chat_message(awards, *, url_of, awards_url):
    """The JSON body Slack's or Teams' incoming webhook accepts: the awards
    just announced, each with its win, heroes and citation."""
    lines = [gettext("🏆 Awards announced")]
    for award in awards:
        heroes = names_list(award.story.hero_names())
        # Translators: an award, then the headline of the win that won it.
        lines.append(
            gettext("%(award)s: %(headline)s")
            % {"award": text.chat_escape(award.badge), "headline": text.chat_escape(award.story.headline)}
        )
        if heroes:
            # Translators: %(names)s lists the win's heroes: “Ana, Ben and Cy”.
            lines.append(gettext("Heroes: %(names)s") % {"names": text.chat_escape(heroes)})
        # Translators: the award's citation, quoted, then the address of the win.
        lines.append(
            gettext("“%(citation)s” %(url)s")
            % {"citation": text.chat_escape(award.citation), "url": url_of(award.story)}
        )
    lines.append(awards_url)
    return {"text": "\n".join(lines)}
