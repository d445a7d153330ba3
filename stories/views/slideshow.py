"""The all-hands slideshow: the deck page, its live JSON, marking a deck as
shown, the slides' files; the same for display links (screens nobody signs
in on), and the managers' list of display links (/manage/displays/)."""

import hashlib
import mimetypes
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..access import active_display_link, curator_required, display_link_selection
from ..forms.slideshow import DisplayLinkForm, DisplayLinkNameForm, SlideshowOptionsForm
from ..lib.periods import day_text
from ..lib.qr import qr_svg
from ..lib.slideshow_filters import BadSelection, Selection, parse_selection
from ..models import Award, DisplayLink, Photo, Story, Tag, Team, Video
from ..slides import build_deck, deck_body, deck_etag, describe
from .media import stored_file_response

POLL_SECONDS = 30
MIN_POLL_SECONDS = 2
MAX_POLL_SECONDS = 300
_POLL = re.compile(r"[0-9]{1,6}")


class FileUrls:
    """Addresses of a slide's files, served by the slideshow's own scoped views
    (for a display link, under its token, so a screen that nobody signs in on
    can load them)."""

    def __init__(self, token=None):
        self.token = token

    def __call__(self, kind, pk, fieldfile):
        if self.token:
            url = reverse("display_file", args=[self.token, kind, pk])
        else:
            url = reverse("slideshow_file", args=[kind, pk])
        # The version changes when the stored file does, so browsers may cache.
        return f"{url}?v={hashlib.sha256(fieldfile.name.encode()).hexdigest()[:12]}"


def _filter_names(selection):
    """The tag's and team's names, for the filters in words."""
    tag = Tag.objects.filter(slug=selection.tag).values_list("name", flat=True) if selection.tag else []
    team = Team.objects.filter(pk=selection.team).values_list("name", flat=True) if selection.team is not None else []
    return {"tag_name": next(iter(tag), ""), "team_name": next(iter(team), "")}


def deck_for(selection, *, file_url, today=None):
    """The deck a selection plays (today by default): its wins, the title
    slide's counts."""
    today = today or timezone.localdate()
    stories = Story.objects.for_deck(selection, today=today).for_slides().with_cheers()
    names = _filter_names(selection)

    def counts():
        return Story.objects.month_counts(selection, today=today)

    awards = Award.objects.for_slides(today).newest_first()
    return build_deck(
        stories, selection, file_url=file_url, today=today, month_counts=counts, names=names, awards=awards
    )


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


def _etag(selection, *, scope="", today=None):
    """The deck's ETag from the wins' version: known before building anything."""
    today = today or timezone.localdate()
    return deck_etag(version=services.version_of(), scope=scope, selection=selection, today=today)


def _deck_page(request, *, selection, deck, slides_url, etag, display=None):
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


def _deck_json(request, selection, *, file_url, scope=""):
    """The deck as JSON with a strong ETag; `If-None-Match` with the current
    one → 304 with no body, before the deck is built (no query, no JSON)."""
    today = timezone.localdate()
    etag = _etag(selection, scope=scope, today=today)
    response = HttpResponse(content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    not_modified = get_conditional_response(request, etag=etag, response=response)
    if not_modified is not response:
        return not_modified
    response.content = deck_body(deck_for(selection, file_url=file_url, today=today))
    return response


# --- the slideshow for signed-in colleagues -----------------------------------


@require_safe
def slideshow(request):
    if "options" in request.GET:
        return _apply_options(request)
    try:
        selection = parse_selection(request.GET)
    except BadSelection as error:
        return _bad_selection(request, error)
    etag = _etag(selection)  # read before the deck is built: a change meanwhile makes the first poll fetch it
    deck = deck_for(selection, file_url=FileUrls())
    slides_url = _url_with(reverse("slideshow_slides"), selection.as_query())
    return _deck_page(request, selection=selection, deck=deck, slides_url=slides_url, etag=etag)


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
    return _deck_json(request, selection, file_url=FileUrls())


@require_POST
@curator_required
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
    count = services.slideshow_mark_shown(
        stories=Story.objects.for_deck(selection, today=today), on=today, by=request.user
    )
    message = ngettext(
        "Marked %(count)s win as shown at the all-hands on %(date)s.",
        "Marked %(count)s wins as shown at the all-hands on %(date)s.",
        count,
    ) % {"count": count, "date": day_text(today)}
    if wants_json:
        return JsonResponse({"marked": count, "shown_on": today.isoformat(), "message": message})
    messages.success(request, message)
    return redirect(_url_with(reverse("slideshow"), selection.as_query()))


@require_safe
def slide_file(request, kind, pk):
    return _serve_slide_file(request, Selection(), kind, pk)


# --- display links: no sign-in, only what the manager chose -------------------


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
        link = active_display_link(token)
    except Http404:
        return _for_screens(render(request, "stories/slideshow/display_gone.html", {"display": True}, status=404))
    selection = display_link_selection(link)
    services.display_link_record_use(link=link)
    with _spoken_by(link):
        etag = _etag(selection, scope=link.token)
        deck = deck_for(selection, file_url=FileUrls(token=link.token))
        slides_url = reverse("display_slides", args=[link.token])
        page = _deck_page(request, selection=selection, deck=deck, slides_url=slides_url, etag=etag, display=link)
        page["Content-Language"] = translation.get_language()
    return _for_screens(page)


@login_not_required
@require_safe
def display_json(request, token):
    link = active_display_link(token)
    selection = display_link_selection(link)
    services.display_link_record_use(link=link)
    with _spoken_by(link):
        return _for_screens(_deck_json(request, selection, file_url=FileUrls(token=link.token), scope=link.token))


def _spoken_by(link):
    """The display link's language (the site's when it has none), whatever the screen's browser says."""
    return translation.override(link.language or settings.LANGUAGE_CODE)


@login_not_required
@require_safe
def display_file(request, token, kind, pk):
    link = active_display_link(token)
    return _for_screens(_serve_slide_file(request, display_link_selection(link), kind, pk))


# --- the slides' files --------------------------------------------------------


def _serve_slide_file(request, selection, kind, pk):
    """A photo rendition, video or poster — only of a win in `selection`'s deck."""
    in_deck = Story.objects.for_deck(selection, today=timezone.localdate()).values("pk")
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
    content_type = content_type or mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    return stored_file_response(request, fieldfile.name, content_type)


# --- managers' display links ----------------------------------------------------


def _display_url(request, link):
    return request.build_absolute_uri(reverse("display", args=[link.token]))


def _rows(request, links):
    """Each link with its address and its filters in words (tag and team
    names fetched once for the whole list)."""
    selections = {}
    for link in links:
        try:
            selections[link.pk] = parse_selection(QueryDict(link.query))
        except BadSelection:
            selections[link.pk] = None
    tags = dict(Tag.objects.filter(slug__in={s.tag for s in selections.values() if s}).values_list("slug", "name"))
    teams = dict(Team.objects.filter(pk__in={s.team for s in selections.values() if s}).values_list("pk", "name"))
    rows = []
    for link in links:
        selection = selections[link.pk]
        if selection is None:
            filters = [_("broken filters — revoke this link and create a new one")]
        else:
            filters = describe(selection, tag_name=tags.get(selection.tag, ""), team_name=teams.get(selection.team, ""))
            # Translators: how long each slide shows, in seconds ("s" is the unit).
            filters += [_("%(seconds)s s per slide") % {"seconds": selection.seconds}]
            filters += [pgettext("slideshow order", "shuffled")] if selection.shuffle else []
        rows.append({"link": link, "url": _display_url(request, link), "filters": filters})
    return rows


def _render_list(request, *, form=None, rename=None, rename_pk=None, status=200):
    links = list(DisplayLink.objects.select_related("created_by"))
    context = {
        "rows": _rows(request, links),
        "form": form or DisplayLinkForm(),
        "rename": rename,
        "rename_pk": rename_pk,
    }
    return render(request, "stories/slideshow/displays.html", context, status=status)


def _back_to_list(request, link, message):
    messages.success(request, message)
    return redirect(f"{reverse('display_links')}#link-{link.pk}")


@require_safe
@curator_required
def display_links(request):
    return _render_list(request)


@require_POST
@curator_required
def display_link_create(request):
    form = DisplayLinkForm(request.POST)
    if not form.is_valid():
        return _render_list(request, form=form, status=400)
    data = form.cleaned_data
    link = services.display_link_create(
        name=data["name"], query=form.selection().as_query(), by=request.user, language=data["language"]
    )
    return _back_to_list(
        request,
        link,
        _("Display link “%(name)s” created. Open its address on the screen: no sign-in needed.") % {"name": link.name},
    )


@require_POST
@curator_required
def display_link_rename(request, pk):
    link = get_object_or_404(DisplayLink, pk=pk)
    form = DisplayLinkNameForm(request.POST)
    if not form.is_valid():
        return _render_list(request, rename=form, rename_pk=link.pk, status=400)
    services.display_link_rename(link=link, name=form.cleaned_data["name"], language=form.cleaned_data["language"])
    return _back_to_list(request, link, _("Renamed to “%(name)s”.") % {"name": link.name})


@require_POST
@curator_required
def display_link_revoke(request, pk):
    """Revoke a display link — once confirmed: a POST without `confirm=yes`
    (the list's first button, or an old form) answers with the question."""
    link = get_object_or_404(DisplayLink, pk=pk)
    if request.POST.get("confirm") != "yes":
        return render(request, "stories/slideshow/confirm_revoke.html", {"link": link})
    services.display_link_revoke(link=link)
    return _back_to_list(
        request,
        link,
        _("“%(name)s” is revoked: its screen stops showing wins at its next update.") % {"name": link.name},
    )


@require_safe
@curator_required
@never_cache
def display_link_qr(request, pk):
    """The display link's address as a QR code (an SVG image), to open it on
    a screen or a phone without typing it. Managers only, active links only."""
    link = get_object_or_404(DisplayLink, pk=pk, revoked_at__isnull=True)
    response = HttpResponse(qr_svg(_display_url(request, link)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="display-link-{link.pk}.svg"'
    return response
