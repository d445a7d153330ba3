"""Celebrating a win: cheers (one per person per win) and comments; their
rules — who may cheer, what a comment may be, what a cheer calls a person —
which the forms, the services and the pages all apply, so a refusal reads
the same everywhere; and the reads every card needs — counts and the latest
cheerers' names in a constant number of queries
(`StoryQuerySet.with_celebration`).

Writes go through `stories.services.celebrate`."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from ..lib import text
from .roles import can_curate

COMMENT_MAX = 1000
COMMENT_EDIT_MINUTES = 15
COMMENT_REASON_MAX = 300  # Comment.hidden_reason's max_length
COMMENTS_PER_MINUTE = 5  # more than this in a minute: a polite 429
NAMES_SHOWN = 2


class CelebrateError(ValueError):
    """A cheer or comment that cannot be; the message tells the person why."""


class NotAllowed(CelebrateError):
    """Not for this person: their own win, someone else's comment (a 403)."""


# --- cheers -------------------------------------------------------------------

OWN_WIN = _("You can't cheer a win you posted. Your colleagues can.")
CREDITED_WIN = _("You can't cheer a win that credits you. Your colleagues can.")


def own_win_line(refusal, cheer_count):
    """What the win's page tells its author or a credited hero instead of a
    Cheer button: warmly, with how many colleagues cheered."""
    if refusal == OWN_WIN:
        if not cheer_count:
            return gettext("You posted this win. Your colleagues can cheer it.")
        return ngettext(
            "You posted this win — %(count)s colleague cheered.",
            "You posted this win — %(count)s colleagues cheered.",
            cheer_count,
        ) % {"count": cheer_count}
    if not cheer_count:
        return gettext("You're credited as a hero on this win. Your colleagues can cheer it.")
    return ngettext(
        "You're credited as a hero on this win — %(count)s colleague cheered.",
        "You're credited as a hero on this win — %(count)s colleagues cheered.",
        cheer_count,
    ) % {"count": cheer_count}


def cheer_refusal(*, user_id, author_id, hero_ids):
    """Why `user_id` may not cheer this win (its author or one of its
    heroes), or None when they may."""
    if user_id == author_id:
        return OWN_WIN
    if user_id in set(hero_ids):
        return CREDITED_WIN
    return None


def first_name(user):
    """What a cheer or a notification calls a person: their first name, else
    their username."""
    if user is None:
        return gettext("A former colleague")
    return (user.first_name or "").strip() or user.get_username()


def people_phrase(names, *, total=None, shown=NAMES_SHOWN):
    """Who did it, in the reader's language, as one phrase the sentences
    around it take whole: “Ana”, “Ana and Luis”, “Ana, Luis and 12 others”;
    no name at all: “3 people”. The sentences choose their plural form by
    `total` (ngettext), so a verb can agree with however many did it."""
    names = [name for name in names if name][:shown]
    total = len(names) if total is None else max(total, len(names))
    extra = total - len(names)
    if not names:
        return ngettext("%(count)s person", "%(count)s people", extra) % {"count": extra}
    if len(names) == 1 and not extra:
        return names[0]
    if not extra:
        # Translators: two people's first names.
        return gettext("%(first)s and %(second)s") % {"first": names[0], "second": names[1]}
    if len(names) == 1:
        # Translators: a person's first name, then how many others did the same.
        return ngettext("%(first)s and %(count)s other", "%(first)s and %(count)s others", extra) % {
            "first": names[0],
            "count": extra,
        }
    # Translators: two people's first names, then how many others did the same.
    return ngettext(
        "%(first)s, %(second)s and %(count)s other", "%(first)s, %(second)s and %(count)s others", extra
    ) % {"first": names[0], "second": names[1], "count": extra}


def names_list(names):
    """Every name, in the reader's language: “Ana”, “Ana and Ben”, “Ana, Ben
    and Cy” (a win's heroes in a chat message, a CSV column)."""
    names = [str(name) for name in names if name]
    if len(names) < 2:
        return "".join(names)
    # Translators: what separates names in a list, as in “Ana, Ben and Cy”.
    head = pgettext("between names in a list", ", ").join(names[:-1])
    # Translators: the end of a list of names, as in “Ana, Ben and Cy”: %(names)s is “Ana, Ben”.
    return gettext("%(names)s and %(last)s") % {"names": head, "last": names[-1]}


# --- comments -----------------------------------------------------------------


def _edit_too_late():
    return ngettext(
        "You can edit your comment for %(minutes)s minute after writing it. You can still delete it.",
        "You can edit your comment for %(minutes)s minutes after writing it. You can still delete it.",
        COMMENT_EDIT_MINUTES,
    ) % {"minutes": COMMENT_EDIT_MINUTES}


EDIT_TOO_LATE = lazy(_edit_too_late, str)()  # read in the reader's language


def comment_clean_body(body):
    """A comment as stored: plain text, line breaks kept, at most COMMENT_MAX
    characters. Raises CelebrateError when empty or too long."""
    body = text.paragraphs(body)
    return text.within(
        body,
        limit=COMMENT_MAX,
        empty=gettext("Write something first."),
        too_long=too_long_message(
            gettext("Keep comments to %(limit)s characters (this one has %(count)s)."),
            limit=COMMENT_MAX,
            value=body,
            grouping=True,
        ),
        error=CelebrateError,
    )


def comment_clean_reason(reason):
    """Why a manager hid a comment (its author reads it): one line, up to
    COMMENT_REASON_MAX characters."""
    reason = text.one_line(reason)
    return text.within(
        reason,
        limit=COMMENT_REASON_MAX,
        empty=gettext("Give a reason for hiding this comment. Its author will see it."),
        too_long=too_long_message(
            gettext("Keep the reason to %(limit)s characters (it has %(count)s)."),
            limit=COMMENT_REASON_MAX,
            value=reason,
        ),
        error=CelebrateError,
    )


def too_long_message(message, *, limit, value, grouping=False):
    """`message` (translated, with %(limit)s and %(count)s) filled in for
    `value`, for `text.within` (which formats it again: it has no braces
    left, so that changes nothing)."""
    count = len(value)
    if grouping:
        limit, count = number_format(limit, force_grouping=True), number_format(count, force_grouping=True)
    return message.replace("{", "{{").replace("}", "}}") % {"limit": limit, "count": count}


def comment_editable(created_at, now):
    """May its author still edit a comment written at `created_at`?"""
    return now - created_at <= timedelta(minutes=COMMENT_EDIT_MINUTES)


# --- cheers and comments, stored ------------------------------------------------


class CheerQuerySet(models.QuerySet):
    def on(self, story):
        return self.filter(story=story)

    def by(self, user):
        return self.filter(user=user)

    def everyone_in_order(self):
        """Everyone who cheered, first cheer first (the win page's list)."""
        return self.select_related("user").order_by("created_at", "id")

    def between(self, start, end):
        return self.filter(created_at__gte=start, created_at__lt=end)

    def on_shared_wins(self):
        return self.filter(story__status="published", story__hidden_at__isnull=True)

    def counts_by_story(self):
        """{story id: cheers} for these cheers, in one query."""
        return dict(self.order_by().values("story").annotate(n=Count("pk")).values_list("story", "n"))


class Cheer(models.Model):
    """One colleague's cheer for a win. The database keeps it to one per
    person per win, whatever the timing of their clicks."""

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="cheers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cheers_given")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CheerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["story", "user"], name="cheer_once_per_person")]
        indexes = [models.Index(fields=["story", "-created_at"], name="cheer_latest_idx")]

    def __str__(self):
        return f"{self.user_id} cheered {self.story_id}"


class CommentQuerySet(models.QuerySet):
    def shown(self):
        """Comments everyone sees: not hidden by a manager."""
        return self.filter(hidden_at__isnull=True)

    def visible_to(self, user):
        """What `user` sees under a win: shown comments, their own hidden
        ones (with the reason), and for managers every comment."""
        if can_curate(user):
            return self
        return self.filter(Q(hidden_at__isnull=True) | Q(author=user))

    def under(self, story):
        """A win's comments, oldest first (a conversation reads downwards)."""
        return self.filter(story=story).select_related("author", "hidden_by").order_by("created_at", "id")

    def by(self, user):
        return self.filter(author=user)


class Comment(models.Model):
    """A short plain-text comment under a win."""

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("Comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(_("Reason"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["story", "created_at"], name="comment_thread_idx")]

    def __str__(self):
        return f"Comment {self.pk} on {self.story_id}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def is_editable_by(self, user, now=None):
        """Its author, within COMMENT_EDIT_MINUTES of writing it, and not hidden."""
        mine = user.is_authenticated and user.pk == self.author_id
        return mine and not self.is_hidden and comment_editable(self.created_at, now or timezone.now())

    def is_deletable_by(self, user):
        return user.is_authenticated and user.pk == self.author_id


class CelebrationQuerySet(models.QuerySet):
    """Mixed into StoryQuerySet: what a card, the wall or a slide shows of
    the celebration, whatever the number of cheers and comments: two
    annotations and one prefetch (the latest NAMES_SHOWN cheers per win)."""

    def with_cheer_counts(self):
        """`cheer_count` per win (one subquery)."""
        count = Cheer.objects.filter(story=OuterRef("pk")).order_by().values("story").annotate(n=Count("pk"))
        return self.annotate(cheer_count=Coalesce(Subquery(count.values("n")), 0))

    def with_cheers(self):
        """`cheer_count`, and `latest_cheers` (with their people), newest first."""
        latest = Cheer.objects.select_related("user").order_by("-created_at", "-id")[:NAMES_SHOWN]
        return self.with_cheer_counts().prefetch_related(Prefetch("cheers", queryset=latest, to_attr="latest_cheers"))

    def with_comment_counts(self):
        """`comment_count`: the comments everyone sees."""
        count = Comment.objects.shown().filter(story=OuterRef("pk")).order_by().values("story").annotate(n=Count("pk"))
        return self.annotate(comment_count=Coalesce(Subquery(count.values("n")), 0))

    def cheered_by(self, user):
        """`cheered`: has `user` cheered the win?"""
        return self.annotate(cheered=Exists(Cheer.objects.filter(story=OuterRef("pk"), user_id=user.pk)))

    def with_celebration(self, viewer):
        """Everything the cheer and comment bar shows `viewer`."""
        return self.with_cheers().with_comment_counts().cheered_by(viewer)

    # --- the weekly digest -----------------------------------------------------

    def posted_between(self, start, end):
        return self.filter(created_at__gte=start, created_at__lt=end)

    def featured_between(self, start, end):
        """Wins on the wall now that were featured between `start` and `end`."""
        return self.featured().filter(featured_at__gte=start, featured_at__lt=end)

    def hero_tally(self):
        """[(hero id, wins)] credited in these wins, most wins first."""
        tally = self.order_by().filter(heroes__isnull=False).values("heroes").annotate(wins=Count("pk", distinct=True))
        return list(tally.order_by("-wins", "heroes").values_list("heroes", "wins"))
