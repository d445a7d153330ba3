"""Thank-you e-mails become draft wins: your drafts (/wins/drafts/), a
draft's photos for the post form, discarding one, a new forwarding address
(/settings/), and Mailgun's signed inbound webhook. Opening a draft is "Post
a win" with it (stories.views.wins.story_create, ?draft=<id>)."""

import logging

from anymail.webhooks.mailgun import MailgunInboundWebhookView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..models import InboundDraft, Story

log = logging.getLogger(__name__)


def own_draft(request, pk):
    """The signed-in person's draft `pk` (404 for anyone else's)."""
    return get_object_or_404(InboundDraft.objects.for_owner(request.user), pk=pk)


def own_draft_or_none(request, pk):
    return InboundDraft.objects.for_owner(request.user).filter(pk=pk).first() if str(pk or "").isdigit() else None


def draft_initial(draft):
    """The post form's starting values from a draft: the customer's words, name and date; a
    thank-you e-mail is customer praise until they say otherwise."""
    initial = {"quote": draft.quote, "quote_by": draft.quote_by, "kind": Story.Kind.PRAISE}
    return {**initial, "happened_on": draft.happened_on} if draft.happened_on else initial


@require_safe
def draft_list(request):
    drafts = InboundDraft.objects.for_owner(request.user).newest_first()
    return render(request, "stories/inbound/drafts.html", {"drafts": drafts})


@require_safe
@never_cache
def draft_photo(request, pk, number):
    draft = own_draft(request, pk)
    if not 0 <= number < len(draft.photos):
        raise Http404
    kept = draft.photos[number]
    response = FileResponse(default_storage.open(kept["name"]), content_type=kept["type"])
    response["Content-Disposition"] = "inline"
    return response


@require_POST
def draft_discard(request, pk):
    services.inbound_draft_discard(draft=own_draft(request, pk))
    messages.success(request, _("The draft was discarded."))
    return redirect("inbound_drafts")


@require_POST
def forwarding_address_renew(request):
    services.inbound_address_renew(user=request.user)
    messages.success(request, _("You have a new forwarding address. The old one no longer works."))
    return redirect(f"{reverse('profile_settings')}#forwarding")


class MailgunInbound(MailgunInboundWebhookView):
    """Mailgun's inbound route (forward to …/inbound_mime/ for the raw
    message), its signature checked by Anymail: a wrong one is a 400."""

    def post(self, request, *args, **kwargs):
        self.run_validators(request)
        try:
            raw = request.POST["body-mime"].encode("utf-8", "surrogateescape") if "body-mime" in request.POST else b""
            raw = raw or self.parse_events(request)[0].message.as_bytes()
        except Exception:  # noqa: BLE001 - a post we can't read is dropped (logged), never a 500
            log.warning("Inbound e-mail dropped: Mailgun's post could not be read")
            return HttpResponse()
        recipients = [address.strip() for value in request.POST.getlist("recipient") for address in value.split(",")]
        received = services.inbound_receive(raw=raw, recipients=recipients)
        return HttpResponse(status=503 if received.temporary else 200)  # 503: Mailgun tries again later


@csrf_exempt
@login_not_required
@require_POST
def mailgun_inbound(request):
    """/inbound/mailgun/inbound_mime/: only when a signing key is set (else 404)."""
    key = settings.WINSBOARD_MAILGUN_WEBHOOK_SIGNING_KEY
    if not key:
        raise Http404
    return MailgunInbound.as_view(webhook_signing_key=key)(request)
