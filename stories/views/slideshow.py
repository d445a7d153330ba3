"""The all-hands slideshow: the deck page, its live JSON, marking a deck as
shown, the slides' files, and the same for display links (screens nobody
signs in on)."""

import mimetypes
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..models import DisplayLink, Photo, Video
from ..slideshow import BadSelection, FileUrls, Selection, build_deck, deck_body_and_etag, parse_selection, select_wins
from ..slideshow_forms import SlideshowOptionsForm
from .media import file_response

POLL_SECONDS = 30
MIN_POLL_SECONDS = 2
MAX_POLL_SECONDS = 300
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
_POLL = re.compile(r"[0-9]{1,6}")


def _poll_seconds(params):
    """How often the page asks for changes: ~30 s; `?poll=N` (2–300) for tests and impatient screens."""
    value = params.get("poll", "")
    if not _POLL.fullmatch(value):
        return POLL_SECONDS
    return min(max(int(value), MIN_POLL_SECONDS), MAX_POLL_SECONDS)


def _url_with(url, query):
    return f"{url}?{query}" if query else url


def _bad_selection(request, error, *, status=400):
    return render(request, "stories/slideshow/bad_selection.html", {"error": error}, status=status)


def _deck_page(request, *, selection, deck, slides_url, display=None):
    _, etag = deck_body_and_etag(deck)
    context = {
        "deck": deck,
        "etag": etag,
        "selection": selection,
        "query": selection.as_query(),
        "slides_url": slides_url,
        "poll_seconds": _poll_seconds(request.GET),
        "display": display,
    }
    if display is None:
        context["options_form"] = SlideshowOptionsForm(initial=SlideshowOptionsForm.initial_from(selection))
    return render(request, "stories/slideshow/deck.html", context)


def _deck_json(request, deck):
    """The deck as JSON with a strong ETag; `If-None-Match` → 304 with no body."""
    body, etag = deck_body_and_etag(deck)
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return get_conditional_response(request, etag=etag, response=response)


# --- the slideshow for signed-in colleagues -----------------------------------


@require_safe
def slideshow(request):
    if "options" in request.GET:
        return _apply_options(request)
    try:
        selection = parse_selection(request.GET)
    except BadSelection as error:
        return _bad_selection(request, error)
    query = selection.as_query()
    deck = build_deck(selection, file_url=FileUrls())
    slides_url = _url_with(reverse("slideshow_slides"), query)
    return _deck_page(request, selection=selection, deck=deck, slides_url=slides_url)


def _apply_options(request):
    """The options panel's form: validate, then go to the clean, bookmarkable URL."""
    form = SlideshowOptionsForm(request.GET)
    if not form.is_valid():
        errors = " ".join(f"{form.fields[name].label}: {' '.join(msgs)}" for name, msgs in form.errors.items())
        return _bad_selection(request, errors)
    return redirect(_url_with(reverse("slideshow"), form.selection().as_query()))


@require_safe
def slides_json(request):
    try:
        selection = parse_selection(request.GET)
    except BadSelection as error:
        return JsonResponse({"error": str(error)}, status=400)
    return _deck_json(request, build_deck(selection, file_url=FileUrls()))


@require_POST
@permission_required("stories.curate_story", raise_exception=True)
def mark_shown(request):
    """Record today's date as “shown at an all-hands” on every win of the deck
    (the deck given by its filters, as the presenter plays it)."""
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        selection = parse_selection(QueryDict(request.POST.get("query", "")[:500]))
    except BadSelection as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=400)
        return _bad_selection(request, error)
    today = timezone.localdate()
    count = services.slideshow_mark_shown(stories=select_wins(selection, today=today), on=today)
    message = f"Marked {count} win{pluralize(count)} as shown at the all-hands on {date_format(today, 'j F Y')}."
    if wants_json:
        return JsonResponse({"marked": count, "shown_on": today.isoformat(), "message": message})
    messages.success(request, message)
    return redirect(_url_with(reverse("slideshow"), selection.as_query()))


@require_safe
def slide_file(request, kind, pk):
    return _serve_slide_file(request, Selection(), kind, pk)


# --- display links: no sign-in, only what the manager chose -------------------


def _active_link(token):
    """The display link for `token`, or 404 at once if unknown or revoked."""
    if not _TOKEN.fullmatch(token):
        raise Http404("No such display link.")
    link = DisplayLink.objects.filter(token=token, revoked_at__isnull=True).first()
    if link is None:
        raise Http404("This display link is not active.")
    return link


def _link_selection(link):
    """The manager's filters. URL parameters from the screen never widen them."""
    try:
        return parse_selection(QueryDict(link.query))
    except BadSelection:
        raise Http404("This display link's filters are broken; create a new link.") from None


def _for_screens(response):
    """Display pages: not indexed, and the token never leaks in a Referer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_safe
@never_cache
def display(request, token):
    try:
        link = _active_link(token)
    except Http404:
        return _for_screens(render(request, "stories/slideshow/display_gone.html", {"display": True}, status=404))
    selection = _link_selection(link)
    services.display_link_record_use(link=link)
    deck = build_deck(selection, file_url=FileUrls(token=link.token))
    slides_url = reverse("display_slides", args=[link.token])
    return _for_screens(_deck_page(request, selection=selection, deck=deck, slides_url=slides_url, display=link))


@login_not_required
@require_safe
def display_json(request, token):
    link = _active_link(token)
    selection = _link_selection(link)
    services.display_link_record_use(link=link)
    return _for_screens(_deck_json(request, build_deck(selection, file_url=FileUrls(token=link.token))))


@login_not_required
@require_safe
def display_file(request, token, kind, pk):
    link = _active_link(token)
    return _for_screens(_serve_slide_file(request, _link_selection(link), kind, pk))


# --- the slides' files --------------------------------------------------------


def _serve_slide_file(request, selection, kind, pk):
    """A photo rendition, video or poster — only of a win in `selection`'s deck."""
    in_deck = select_wins(selection).values("pk")
    if kind in ("photo-large", "photo-card"):
        photo = get_object_or_404(Photo.objects.filter(story__in=in_deck), pk=pk)
        fieldfile, content_type = (photo.large if kind == "photo-large" else photo.card), None
    elif kind in ("video-file", "video-poster"):
        video = get_object_or_404(Video.objects.filter(story__in=in_deck, status=Video.Status.READY), pk=pk)
        fieldfile = video.file if kind == "video-file" else video.poster
        content_type = video.content_type if kind == "video-file" else None
    else:
        raise Http404("No such file.")
    if not fieldfile:
        raise Http404("No such file.")
    url = fieldfile.url
    if url.startswith(("https://", "http://")):
        return HttpResponseRedirect(url)  # an object store's (signed) address
    content_type = content_type or mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    try:
        return file_response(request, fieldfile.name, content_type)  # Range → 206, nosniff
    except OSError:  # the row outlived its file (a crash mid-upload): a 404, never a 500
        raise Http404("No such file.") from None
