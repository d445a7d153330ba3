"""The customer's voice: asking the customer from a win's page (by e-mail or
a QR code shown on the phone), and the customer's own page,
/customer/<token>/ — public, no account, no navigation into the app, nothing
but the quote, the name it shows and where; `noindex`; no JavaScript needed.

A link that is made up, tampered with, expired or answered more than
CHANGE_DAYS ago gets one and the same page (404); tries are counted per
client address (429 beyond the limit). The page speaks the customer's
browser language where Winsboard has it (CUSTOMER_LANGUAGES)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..access import get_story_for_user
from ..auth import client_address
from ..forms.customer_voice import AskCustomerForm, CustomerAnswerForm
from ..lib import limits
from ..lib.customer_links import sign, token_hash, unsign
from ..lib.qr import qr_svg_inline
from ..models import ConsentRequest
from ..models.customer_voice import CHANGE_DAYS, LINK_DAYS, may_ask_customer
from ..models.roles import can_curate

CUSTOMER_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)  # every language Winsboard speaks
TRIES_PER_ADDRESS, WINDOW_SECONDS = 30, 15 * 60
ASKS_PER_HOUR = 30
SESSION_LINKS = "customer_links"  # {request id: signed token}: the asker's QR codes


def on_win(request, story):
    """What a win's page shows of the customer's voice: whether the viewer
    sees the quote, may ask, the latest ask (its address to its asker only)."""
    user = request.user
    close = user.pk == story.author_id or can_curate(user)
    asking = may_ask_customer(user, story)
    latest = ConsentRequest.objects.latest_for(story) if asking else None
    return {
        "sees_quote": bool(story.shown_quote or (close and story.quote)),
        "sees_refusal": close,
        "may_ask": asking,
        "ask_form": AskCustomerForm(),
        "latest_ask": latest,
        "ask_email": latest.email if latest and latest.asked_by_id == user.pk else "",
    }


def _story_to_ask_about(request, pk):
    story = get_story_for_user(request, pk)
    if not may_ask_customer(request.user, story):
        raise PermissionDenied(_("Only its author, its heroes and managers ask the customer about a quote."))
    return story


@require_POST
def customer_ask(request, pk):
    """Ask the customer: e-mail them their link, or show it as a QR code."""
    story = _story_to_ask_about(request, pk)
    form = AskCustomerForm(request.POST)
    if not limits.hit("consent:ask", request.user.pk, limit=ASKS_PER_HOUR, window=3600):
        form.add_error(None, _("You asked many customers this hour. Try again later."))
        return render(request, "stories/customer_voice/ask.html", {"story": story, "form": form}, status=429)
    if not form.is_valid():
        return render(request, "stories/customer_voice/ask.html", {"story": story, "form": form}, status=400)
    asked = services.consent_ask(story=story, by=request.user, email=form.cleaned_data["email"])
    if not asked.token:
        messages.success(request, _("We e-mailed the customer a link to answer. You'll be told when they do."))
        return redirect(story)
    links = request.session.get(SESSION_LINKS, {})
    request.session[SESSION_LINKS] = {**links, str(asked.request.pk): sign(asked.token)}
    return redirect("customer_ask_qr", pk=story.pk, asked=asked.request.pk)


@require_safe
@never_cache
def customer_ask_qr(request, pk, asked):
    """The customer's link as a QR code, for them to scan at the desk (the asker's session only)."""
    story = _story_to_ask_about(request, pk)
    consent = get_object_or_404(ConsentRequest, pk=asked, story=story, asked_by=request.user)
    signed = request.session.get(SESSION_LINKS, {}).get(str(consent.pk))
    if signed is None:
        raise PermissionDenied(_("This QR code was shown in another browser. Ask the customer again here."))
    link = settings.WINSBOARD_SITE_URL + reverse("customer_voice", args=[signed])
    qr = mark_safe(qr_svg_inline(link, scale=5))  # noqa: S308 - segno's own SVG of our own address
    context = {"story": story, "consent": consent, "qr": qr}
    return render(request, "stories/customer_voice/qr.html", context)


def _language(request):
    wanted = translation.get_language_from_request(request)
    return next((code for code in CUSTOMER_LANGUAGES if wanted.split("-")[0] == code), settings.LANGUAGE_CODE)


def _open_request(token):
    """The request this signed link opens while it takes answers, or None."""
    raw = unsign(token, max_age=timedelta(days=LINK_DAYS + CHANGE_DAYS))
    consent = ConsentRequest.objects.for_token_hash(token_hash(raw)).first() if raw else None
    return consent if consent is not None and consent.takes_answers_at(timezone.now()) else None


def _answer_form(request, consent):
    """The answer form, holding the answer given so far (their words, else the quote asked about)."""
    initial = {"answer": consent.answer, "words": consent.words or consent.quote, "feeling": consent.feeling}
    posted = request.POST if request.method == "POST" else None
    return CustomerAnswerForm(posted, initial={**initial, "rating": consent.rating})


def _customer_page(request, template, context, *, status=200):
    response = render(request, f"stories/customer_voice/{template}", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"  # no-referrer would send "Origin: null": CSRF refuses the form
    return response


def _try_allowed(request):
    """An answer sent (a POST) counts a try from this address; opening the
    page counts nothing (a page read never writes: the link is signed, so
    guessing by GET gets nowhere) but is refused once the limit is reached."""
    address = client_address(request)
    if request.method == "POST":
        return limits.hit("customer:address", address, limit=TRIES_PER_ADDRESS, window=WINDOW_SECONDS)
    return not limits.exceeded("customer:address", address, limit=TRIES_PER_ADDRESS, window=WINDOW_SECONDS)


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def customer_voice(request, token):
    """The customer's page: what will be shared, and their answer (changeable for CHANGE_DAYS)."""
    with translation.override(_language(request)):
        if not _try_allowed(request):
            return _customer_page(request, "closed.html", {"throttled": True}, status=429)
        consent = _open_request(token)
        if consent is None:
            return _customer_page(request, "closed.html", {}, status=404)
        form = _answer_form(request, consent)
        if request.method == "POST" and form.is_valid():
            try:
                services.consent_answer(request=consent, **form.cleaned_data)
            except services.ConsentClosed:
                return _customer_page(request, "closed.html", {}, status=404)
            return redirect(request.path)
        status = 400 if form.is_bound else 200
        return _customer_page(request, "page.html", {"consent": consent, "form": form}, status=status)
