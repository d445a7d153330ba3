"""Telling people what happened to their wins. A notification is a row its
recipient marks read (a POST); no page render writes."""

from django.db import transaction
from django.utils import timezone

from ..models import Notification


def notify_approved(*, story):
    """Tell the author that a manager approved their pending win."""
    return Notification.objects.create(recipient_id=story.author_id, kind=Notification.Kind.APPROVED, story=story)


@transaction.atomic
def notifications_mark_read(*, user, ids=None):
    """Mark `user`'s unread notifications read (only those in `ids` when
    given). Returns how many were."""
    unread = Notification.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
