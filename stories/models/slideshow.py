"""Display links: the slideshow on screens nobody signs in on."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..lib.slideshow_filters import BadSelection, parse_selection


def new_display_token():
    """43 URL-safe characters (256 random bits): unguessable."""
    return secrets.token_urlsafe(32)


class DisplayLink(models.Model):
    """An unguessable, revocable address that plays the slideshow on a screen
    nobody signs in on (lobby TV, meeting-room computer)."""

    name = models.CharField(_("Name"), max_length=80)
    token = models.CharField(max_length=64, unique=True, editable=False, default=new_display_token)
    query = models.CharField(
        "Filters",
        max_length=300,
        blank=True,
        help_text=_("Slideshow URL parameters, e.g. tag=q4-kudos&team=3&seconds=20 (see the README)."),
    )
    # The language the screen speaks ("" = the site's language).
    language = models.CharField(_("Language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES)
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
        try:
            self.query = parse_selection(QueryDict(self.query)).as_query()
        except BadSelection as error:
            raise ValidationError({"query": str(error)}) from None

    @property
    def is_active(self):
        return self.revoked_at is None
