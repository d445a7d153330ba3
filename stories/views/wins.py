"""Wins: the feed (/), and one win — post, read, edit, delete."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..access import get_story_for_user
from ..forms.media import StoryMediaForm
from ..forms.wins import StoryForm
from ..lib.curation import CurationError
from ..lib.media import MediaError
from ..lib.pagination import keyset_page_or_none
from ..models import Story, Tag, Team
from .responses import broken_page_link


def _filtered(queryset, params):
    """Apply the feed's filters; return (queryset, the active filters)."""
    active = {}
    kind = params.get("kind", "")
    if kind in Story.Kind.values:
        queryset = queryset.filter(kind=kind)
        active["kind"] = kind
    team = params.get("team", "")
    if team.isascii() and team.isdigit() and len(team) < 12:
        queryset = queryset.filter(team_id=int(team))
        active["team"] = team
    tag = params.get("tag", "").replace("\x00", "")[:60]  # PostgreSQL refuses NUL in text
    if tag:
        queryset = queryset.filter(tags__slug=tag)
        active["tag"] = tag
    q = " ".join(params.get("q", "").replace("\x00", "").split())[:100]
    if q:
        queryset = queryset.search(q)
        active["q"] = q
    return queryset, active


@require_safe
def feed(request):
    queryset, active = _filtered(Story.objects.published(), request.GET)
    size = settings.WINSBOARD_FEED_PAGE_SIZE
    page = keyset_page_or_none(request.GET, queryset.newest_first().for_cards(), size=size)
    if page is None:
        return broken_page_link(request, back_url=reverse("feed"), back_label="Back to the newest wins")
    context = {
        "page": page,
        "active": active,
        "kinds": Story.Kind.choices,
        "teams": Team.objects.all(),
        "active_tag": Tag.objects.filter(slug=active["tag"]).first() if "tag" in active else None,
        "filter_query": urlencode(active),
    }
    return render(request, "stories/wins/feed.html", context)


def _story_data(form):
    data = dict(form.cleaned_data)
    heroes = data.pop("heroes")
    return heroes, data


# The upload script (static/js/upload.js) posts with this header and follows
# the address it gets back; a plain form post gets a redirect.
UPLOAD_HEADER = "X-Winsboard-Upload"


def _all_valid(form, media_form):
    form_valid = form.is_valid()
    return media_form.is_valid() and form_valid  # both run, so every problem shows at once


def _saved(request, story):
    if request.headers.get(UPLOAD_HEADER) == "1":
        return JsonResponse({"redirect": story.get_absolute_url()})
    return redirect(story)


def _render_form(request, form, media_form, *, story):
    error_links = form.error_links() + media_form.error_links() if form.is_bound else []
    context = {
        "form": form,
        "media_form": media_form,
        "story": story,
        "is_new": story is None,
        "can_resubmit": story is not None and story.can_be_resubmitted_by(request.user),
        "error_links": error_links,
        "error_count": len(error_links),
    }
    return render(request, "stories/wins/form.html", context, status=400 if error_links else 200)


@require_http_methods(["GET", "POST"])
def story_create(request):
    posted = request.POST if request.method == "POST" else None
    form = StoryForm(posted, request.FILES or None, user=request.user)
    media_form = StoryMediaForm(posted, request.FILES or None)
    if posted is not None and _all_valid(form, media_form):
        heroes, data = _story_data(form)
        try:
            story = services.story_create_with_media(
                author=request.user, heroes=heroes, media_changes=media_form.changes, **data
            )
        except MediaError as error:  # e.g. the photo limit, checked again inside the transaction
            media_form.add_error(str(error))
        else:
            if story.is_pending:
                messages.success(request, "Thanks! Your win is waiting for a manager's review before it is shared.")
            else:
                messages.success(request, "Your win is on the board. Thank you for sharing it!")
            return _saved(request, story)
    return _render_form(request, form, media_form, story=None)


@require_safe
def story_detail(request, pk):
    story = get_story_for_user(request, pk)
    context = {
        "story": story,
        "can_edit": story.is_editable_by(request.user),
        "can_resubmit": story.can_be_resubmitted_by(request.user),
    }
    return render(request, "stories/wins/detail.html", context)


def _edit_saved_message(story, *, resubmitted):
    if resubmitted:
        return "Your changes are saved, and a manager will look at the win again. It stays hidden until then."
    if story.is_hidden:
        return "Your changes are saved. The win is still hidden: ask for it to be shown again when it's ready."
    if story.is_pending:
        return "Your changes are saved. They wait for a manager's review before they are shared."
    return "Your changes are saved."


@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = get_story_for_user(request, pk, edit=True)
    posted = request.POST if request.method == "POST" else None
    form = StoryForm(posted, request.FILES or None, instance=story, user=request.user)
    media_form = StoryMediaForm(posted, request.FILES or None, story=story)
    if posted is not None and _all_valid(form, media_form):
        heroes, data = _story_data(form)
        try:
            services.story_update_with_media(
                story=story, heroes=heroes, media_changes=media_form.changes, by=request.user, **data
            )
        except MediaError as error:
            media_form.add_error(str(error))
        else:
            resubmit = posted.get("resubmit") == "1" and story.can_be_resubmitted_by(request.user)
            if resubmit:
                services.story_resubmit(story=story, by=request.user)
            messages.success(request, _edit_saved_message(story, resubmitted=resubmit))
            return _saved(request, story)
    return _render_form(request, form, media_form, story=story)


@require_POST
def story_resubmit(request, pk):
    """The author of a hidden win asks for it to be shown again (after fixing it)."""
    story = get_story_for_user(request, pk, edit=True)
    if not story.is_hidden:
        messages.info(request, "This win isn't hidden: everyone can see it already.")
        return redirect(story)
    if not story.can_be_resubmitted_by(request.user):
        raise PermissionDenied("Only the win's author can ask for it to be shown again.")
    try:
        services.story_resubmit(story=story, by=request.user)
    except CurationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thanks! A manager will look at your win again. It stays hidden until then.")
    return redirect(story)


@require_http_methods(["GET", "POST"])
def story_delete(request, pk):
    story = get_story_for_user(request, pk, edit=True)
    if request.method == "POST":  # the POST itself (CSRF-checked) is the confirmation
        services.story_delete(story=story)
        messages.success(request, f"“{story.headline}” was deleted.")
        return redirect("feed")
    return render(request, "stories/wins/confirm_delete.html", {"story": story})
