"""Cheers and comments. The rules (who may cheer, what a comment may be)
are in `stories.models.celebrate`; every refusal is a CelebrateError whose
message tells the person why. The people a cheer or comment concerns are
told through `stories.services.notifications`."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ..lib import limits
from ..models import Cheer, Comment, Story
from ..models.celebrate import (
    COMMENTS_PER_MINUTE,
    EDIT_TOO_LATE,
    CelebrateError,
    NotAllowed,
    cheer_refusal,
    comment_clean_body,
    comment_clean_reason,
)
from .changes import wins_changed
from .notifications import (
    notify_cheered,
    notify_comment_gone,
    notify_commented,
    notify_mentioned_in_comment,
    notify_uncheered,
)

NOT_SHARED = gettext_lazy("Only wins shared with everyone can be cheered or commented on.")


def _shared(story):
    if story.status != Story.Status.PUBLISHED or story.is_hidden:
        raise CelebrateError(NOT_SHARED)


@transaction.atomic
def cheer_set(*, story, user, on):
    """Cheer `story` as `user` (`on`), or take the cheer back. Saying what
    the person wants — not "toggle" — makes a double click, two tabs or two
    requests at once end the same way; the database keeps one cheer per
    person. Returns the win's cheer count, counted by the database."""
    _shared(story)
    refusal = cheer_refusal(
        user_id=user.pk, author_id=story.author_id, hero_ids=story.heroes.values_list("pk", flat=True)
    )
    if refusal:
        raise NotAllowed(refusal)
    if on and not Cheer.objects.on(story).by(user).exists():
        try:
            with transaction.atomic():
                Cheer.objects.create(story=story, user=user)
        except IntegrityError:  # the same person's other request got there first
            pass
        else:
            wins_changed(story)  # the count shows on cards and slides
            notify_cheered(story=story, by=user)
    elif not on and Cheer.objects.on(story).by(user).delete()[0]:
        wins_changed(story)
        notify_uncheered(story=story, by=user)
    return Cheer.objects.on(story).count()


def comment_quota_take(*, user):
    """Count one comment by `user` this minute; False once they have posted
    more than COMMENTS_PER_MINUTE (stories.lib.limits, like the sign-in
    limits: share a cache between processes in production)."""
    return limits.hit("comments", user.pk, limit=COMMENTS_PER_MINUTE, window=60)


@transaction.atomic
def comment_create(*, story, author, body):
    _shared(story)
    comment = Comment.objects.create(story=story, author=author, body=comment_clean_body(body))
    wins_changed(story)  # the count shows on cards
    notify_commented(story=story, by=author)
    notify_mentioned_in_comment(comment=comment, by=author)
    return comment


@transaction.atomic
def comment_edit(*, comment, by, body):
    if not comment.is_editable_by(by):
        raise NotAllowed(EDIT_TOO_LATE)
    before = comment.body
    comment.body, comment.edited_at = comment_clean_body(body), timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    notify_mentioned_in_comment(comment=comment, by=by, before=before)  # people newly mentioned
    return comment


def _after_comment_gone(comment):
    if not Comment.objects.shown().filter(story_id=comment.story_id, author_id=comment.author_id).exists():
        notify_comment_gone(story=comment.story, by=comment.author)


@transaction.atomic
def comment_delete(*, comment, by):
    """Its author may delete their comment at any time."""
    if not comment.is_deletable_by(by):
        raise NotAllowed(gettext("Only its author can delete a comment. Managers can hide it."))
    comment.delete()
    wins_changed([comment.story_id])
    _after_comment_gone(comment)


@transaction.atomic
def comment_hide(*, comment, by, reason):
    """A manager hides a comment: its author sees it, with the reason; nobody else."""
    reason = comment_clean_reason(reason)
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), by, reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    wins_changed([comment.story_id])
    _after_comment_gone(comment)
    return comment
