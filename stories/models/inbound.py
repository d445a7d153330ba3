"""Thank-you e-mails forwarded to a person's private address
(stories.lib.inbound_addresses): the random value behind their address, and
the draft wins the e-mails became — waiting for their owner to finish and
post them (or discard them). Writes go through stories.services.inbound."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..lib.inbound_addresses import address_token, forwarding_address, token_matches, user_pk_of


class InboundAddressQuerySet(models.QuerySet):
    def owner_of(self, token):
        """The active person whose current address has `token`, or None."""
        pk = user_pk_of(token)
        if pk is None:
            return None
        user = get_user_model().objects.filter(pk=pk, is_active=True).select_related("inbound_address").first()
        if user is None:
            return None
        return user if token_matches(token, user.pk, nonce_of(user)) else None


class InboundAddress(models.Model):
    """The random value behind a person's forwarding address; none until
    they first make a new address (the first address uses an empty one)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbound_address")
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    objects = InboundAddressQuerySet.as_manager()

    def __str__(self):
        return f"Forwarding address of {self.user_id}"


def nonce_of(user):
    """The value behind `user`'s address ("" until they make a new one)."""
    try:
        return user.inbound_address.nonce
    except InboundAddress.DoesNotExist:
        return ""


def address_of(user):
    """`user`'s forwarding address (reads one row; writes nothing)."""
    row = InboundAddress.objects.filter(user=user).only("nonce").first()
    return forwarding_address(address_token(user.pk, row.nonce if row else ""))


class InboundDraftQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(owner=user)

    def newest_first(self):
        return self.order_by("-received_at", "-id")

    def received_before(self, moment):
        return self.filter(received_at__lt=moment)


class InboundDraft(models.Model):
    """A forwarded thank-you e-mail, waiting for its owner to post it as a
    win. Its photos passed the photo checks and are kept (re-encoded) under
    inbound/ until the draft is posted, discarded or swept."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbound_drafts")
    quote = models.TextField(_("Customer quote"), blank=True)
    quote_by = models.CharField(_("Quote by"), max_length=120, blank=True)
    happened_on = models.DateField(_("Date"), null=True, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    # [{"name": stored name, "label": the file's name in the e-mail, "type": "image/webp"}]
    photos = models.JSONField(default=list, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = InboundDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "message_id"], condition=~Q(message_id=""), name="inbound_draft_once_per_message"
            )
        ]

    def __str__(self):
        return f"Draft from e-mail {self.pk} of {self.owner_id}"

    def get_absolute_url(self):
        return f"{reverse('story_create')}?draft={self.pk}"

    def file_names(self):
        return [kept["name"] for kept in self.photos if kept.get("name")]
