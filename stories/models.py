"""Winsboard's data: wins (Story), the people and teams they credit, and what
curation, media and the slideshow hang on them.

Reads go through the QuerySet methods below (they name what they select);
writes with side effects go through `stories.services`.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


def display_name(user):
    """What pages call a person: their full name, else their username."""
    if user is None:
        return "A former colleague"
    return user.get_full_name().strip() or user.get_username()


def can_curate(user):
    return bool(user and user.is_authenticated and user.has_perm("stories.curate_story"))


class Team(models.Model):
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A manager's label for wins (value, theme, quarter, campaign).

    Names are unique case-insensitively: "Above and beyond" and
    "above and beyond" are one tag.
    """

    name = models.CharField(max_length=50)
    slug = models.SlugField(max_length=60, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="tag_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class StoryQuerySet(models.QuerySet):
    def published(self):
        """Wins everyone may see in lists: approved and not hidden."""
        return self.filter(status=Story.Status.PUBLISHED, hidden_at__isnull=True)

    def visible_to(self, user):
        """Wins `user` may open by URL: published ones, plus their own
        (pending or hidden) and, for managers, every win."""
        if can_curate(user):
            return self
        return self.filter(Q(status=Story.Status.PUBLISHED, hidden_at__isnull=True) | Q(author=user))

    def featured(self):
        """The featured wall, in the managers' order: pinned first, then by
        wall position, then most recently featured. The slideshow plays this
        order. `stories.services` keeps positions dense (0, 1, 2 …); a win
        featured without one (e.g. straight in the database) comes first
        among the unpinned, on every database (NULLs sort first)."""
        return (
            self.published()
            .filter(featured_at__isnull=False)
            .order_by("-pinned", models.F("wall_position").asc(nulls_first=True), "-featured_at", "-id")
        )

    def newest_first(self):
        return self.order_by("-created_at", "-id")

    def for_cards(self):
        """Everything a story card shows, fetched in a constant number of
        queries however many stories, heroes, tags or photos there are."""
        return self.select_related("author", "team").prefetch_related(
            models.Prefetch("heroes", queryset=get_user_model().objects.order_by("first_name", "username")),
            "tags",
            "photos",
            "video",
        )


class Story(models.Model):
    """One win, told by its author and credited to its heroes."""

    class Kind(models.TextChoices):
        FIXED = "fixed", "Fixed it on the spot"
        CREATIVE = "creative", "Creative idea"
        LEARNED = "learned", "Learned from a miss"
        PRAISE = "praise", "Customer praise"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        PUBLISHED = "published", "Published"

    headline = models.CharField("Headline", max_length=120)
    body = models.TextField("Story", max_length=5000)
    kind = models.CharField("Kind of win", max_length=16, choices=Kind.choices, default=Kind.FIXED)
    heroes = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="Heroes", related_name="credited_stories")
    team = models.ForeignKey(
        Team, verbose_name="Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    happened_on = models.DateField("Date", default=timezone.localdate)
    needed_approval = models.BooleanField("Needed approval", default=False)
    cost = models.DecimalField("Cost to make it right", max_digits=10, decimal_places=2, null=True, blank=True)
    quote = models.TextField("Customer quote", max_length=500, blank=True)
    quote_by = models.CharField("Quote by", max_length=120, blank=True)
    customer_consent = models.BooleanField("Customer agreed", default=False)

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_stories")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Review before publishing (WINSBOARD_REVIEW_BEFORE_PUBLISH) and the review queue.
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    # Set when a manager approves a pending win; cleared once its author has
    # been told (a one-time message on their next page, see stories.approval_notices).
    approval_notice_due = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The featured wall (and so the slideshow's order).
    featured_at = models.DateTimeField(null=True, blank=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feature_note = models.CharField("Why we love this", max_length=200, blank=True)
    wall_position = models.PositiveIntegerField(null=True, blank=True)
    pinned = models.BooleanField(default=False)

    # Hidden by a manager: gone from every list; its author still sees it.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField("Reason", max_length=300, blank=True)

    # The all-hands slideshow: the date it was last shown at one.
    shown_on = models.DateField(null=True, blank=True)

    tags = models.ManyToManyField(Tag, verbose_name="Tags", blank=True, related_name="stories")

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = "win"
        verbose_name_plural = "wins"
        ordering = ["-created_at", "-id"]
        permissions = [("curate_story", "Can tag, feature, hide and review wins")]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="story_feed_idx"),
            models.Index(fields=["status", "hidden_at", "-created_at"], name="story_published_idx"),
            models.Index(fields=["kind", "-created_at"], name="story_kind_idx"),
            models.Index(fields=["team", "-created_at"], name="story_team_idx"),
            models.Index(fields=["featured_at", "wall_position"], name="story_wall_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0), name="story_cost_not_negative"),
            models.CheckConstraint(condition=Q(quote="") | Q(customer_consent=True), name="story_quote_needs_consent"),
        ]

    def __str__(self):
        return self.headline

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

    def hero_names(self):
        """Uses the prefetched heroes (see StoryQuerySet.for_cards)."""
        return [display_name(user) for user in self.heroes.all()]

    def is_editable_by(self, user):
        return user.is_authenticated and (user.pk == self.author_id or can_curate(user))


class Photo(models.Model):
    """A photo on a win. Only re-encoded renditions are stored (see
    `stories.media`); the uploaded bytes are never kept or served."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(default=0)
    alt_text = models.CharField("Alt text", max_length=250)
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
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        REJECTED = "rejected", "Rejected"

    class Provider(models.TextChoices):
        UPLOAD = "upload", "Uploaded file"
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


def new_display_token():
    """43 URL-safe characters (256 random bits): unguessable."""
    return secrets.token_urlsafe(32)


class DisplayLink(models.Model):
    """An unguessable, revocable address that plays the slideshow on a screen
    nobody signs in on (lobby TV, meeting-room computer)."""

    name = models.CharField("Name", max_length=80)
    token = models.CharField(max_length=64, unique=True, editable=False, default=new_display_token)
    query = models.CharField(
        "Filters",
        max_length=300,
        blank=True,
        help_text="Slideshow URL parameters, e.g. tag=q4-kudos&team=3&seconds=20 (see the README).",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def clean(self):
        """The filters must make sense (the admin edits them as text); stored in canonical form."""
        from django.core.exceptions import ValidationError
        from django.http import QueryDict

        from .slideshow import BadSelection, parse_selection

        try:
            self.query = parse_selection(QueryDict(self.query)).as_query()
        except BadSelection as error:
            raise ValidationError({"query": str(error)}) from None

    @property
    def is_active(self):
        return self.revoked_at is None
