"""Invitations: how someone added by a manager joins (/join/). One live
invitation per person; its token and code are stored as HMACs only
(stories.lib.invitation_codes). Issuing again replaces both, so the old card
or e-mail stops working."""

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import models
from django.utils import timezone

from ..lib.invitation_codes import normal_code, secret_hash


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        """Not used, not expired, for a person still active who has not joined
        meanwhile (by single sign-on, or a password a manager set)."""
        return self.filter(
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
            user__last_login__isnull=True,
            user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )

    def for_token(self, token):
        return self.filter(token_hash=secret_hash(token, kind="token"))

    def for_code(self, typed):
        code = normal_code(typed)
        return self.filter(code_hash=secret_hash(code, kind="code")) if code else self.none()


class Invitation(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("issued_at")), name="invitation_expires_after_issue"
            ),
        ]

    def __str__(self):
        return f"Invitation of {self.user_id}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
