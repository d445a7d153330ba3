"""Telling people what happened to their wins, and their choices about it.

Every `notify_*` is called inside the service that made the event (a
cheer, a feature …), so a notification exists exactly when the event
does. The rules, everywhere:
- nobody is told of their own action (the actor is never a recipient);
- nobody is told of a win they may not open: a published win tells its
  author and heroes; a hidden or pending one only its author (heroes hear
  once it is published, see `notify_credited`);
- cheers and comments gather into one unread notification per win.
E-mails and the chat message are background tasks, enqueued once the
transaction commits (a failure there never undoes or breaks the action).
No page render writes: marking read is a POST."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import tasks
from ..lib import mentions
from ..models import DigestSent, Notification, NotificationPreferences, Story, new_feed_token, people
from ..models.notifications import two_lines

log = logging.getLogger(__name__)

# --- background work: the tasks, imported (they import the services they call lazily) ---


def _later(task, *args):
    """Enqueue `task` once the transaction commits; robust: a queue that
    cannot take the job is logged, never a 500 after the commit."""
    transaction.on_commit(partial(task.enqueue, *args), robust=True)


# --- who hears of what --------------------------------------------------------------


def _involved(story):
    """The author and heroes of `story`, by id."""
    return {story.author_id, *story.heroes.values_list("pk", flat=True)}


def _may_open(story, user_id):
    return (story.status == Story.Status.PUBLISHED and not story.is_hidden) or user_id == story.author_id


def _audience(story, recipients, actor):
    actor_id = getattr(actor, "pk", actor)
    return sorted(pk for pk in set(recipients) if pk is not None and pk != actor_id and _may_open(story, pk))


def _tell(*, kind, story, recipients, actor=None, detail=""):
    """One notification per recipient (see the rules above); e-mail for the
    kinds people may get by e-mail, once committed."""
    return _tell_each(kind=kind, recipients_of={story: recipients}, actor=actor, detail=detail)


def _tell_each(*, kind, recipients_of, actor=None, detail=""):
    """`_tell` for many wins at once ({story: recipients}): the same queries
    however many wins and recipients."""
    audiences = {story: _audience(story, recipients, actor) for story, recipients in recipients_of.items()}
    now = timezone.now()
    made = Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, story=story, detail=detail, created_at=now)
        for story, audience in audiences.items()
        for pk in audience
    )
    if not made:
        return []
    if actor is not None:
        Notification.actors.through.objects.bulk_create(
            Notification.actors.through(notification_id=made_one.pk, user_id=actor.pk) for made_one in made
        )
    if kind in Notification.BY_EMAIL:
        audience = {notification.recipient_id for notification in made}
        reachable = set(get_user_model().objects.filter(pk__in=audience).exclude(email="").values_list("pk", flat=True))
        for notification in made:
            if notification.recipient_id in reachable:
                _later(tasks.email_notification, notification.pk)
    return made


def _join_group(*, kind, story, recipients, actor):
    """Add `actor` to each recipient's unread group for `story` (made when
    there is none), and move it to the top: the same four queries however
    many heroes. The unique index on open groups keeps one each, also when
    colleagues cheer at the same moment (a conflicting insert is skipped and
    the group it met is joined)."""
    audience = _audience(story, recipients, actor)
    if not audience:
        return
    now = timezone.now()
    Notification.objects.bulk_create(
        [Notification(recipient_id=pk, story=story, kind=kind, created_at=now) for pk in audience],
        ignore_conflicts=True,
    )
    groups = Notification.objects.filter(recipient_id__in=audience, story=story, kind=kind, read_at__isnull=True)
    groups.update(created_at=now)
    joined = Notification.actors.through
    joined.objects.bulk_create(
        [joined(notification_id=pk, user_id=actor.pk) for pk in groups.values_list("pk", flat=True)],
        ignore_conflicts=True,
    )


def _leave_groups(*, kind, story, actor):
    """`actor` took their cheer (or last comment) back: out of the unread
    groups; a group left with nobody goes."""
    groups = Notification.objects.filter(story=story, kind=kind, read_at__isnull=True, actors=actor)
    ids = list(groups.values_list("pk", flat=True))
    Notification.actors.through.objects.filter(notification_id__in=ids, user_id=actor.pk).delete()
    Notification.objects.filter(pk__in=ids, actors__isnull=True).delete()


def notify_credited(*, story, by=None):
    """Tell each hero of `story` who may open it and has not been told yet
    that they were credited (after posting, editing, approval, unhiding)."""
    told = Notification.objects.filter(story=story, kind=Notification.Kind.CREDITED).values_list("recipient_id")
    heroes = set(story.heroes.exclude(pk__in=told).values_list("pk", flat=True)) - {story.author_id}
    actor = by if by is not None else story.author
    return _tell(kind=Notification.Kind.CREDITED, story=story, recipients=heroes, actor=actor)


def _mentioned_ids(text):
    return {person.pk for person in mentions.mentioned(text, people().spelled(mentions.candidates(text)))}


def notify_mentioned_in_story(*, story, by=None, before=""):
    """Tell the people `story`'s text mentions (@priya, @Priya Nair) who may
    open it — once per win: an edit that keeps a mention tells nobody again
    (nor do `before`'s mentions, the text as it was). A pending or hidden
    win tells nobody but its author; they hear once it is shared (approval
    and unhiding call this again)."""
    told = Notification.objects.filter(story=story, kind=Notification.Kind.MENTIONED, detail="")
    wanted = _mentioned_ids(story.body) - _mentioned_ids(before) - set(told.values_list("recipient_id", flat=True))
    actor = by if by is not None else story.author
    return _tell(kind=Notification.Kind.MENTIONED, story=story, recipients=wanted, actor=actor)


def notify_mentioned_in_comment(*, comment, by, before=""):
    """Tell the people a comment mentions (not those its earlier text,
    `before`, already mentioned), if they may open its win."""
    wanted = _mentioned_ids(comment.body) - _mentioned_ids(before)
    return _tell(kind=Notification.Kind.MENTIONED, story=comment.story, recipients=wanted, actor=by, detail="comment")


def notify_approved(*, story, by=None):
    """Tell the author that a manager approved their pending win."""
    return _tell(kind=Notification.Kind.APPROVED, story=story, recipients=[story.author_id], actor=by)


def notify_featured(*, story, by):
    """Tell the author and heroes, with the manager's note; and post to the
    chat when a webhook is set."""
    made = _tell(
        kind=Notification.Kind.FEATURED, story=story, recipients=_involved(story), actor=by, detail=story.feature_note
    )
    if settings.WINSBOARD_CHAT_WEBHOOK_URL:
        _later(tasks.post_featured_to_chat, story.pk)
    return made


def notify_feature_note(*, story):
    """The note changed: unread "featured" notifications show the new one."""
    unread = Notification.objects.filter(story=story, kind=Notification.Kind.FEATURED, read_at__isnull=True)
    unread.update(detail=story.feature_note)


def notify_hidden(*, story, by):
    """Tell the author why (their heroes cannot see the win any more)."""
    return _tell(
        kind=Notification.Kind.HIDDEN, story=story, recipients=[story.author_id], actor=by, detail=story.hidden_reason
    )


def notify_shown(*, stories, on, by=None):
    """Tell the author and heroes of each win shown at the all-hands (the
    same queries however many wins)."""
    stories = list(stories)
    credited = Story.heroes.through.objects.filter(story__in=[story.pk for story in stories])
    involved = {story: {story.author_id} for story in stories}
    by_pk = {story.pk: story for story in stories}
    for story_id, user_id in credited.values_list("story_id", "user_id"):
        involved[by_pk[story_id]].add(user_id)
    _tell_each(kind=Notification.Kind.SHOWN, recipients_of=involved, actor=by, detail=on.isoformat())


def notify_customer_answered(*, story, answer):
    """Tell the author what the customer answered by their link (an edit
    changes the words their win shows)."""
    return _tell(kind=Notification.Kind.CUSTOMER, story=story, recipients=[story.author_id], detail=answer)


def notify_cheered(*, story, by):
    _join_group(kind=Notification.Kind.CHEERED, story=story, recipients=_involved(story), actor=by)


def notify_uncheered(*, story, by):
    _leave_groups(kind=Notification.Kind.CHEERED, story=story, actor=by)


def notify_commented(*, story, by):
    _join_group(kind=Notification.Kind.COMMENTED, story=story, recipients=_involved(story), actor=by)


def notify_comment_gone(*, story, by):
    """`by` has no comment left that everyone sees under `story`."""
    _leave_groups(kind=Notification.Kind.COMMENTED, story=story, actor=by)


def notify_draft_waiting(*, draft):
    """Tell the owner of a draft made from a forwarded e-mail that it waits for them."""
    made = Notification.objects.create(
        recipient_id=draft.owner_id, kind=Notification.Kind.DRAFT, draft=draft, created_at=timezone.now()
    )
    if draft.owner.email:
        _later(tasks.email_notification, made.pk)
    return made


def notify_nominated(*, nomination):
    """Join the author's and heroes' unread "nominated" group for the win;
    the group shows the latest nomination's category and reason."""
    story, by = nomination.story, nomination.nominator
    _join_group(kind=Notification.Kind.NOMINATED, story=story, recipients=_involved(story), actor=by)
    Notification.objects.filter(story=story, kind=Notification.Kind.NOMINATED, read_at__isnull=True).update(
        detail=two_lines(nomination.category.shown_name, nomination.reason)
    )


def notify_unnominated(*, story, by):
    """`by` has no nomination of `story` left: out of the unread groups."""
    _leave_groups(kind=Notification.Kind.NOMINATED, story=story, actor=by)


def notify_nominations_withdrawn(*, nominations, by):
    """Tell each nominator their nomination went with the win (hidden): the
    win is no longer theirs to open, so the notification names it in words."""
    made = Notification.objects.bulk_create(
        Notification(
            recipient_id=nomination.nominator_id,
            kind=Notification.Kind.WITHDRAWN,
            detail=two_lines(nomination.category.shown_name, nomination.story.headline),
        )
        for nomination in nominations
        if nomination.nominator_id != getattr(by, "pk", None)
    )
    if by is not None:
        Notification.actors.through.objects.bulk_create(
            Notification.actors.through(notification_id=one.pk, user_id=by.pk) for one in made
        )
    return made


def notify_awarded(*, award, by):
    """Tell the win's author and heroes (in the app; by e-mail unless they
    turned it off), with the citation."""
    story = award.story
    detail = two_lines(award.badge, award.citation)
    return _tell(kind=Notification.Kind.AWARDED, story=story, recipients=_involved(story), actor=by, detail=detail)


def post_awards_to_chat(*, awards):
    """Post the awards just announced to the chat, when a webhook is set."""
    if settings.WINSBOARD_CHAT_WEBHOOK_URL and awards:
        _later(tasks.post_awards_to_chat, [award.pk for award in awards])


# --- reading, e-mail, preferences ------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user, ids=None, until=None):
    """Mark `user`'s unread notifications read: only those in `ids` when
    given, only those that happened by `until` when given (what the page
    they read showed: news since then stays unread). Returns how many."""
    unread = Notification.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    if until is not None:
        unread = unread.filter(created_at__lte=until)
    return unread.update(read_at=timezone.now())


def notification_emailed(*, notification):
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def _preferences(user):
    preferences, _ = NotificationPreferences.objects.get_or_create(user=user)
    return preferences


@transaction.atomic
def preferences_update(*, user, **choices):
    """Save `user`'s choices (e-mail per event, the weekly digest)."""
    preferences = _preferences(user)
    for name, value in choices.items():
        setattr(preferences, name, bool(value))
    preferences.save(update_fields=list(choices))
    return preferences


@transaction.atomic
def feed_token_create(*, user):
    """A new private address for `user`'s Atom feed; the old one stops at once."""
    preferences = _preferences(user)
    preferences.feed_token, preferences.feed_token_created_at = new_feed_token(), timezone.now()
    preferences.save(update_fields=["feed_token", "feed_token_created_at"])
    return preferences


@transaction.atomic
def feed_token_revoke(*, user):
    preferences = _preferences(user)
    preferences.feed_token = preferences.feed_token_created_at = None
    preferences.save(update_fields=["feed_token", "feed_token_created_at"])
    return preferences


def digest_claim(*, user, week):
    """Claim `user`'s digest for `week` before sending it: False when it
    went (or is going) already — so a second run sends nothing new."""
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, week=week)
    except IntegrityError:
        return False
    return True


def digest_release(*, user, week):
    """Sending failed: let the next run try again."""
    DigestSent.objects.filter(user=user, week=week).delete()
