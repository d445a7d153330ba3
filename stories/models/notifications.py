"""Notifications: something that happened to a person, kept until they mark
it read. Pages only read them (the signed-in user carries the unread count,
see `stories.auth.NotifiedUserBackend`); marking read is a POST."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .wins import Story


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def newest_first(self):
        return self.order_by("-created_at", "-id")


class Notification(models.Model):
    class Kind(models.TextChoices):
        APPROVED = "approved", "Your win was approved"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.recipient_id})"
