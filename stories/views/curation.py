"""Managers' curation: the featured wall (/featured/), the review queue
(/manage/), and the actions — tags, featuring, the wall's order, hiding,
review. One small POST-only view per action.

Every action is a POST with CSRF; `stories.curate_story` is checked here
(403 for everyone else — LoginRequiredMiddleware sends anonymous users to
sign in first); one service call does the work. Then it redirects back to a
safe `next`, or, for htmx, answers with the re-rendered part of the page the
form sits in (its `panel`) plus the message for the page's live region.
Refused or invalid requests change nothing.
"""

import re
from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..access import can_curate, curator_required, get_story_for_user
from ..forms.curation import FeatureForm, HideForm, ReorderForm, TagForm
from ..lib.curation import TAG_NAME_MAX, CurationError, tag_key
from ..lib.pagination import BadCursor
from ..models import Story, Tag
from .cards import cards_for
from .celebrate import mentioned_in
from .customer_voice import on_win
from .pages import cached_page
from .queue import queue_context
from .responses import safe_next

TAG_SUGGESTIONS = 15
WALL_PAGE_SIZE = 24  # a page costs about what the feed's 20 cards do
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def curator_action(view):
    """POST only, managers only; the win (any win: managers see them all) is
    passed to the view; a CurationError becomes a refusal with its message."""

    @require_POST
    @curator_required
    @wraps(view)
    def wrapper(request, pk=None, **kwargs):
        if pk is None:  # an action on the whole wall
            story, args = None, ()
        else:
            story = get_story_for_user(request, pk, edit=True, queryset=Story.objects.all())
            args = (story,)
        try:
            return view(request, *args, **kwargs)
        except CurationError as error:
            return refused(request, story, str(error))

    return wrapper


# --- answering ----------------------------------------------------------------


def _default_next(request, story):
    panel = request.POST.get("panel")
    if panel == "wall" or story is None:
        return reverse("featured")
    return reverse("manage") if panel == "queue" else story.get_absolute_url()


def _oob_messages(request):
    return render_to_string("stories/curation/_oob_messages.html", request=request)


def done(request, story, message):
    """Success: back to where the manager was, or the updated part of it."""
    messages.success(request, message)
    next_url = safe_next(request, _default_next(request, story))
    if not request.htmx:
        return redirect(next_url)
    return HttpResponse(_panel_html(request, story, next_url) + _oob_messages(request))


def refused(request, story, message, form=None):
    """Bad input or an impossible step: the message, a 4xx, nothing changed.
    htmx keeps the page as it is (the typed text too) and shows the message."""
    if request.htmx:
        messages.error(request, message)
        response = HttpResponse(_oob_messages(request), status=422)
        response["HX-Reswap"] = "none"
        return response
    next_url = safe_next(request, _default_next(request, story))
    panel = request.POST.get("panel", "")
    context = {"story": story, "message": message, "form": form, "next_url": next_url, "panel": panel}
    return render(request, "stories/curation/refused.html", context, status=400)


def _panel_html(request, story, next_url):
    panel = request.POST.get("panel")
    query = QueryDict(urlsplit(next_url).query)
    context = {"curation_next": next_url}
    if panel == "wall" or story is None:
        wall = wall_context(request, query, next_url=next_url)
        return render_to_string("stories/curation/wall.html#wall", {**wall, **context}, request)
    if panel == "queue":
        try:
            queue = queue_context(request, query, next_url=next_url)
        except BadCursor:
            queue = queue_context(request, QueryDict(f"show={query.get('show', '')}"), next_url=next_url)
        return render_to_string("stories/curation/queue.html#queue", {**queue, **context}, request)
    who = ("featured_by__profile", "reviewed_by__profile", "hidden_by__profile")
    cards = Story.objects.for_cards().with_celebration(request.user)
    story = cards.select_related(*who).get(pk=story.pk)
    if panel == "detail":
        context.update(
            story=story,
            can_edit=story.is_editable_by(request.user),
            mentioned=mentioned_in(story.body),
            **on_win(request, story),
        )
        return render_to_string("stories/wins/detail.html#article", context, request)
    return render_to_string("stories/includes/_story_card.html", {**context, "story": story}, request)


def _form_refused(request, story, form):
    message = next(iter(form.errors.values()))[0]
    return refused(request, story, message, form=form)


# --- tags ---------------------------------------------------------------------


@curator_action
def tag_add(request, story):
    form = TagForm(request.POST)
    if not form.is_valid():
        return _form_refused(request, story, form)
    tag = services.tag_add(story=story, name=form.cleaned_data["name"], by=request.user)
    return done(request, story, _("Tagged “%(headline)s” #%(name)s.") % {"headline": story.headline, "name": tag.name})


@curator_action
def tag_remove(request, story, tag_pk):
    tag = get_object_or_404(story.tags, pk=tag_pk)
    services.tag_remove(story=story, tag=tag, by=request.user)
    return done(
        request, story, _("Removed #%(name)s from “%(headline)s”.") % {"name": tag.name, "headline": story.headline}
    )


@require_safe
@curator_required
def tag_suggestions(request):
    """Existing tags matching what a manager types: <option>s for the tag
    field's <datalist> (htmx fills it as they type)."""
    typed = tag_key(request.GET.get("name", "")[: TAG_NAME_MAX * 4])  # "small-t" suggests "Small touches"
    tags = Tag.objects.filter(key__contains=typed) if typed else Tag.objects.all()
    return render(request, "stories/curation/_tag_options.html", {"tags": tags.order_by("name")[:TAG_SUGGESTIONS]})


# --- the featured wall --------------------------------------------------------

WALL_FACTS_SECONDS = 600


def _wall_tags(wall):
    return list(Tag.objects.filter(stories__in=wall.values("pk")).distinct().order_by("name"))


def wall_context(request, params, *, next_url=None):
    """What the wall shows `request.user` for these GET parameters (`tag`,
    `page`): a fixed number of queries however many wins, heroes and tags
    there are (the cards from the cache: stories.views.cards). Managers
    arrange the whole wall (not a tag's part of it)."""
    wall = Story.objects.featured()
    tags = services.kept_under_version(services.WINS, "wall-tags", lambda: _wall_tags(wall), WALL_FACTS_SECONDS)
    slug = params.get("tag", "")[:60]
    if slug:  # not a slug we could have made (NUL, spaces …): nothing is tagged so
        wall = wall.filter(tags__slug=slug) if SLUG.fullmatch(slug) else wall.none()
    paginator = Paginator(wall.card_keys(request.user), WALL_PAGE_SIZE)
    # The tags and the count change only with the wins' version (so does the wall): kept with it.
    count_key = f"wall-count:{slug}" if SLUG.fullmatch(slug) or not slug else None  # a hostile one counts 0
    paginator.count = (
        services.kept_under_version(services.WINS, count_key, wall.count, WALL_FACTS_SECONDS) if count_key else 0
    )
    page = paginator.get_page(params.get("page"))
    arrange = can_curate(request.user) and not slug
    return {
        "page": page,
        "cards": cards_for(request, page.object_list, kind="wall", context={"arrange": arrange}, next_url=next_url),
        "wall_tags": tags,
        "active_slug": slug,
        "active_tag": next((tag for tag in tags if tag.slug == slug), None),
        "arrange": arrange,
    }


@require_safe
@cached_page
def featured_wall(request):
    """/featured/: the wins managers picked, in their order (the slideshow's)."""
    return render(request, "stories/curation/wall.html", wall_context(request, request.GET))


@curator_action
def feature(request, story):
    form = FeatureForm(request.POST)
    if not form.is_valid():
        return _form_refused(request, story, form)
    was_featured = story.is_featured
    note = form.cleaned_data["note"] if "note" in request.POST else None
    services.story_feature(story=story, by=request.user, note=note)
    if was_featured:
        return done(request, story, _("Saved “Why we love this” for “%(headline)s”.") % {"headline": story.headline})
    first = Story.objects.featured().values_list("pk", flat=True).first()
    if first == story.pk:
        return done(
            request, story, _("“%(headline)s” is on the featured wall, at the top.") % {"headline": story.headline}
        )
    message = _("“%(headline)s” is on the featured wall, just below the pinned win.") % {"headline": story.headline}
    return done(request, story, message)


@curator_action
def unfeature(request, story):
    if not story.is_featured:
        return done(
            request,
            story,
            _("“%(headline)s” wasn't on the featured wall; nothing changed.") % {"headline": story.headline},
        )
    services.story_unfeature(story=story, by=request.user)
    return done(request, story, _("“%(headline)s” is off the featured wall.") % {"headline": story.headline})


@curator_action
def wall_move(request, story, direction):
    order = services.wall_move(story=story, direction=direction)
    place = order.index(story.pk) + 1
    return done(
        request,
        story,
        _("“%(headline)s” is now number %(place)s of %(count)s on the wall.")
        % {"headline": story.headline, "place": place, "count": len(order)},
    )


@curator_action
def wall_pin(request, story, pinned):
    services.story_pin(story=story, pinned=pinned)
    if pinned:
        return done(
            request, story, _("“%(headline)s” is pinned to the top of the wall.") % {"headline": story.headline}
        )
    return done(request, story, _("“%(headline)s” is no longer pinned.") % {"headline": story.headline})


@curator_action
def wall_reorder(request):
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return refused(request, None, next(iter(form.errors.values()))[0])
    before = list(Story.objects.featured().values_list("pk", flat=True))
    if services.wall_reorder(ids=form.cleaned_data["ids"]) == before:
        return done(request, None, _("The wall's order is unchanged."))
    return done(request, None, _("The wall's new order is saved."))


# --- hiding and review --------------------------------------------------------


@curator_action
def hide(request, story):
    form = HideForm(request.POST)
    if not form.is_valid():
        return _form_refused(request, story, form)
    services.story_hide(story=story, by=request.user, reason=form.cleaned_data["reason"])
    return done(
        request,
        story,
        _("“%(headline)s” is hidden. Only its author (with the reason) and managers see it.")
        % {"headline": story.headline},
    )


@curator_action
def unhide(request, story):
    if not story.is_hidden:
        return done(request, story, _("“%(headline)s” wasn't hidden; nothing changed.") % {"headline": story.headline})
    services.story_unhide(story=story, by=request.user)
    return done(request, story, _("“%(headline)s” is visible to everyone again.") % {"headline": story.headline})


@curator_action
def approve(request, story):
    was_pending = story.is_pending
    kept_hidden = story.asked_to_show_again is not None
    services.story_approve(story=story, by=request.user)
    if kept_hidden:
        return done(
            request,
            story,
            _("“%(headline)s” stays hidden. Its author still sees the reason.") % {"headline": story.headline},
        )
    if was_pending and story.is_hidden:
        return done(
            request,
            story,
            _("“%(headline)s” is approved. It stays hidden until you unhide it.") % {"headline": story.headline},
        )
    if was_pending:
        return done(
            request,
            story,
            _("“%(headline)s” is approved and published. Its author will be told.") % {"headline": story.headline},
        )
    return done(request, story, _("“%(headline)s” is marked reviewed.") % {"headline": story.headline})
