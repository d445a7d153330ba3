"""Wins (Story), the teams they come from, and every read of them as a named
QuerySet method (StoryQuerySet lists where each one is). Writes with side
effects go through `stories.services`."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cards import CardQuerySet
from .celebrate import CelebrationQuerySet
from .curation import Tag, changes_between, shown_fields
from .customer_voice import CONFIRMING, Answer
from .insight import InsightQuerySet
from .names import HERO_ORDER, display_name, heroes_in_order  # noqa: F401  (where callers have found them)
from .roles import can_curate
from .search import FindQuerySet

# What the person posting a win writes (the post form's fields, in its order,
# heroes aside: they are a relation), and so what posting and editing save.
POSTED_FIELDS = ("headline", "body", "kind", "team", "happened_on", "needed_approval", "cost", "quote", "quote_by")
POSTED_FIELDS += ("customer_consent",)


class Team(models.Model):
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StoryQuerySet(CelebrationQuerySet, CardQuerySet, InsightQuerySet, FindQuerySet):
    """Every read of wins: the methods below, and those of its mixins —
    models/celebrate.py  CelebrationQuerySet: with_cheer_counts, with_cheers, with_comment_counts, cheered_by,
                         with_celebration; the digest's posted_between, featured_between, hero_tally
    models/cards.py      CardQuerySet: card_keys, for_card_html, showing_person, showing_people
    models/search.py     FindQuerySet: search, best_first, search_sources, filtered, in_order_for,
                         credited_to_id, involving, credit_counts, with_celebration_counts
    models/insight.py    InsightQuerySet: for_insight, by_team_and_month, heroes_by_team, cost_middles_by_team,
                         cost_middles_by_person, over_budget_newest_first, lessons, quiet_people, quiet_teams,
                         customer_voice_figures
    (tests/test_code_layout.py checks that this names each of them)."""

    # --- who sees what ---------------------------------------------------------

    def published(self):
        """Wins everyone may see in lists: approved and not hidden."""
        return self.filter(PUBLISHED)

    def visible_to(self, user):
        """Wins `user` may open by URL: published ones, plus their own
        (pending or hidden) and, for managers, every win."""
        if can_curate(user):
            return self
        return self.filter(PUBLISHED | Q(author=user))

    # --- the review queue ------------------------------------------------------

    def in_queue(self, show):
        """One list of the review queue (one of QUEUES): "review" (nobody has
        looked at it yet), "pending" (waits for approval) or "hidden"."""
        return self.filter(QUEUES[show])

    def over_budget(self):
        """Wins that cost more than the empowerment budget (the queue's filter)."""
        return self.filter(_over_budget())

    def queue_counts(self, show="review"):
        """Every count at the top of the review queue, in one query;
        `over_budget` counts those of the list `show` (one of QUEUES)."""
        return self.aggregate(
            review=Count("pk", filter=TO_REVIEW),
            pending=Count("pk", filter=PENDING),
            hidden=Count("pk", filter=HIDDEN),
            featured=Count("pk", filter=FEATURED),
            over_budget=Count("pk", filter=QUEUES[show] & _over_budget()),
        )

    # --- the wall and the slideshow --------------------------------------------

    def featured(self):
        """The featured wall, in the managers' order: pinned first, then by
        wall position, then most recently featured. The slideshow plays this
        order. `stories.services` keeps positions dense (0, 1, 2 …); a win
        featured without one (e.g. straight in the database) comes first
        among the unpinned, on every database (NULLs sort first)."""
        return self.filter(FEATURED).order_by(
            "-pinned", models.F("wall_position").asc(nulls_first=True), "-featured_at", "-id"
        )

    def narrowed(self, selection):
        """The slideshow's tag and team filters (a `stories.lib.slideshow_filters.Selection`)."""
        wins = self
        if selection.tag:
            wins = wins.filter(tags__slug=selection.tag)
        if selection.team is not None:
            wins = wins.filter(team_id=selection.team)
        return wins

    def for_deck(self, selection, *, today):
        """The featured wins a slideshow deck plays, in the wall's order.
        `unshown` keeps wins never shown at an all-hands, and those marked
        shown today (so replaying today's deck does not empty it)."""
        wins = self.featured().narrowed(selection)
        if selection.since:
            wins = wins.filter(happened_on__gte=selection.since)
        if selection.unshown:
            wins = wins.filter(Q(shown_on__isnull=True) | Q(shown_on__gte=today))
        return wins

    def month_counts(self, selection, *, today):
        """“Wins this month” on the title slide: published wins that happened
        this month (within the deck's tag and team), the heroes they credit
        and the teams they come from."""
        month = {"happened_on__gte": today.replace(day=1), "happened_on__lte": today}
        wins = self.published().narrowed(selection).filter(**month)
        return wins.aggregate(
            wins=Count("pk", distinct=True), heroes=Count("heroes", distinct=True), teams=Count("team", distinct=True)
        )

    # --- lists -----------------------------------------------------------------

    def newest_first(self):
        return self.order_by("-created_at", "-id")

    def last_team_of(self, author):
        """The team of `author`'s latest win (None for none): the post form starts with it."""
        return self.filter(author=author).newest_first().values_list("team_id", flat=True).first()

    def credited_to(self, person):
        return self.filter(heroes=person)

    # --- what a page shows -----------------------------------------------------

    def for_cards(self):
        """Everything a story card shows, fetched in a constant number of
        queries however many stories, heroes, tags or photos there are."""
        wins = self.select_related("author__profile", "team", "hidden_snapshot", "video")
        wins = wins.defer("search_vector")  # pages never show it
        return wins.prefetch_related(heroes_in_order(), "tags", "photos")

    def for_export(self):
        """A row of the CSV export: a constant number of queries for each
        chunk of wins (`iterator(chunk_size=…)` keeps the prefetches)."""
        wins = self.select_related("team", "author__profile").defer("search_vector")
        wins = wins.prefetch_related(heroes_in_order(), "tags")
        return wins.with_celebration_counts()

    def for_queue_rows(self):
        """A line of the review queue's list: a constant number of queries."""
        wins = self.select_related("team", "author__profile").defer("search_vector")
        return wins.prefetch_related(heroes_in_order(), "tags")

    def for_slides(self):
        """Everything a slide shows, in a constant number of queries."""
        return self.select_related("team", "video").prefetch_related(heroes_in_order(), "photos")


class Story(models.Model):
    """One win, told by its author and credited to its heroes."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed it on the spot")
        CREATIVE = "creative", _("Creative idea")
        LEARNED = "learned", _("Learned from a miss")
        PRAISE = "praise", _("Customer praise")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(_("Headline"), max_length=120)
    body = models.TextField(_("Story"), max_length=5000)
    kind = models.CharField(_("Kind of win"), max_length=16, choices=Kind.choices, default=Kind.FIXED)
    heroes = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("Heroes"), related_name="credited_stories")
    team = models.ForeignKey(
        Team, verbose_name=_("Team"), null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    happened_on = models.DateField(_("Date"), default=timezone.localdate)
    needed_approval = models.BooleanField(_("Needed approval"), default=False)
    cost = models.DecimalField(_("Cost to make it right"), max_digits=10, decimal_places=2, null=True, blank=True)
    quote = models.TextField(_("Customer quote"), max_length=500, blank=True)
    quote_by = models.CharField(_("Quote by"), max_length=120, blank=True)
    customer_consent = models.BooleanField(_("Customer agreed"), default=False)
    # The customer's latest answer by their link, how it made them feel, their 1–5 rating
    # (stories.models.customer_voice; written by stories.services.customer_voice).
    customer_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True, editable=False)
    customer_feeling = models.CharField(max_length=300, blank=True, editable=False)
    customer_rating = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_stories")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Review before publishing (WINSBOARD_REVIEW_BEFORE_PUBLISH) and the review queue.
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The featured wall (and so the slideshow's order).
    featured_at = models.DateTimeField(null=True, blank=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feature_note = models.CharField(_("Why we love this"), max_length=200, blank=True)
    wall_position = models.PositiveIntegerField(null=True, blank=True)
    pinned = models.BooleanField(default=False)

    # Hidden by a manager: gone from every list; its author still sees it.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(_("Reason"), max_length=300, blank=True)

    # The all-hands slideshow: the date it was last shown at one.
    shown_on = models.DateField(null=True, blank=True)

    tags = models.ManyToManyField(Tag, verbose_name=_("Tags"), blank=True, related_name="stories")

    # The token of the post/edit form that last saved this win: the same form
    # sent twice (a double-click, a retry) saves once (stories.services.wins).
    form_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # Full-text search on PostgreSQL (a GIN index is made by migration 0006
    # there); always empty on SQLite, which uses its FTS5 table instead.
    # Written by stories.services.search.
    search_vector = SearchVectorField(null=True, editable=False)
    # What the win's card shows changed: moved by `stories.services.wins_changed`
    # (UPDATE … + 1 in the writing transaction), never by save(); cached cards are
    # keyed by it (stories.views.cards).
    card_version = models.PositiveIntegerField(default=0, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("win")
        verbose_name_plural = _("wins")
        ordering = ["-created_at", "-id"]
        permissions = [("curate_story", _("Can tag, feature, hide and review wins"))]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="story_feed_idx"),
            models.Index(fields=["status", "hidden_at", "-created_at"], name="story_published_idx"),
            models.Index(fields=["kind", "-created_at"], name="story_kind_idx"),
            models.Index(fields=["team", "-created_at"], name="story_team_idx"),
            models.Index(fields=["featured_at", "wall_position"], name="story_wall_idx"),
            # The wall and the slideshow read only featured wins, in the wall's order:
            # without it SQLite scans every win (10,000 → ~10 ms a page).
            models.Index(
                fields=["-pinned", "wall_position", "-featured_at"],
                condition=Q(featured_at__isnull=False),
                name="story_featured_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0), name="story_cost_not_negative"),
            models.CheckConstraint(condition=Q(quote="") | Q(customer_consent=True), name="story_quote_needs_consent"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """An update never writes `card_version` back: a copy loaded before
        another request moved it would turn it back to a version whose
        cached card shows something else."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = UPDATED_BY_SAVE
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("story_detail", args=[self.pk])

    @property
    def is_featured(self):
        return self.featured_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def over_budget(self):
        return self.cost is not None and self.cost > settings.WINSBOARD_EMPOWERMENT_BUDGET

    @property
    def decided_on_the_spot(self):
        return not self.needed_approval

    @property
    def confirmed_by_customer(self):
        return self.customer_answer in CONFIRMING

    @property
    def shown_quote(self):
        """The quote where colleagues see it (cards, the wall, slides, feeds,
        e-mails): none without consent, and with
        WINSBOARD_REQUIRE_CUSTOMER_CONSENT none until the customer confirmed it."""
        if not (self.quote and self.customer_consent):
            return ""
        if settings.WINSBOARD_REQUIRE_CUSTOMER_CONSENT and not self.confirmed_by_customer:
            return ""
        return self.quote

    def cost_visible_to(self, user):
        """What a win cost stays between the people who spent it and the
        managers: its author, its heroes (the prefetched ones) and managers."""
        if not user.is_authenticated:
            return False
        if user.pk == self.author_id or can_curate(user):
            return True
        return any(hero.pk == user.pk for hero in self.heroes.all())

    # --- hidden, fixed, and asked to be shown again (models.curation.HiddenSnapshot) ---

    @property
    def snapshot(self):
        """The win as it was hidden, or None (use a queryset that selects
        `hidden_snapshot`, as for_cards() does, to read it without a query)."""
        try:
            return self.hidden_snapshot
        except ObjectDoesNotExist:
            return None

    @property
    def asked_to_show_again(self):
        """When the author of this hidden win asked for it to be shown again (or None)."""
        snapshot = self.snapshot
        return snapshot.resubmitted_at if self.is_hidden and snapshot is not None else None

    def changes_since_hidden(self):
        """What changed since it was hidden: [{"label", "before", "after"}];
        None when nothing was recorded at hiding time."""
        snapshot = self.snapshot
        if snapshot is None or not snapshot.fields:
            return None
        return changes_between(snapshot.fields, shown_fields(self))

    def can_be_resubmitted_by(self, user):
        """Only the author of a hidden win asks for it to be shown again."""
        return self.is_hidden and user.is_authenticated and user.pk == self.author_id

    @property
    def award_badges(self):
        """Its announced awards, newest period first (prefetched with their categories:
        `with_award_categories` in models/cards.py; those chosen, not announced, never show)."""
        awards = [award for award in self.awards.all() if award.announced_at is not None]
        return sorted(awards, key=lambda award: (-award.period_start.toordinal(), award.category.position, award.pk))

    def hero_names(self):
        """Uses the prefetched heroes (see StoryQuerySet.for_cards)."""
        return [display_name(user) for user in self.heroes.all()]

    def is_editable_by(self, user):
        return user.is_authenticated and (user.pk == self.author_id or can_curate(user))


def _over_budget():
    return Q(cost__gt=settings.WINSBOARD_EMPOWERMENT_BUDGET)  # read each time: the setting may change in tests


# What the reads above select, named once (they run after Story exists).
UPDATED_BY_SAVE = [f.name for f in Story._meta.concrete_fields if not f.primary_key and f.name != "card_version"]
PUBLISHED = Q(status=Story.Status.PUBLISHED, hidden_at__isnull=True)
FEATURED = PUBLISHED & Q(featured_at__isnull=False)
# Not reviewed yet; a hidden win only when its author asked for it to be shown again.
TO_REVIEW = Q(reviewed_at__isnull=True) & (Q(hidden_at__isnull=True) | Q(hidden_snapshot__resubmitted_at__isnull=False))
PENDING = Q(status=Story.Status.PENDING, hidden_at__isnull=True)
HIDDEN = Q(hidden_at__isnull=False)
QUEUES = {"review": TO_REVIEW, "pending": PENDING, "hidden": HIDDEN}
