"""Curation's own data: what a hidden win said when a manager hid it, so that
when its author fixes it and asks for it to be shown again, the manager sees
what changed (and the review queue marks it "edited since hidden")."""

from django.db import models
from django.utils import timezone

from .wins import Story


class HiddenSnapshot(models.Model):
    """A hidden win as it was when hidden (or when a manager last decided to
    keep it hidden): its fields as people read them, label → text. Deleted
    when the win is shown again."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="hidden_snapshot")
    fields = models.JSONField(default=dict)
    taken_at = models.DateTimeField(default=timezone.now)
    # The author asked for the win to be shown again (it is back in the review queue).
    resubmitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Win {self.story_id} as hidden on {self.taken_at:%Y-%m-%d}"
