"""Invitations (/join/): issue one (or many at once, for printed cards),
e-mail one, and accept one — all or nothing.

The token and the code exist in plain text only in what `invitation_issue`
returns (for the card or the e-mail); the database keeps their HMACs
(stories.lib.invitation_codes). Issuing again replaces the person's one
invitation, so the code on an older card or e-mail stops working. Only
someone who has not joined (active, no password, never signed in) can be
invited.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .. import tasks
from ..lib.invitation_codes import new_code, new_token, secret_hash, shown_code
from ..models import Invitation

MAIL_BATCH = 100  # people per e-mail task


class InvitationRefused(Exception):
    """Used, expired, re-issued, or for someone deactivated or already joined."""


@dataclass(frozen=True)
class Issued:
    user: object
    token: str
    code: str  # as stored: eight characters, no dash
    expires_at: object

    @property
    def shown_code(self):
        return shown_code(self.code)


def can_be_invited(user):
    return user.is_active and user.last_login is None and not user.has_usable_password()


def _new_codes(count):
    """`count` codes whose HMACs no live invitation holds (one query, again
    only in the rare case of a clash)."""
    codes = set()
    while len(codes) < count:
        wanted = {new_code() for _ in range(count - len(codes))} - codes
        hashes = {secret_hash(code, kind="code"): code for code in wanted}
        taken = set(Invitation.objects.filter(code_hash__in=list(hashes)).values_list("code_hash", flat=True))
        codes |= {code for digest, code in hashes.items() if digest not in taken}
    return list(codes)[:count]


def invitations_issue(*, users):
    """A new invitation for each of `users` who can be invited (the others
    are left out), replacing any they had. Returns the `Issued` list, in the
    order of `users` — the only time the token and code are seen."""
    users = [user for user in users if can_be_invited(user)]
    now = timezone.now()
    expires_at = now + timedelta(days=settings.WINSBOARD_INVITATION_DAYS)
    ids = [user.pk for user in users]
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk__in=ids).values_list("pk"))  # one issuer at a time
        Invitation.objects.filter(user__in=ids).delete()
        issued = [
            Issued(user=user, token=new_token(), code=code, expires_at=expires_at)
            for user, code in zip(users, _new_codes(len(users)), strict=True)
        ]
        Invitation.objects.bulk_create(
            Invitation(
                user=one.user,
                token_hash=secret_hash(one.token, kind="token"),
                code_hash=secret_hash(one.code, kind="code"),
                issued_at=now,
                expires_at=expires_at,
            )
            for one in issued
        )
    return issued


def invitation_issue(*, user):
    """Issue (or re-issue) `user`'s invitation; raises InvitationRefused for
    someone deactivated or already joined."""
    issued = invitations_issue(users=[user])
    if not issued:
        raise InvitationRefused
    return issued[0]


def invitations_send(*, users):
    """E-mail an invitation to each of `users` with an address, once the
    transaction commits (a task issues it afresh and mails the link and code)."""
    ids = [user.pk for user in users if user.email and can_be_invited(user)]
    for start in range(0, len(ids), MAIL_BATCH):
        batch = ids[start : start + MAIL_BATCH]
        transaction.on_commit(partial(tasks.email_invitations.enqueue, batch), robust=True)
    return len(ids)


def invitation_accept(*, invitation, password):
    """`invitation`'s person joins with `password`: their password is set and
    the invitation used, together — or InvitationRefused if it is no longer
    usable (used, expired, re-issued meanwhile, person deactivated)."""
    with transaction.atomic():
        live = (
            Invitation.objects.select_for_update()
            .usable()
            .filter(pk=invitation.pk, token_hash=invitation.token_hash)
            .select_related("user")
            .first()
        )
        if live is None or not can_be_invited(live.user):
            raise InvitationRefused
        user = live.user
        user.set_password(password)
        user.save(update_fields=["password"])
        live.used_at = timezone.now()
        live.save(update_fields=["used_at"])
    return user
