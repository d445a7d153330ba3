"""Invitations, for managers: the printable cards of everyone who has not
joined (or of one person), and re-sending one by e-mail. Only the codes'
HMACs are stored, so printing cards issues new codes: the POST "Print
cards" does (a GET only says who will be printed)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..access import curator_required
from ..lib.qr import qr_svg_inline
from ..models import display_name, people

REFUSAL = _("Only managers can invite people.")


def _not_joined(request):
    """Who has not joined yet, by name — or just the one `person` asked for."""
    found = people().not_joined().shown().by_name()
    person = request.POST.get("person", request.GET.get("person", ""))
    if person:
        if not person.isdigit():
            raise Http404("No such person.")
        found = found.filter(pk=person)
    return found, person


def _card(request, issued):
    link = request.build_absolute_uri(reverse("join_token", args=[issued.token]))
    return {"issued": issued, "qr": mark_safe(qr_svg_inline(link))}  # noqa: S308 - segno's own SVG, no user text


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@curator_required(refusal=REFUSAL)
def invitation_cards(request):
    """GET: who would be printed, and the "Print cards" button. POST: new
    codes for them, on cards to print (shown once: this page only)."""
    found, person = _not_joined(request)
    if request.method != "POST":
        context = {"people": found, "person": person, "invitation_days": settings.WINSBOARD_INVITATION_DAYS}
        return render(request, "stories/invitations/print.html", context)
    cards = [_card(request, issued) for issued in services.invitations_issue(users=list(found))]
    context = {"cards": cards, "join_url": request.build_absolute_uri(reverse("join"))}
    return render(request, "stories/invitations/cards.html", context)


@require_POST
@curator_required(refusal=REFUSAL)
def invitation_send(request, pk):
    """E-mail someone who has not joined a new invitation (it replaces their card's code)."""
    person = get_object_or_404(people().not_joined().shown(), pk=pk)
    if not person.email:
        messages.error(
            request,
            gettext("%(name)s has no e-mail address: print their card instead.") % {"name": display_name(person)},
        )
    else:
        services.invitations_send(users=[person])
        messages.success(
            request,
            gettext("A new invitation is on its way to %(email)s. Their earlier card or e-mail no longer works.")
            % {"email": person.email},
        )
    return redirect("people_manage")
