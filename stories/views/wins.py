"""Wins: the feed (/), and one win — post, read, edit, delete."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..access import get_story_for_user
from ..forms.feed_filters import FeedFilterForm, feed_choices
from ..forms.media import StoryMediaForm
from ..forms.wins import StoryForm
from ..lib.curation import CurationError
from ..lib.faults import database_busy
from ..lib.media import MediaError
from ..lib.pagination import keyset_page_or_none, numbered_page_or_none
from ..models import Story
from ..models.cards import with_award_categories
from .awards import nomination_panel
from .cards import cards_for
from .celebrate import celebration
from .customer_voice import on_win
from .errors import RETRY_AFTER_SECONDS
from .inbound import draft_initial, own_draft_or_none
from .pages import cached_page
from .responses import broken_page_link

# Filters behind "More filters" (open when one of them is set).
MORE_FILTERS = ("tag", "hero", "since", "until", "featured", "photo", "video", "decided")


FEED_CHOICES_KEY = "feed-choices"
CHOICES_SECONDS = 600  # people added outside the site's services (a shell) are offered within this


def cached_feed_choices():
    """What the filters offer, from the shared cache while the names' version
    they were read under is current (one cache read with the version)."""
    return services.kept_under_version(services.NAMES, FEED_CHOICES_KEY, feed_choices, CHOICES_SECONDS)


@require_safe
@cached_page
def feed(request):
    """Newest first, or best match first when searching; the filters stay in
    the address (a filtered feed can be bookmarked and shared). Cards come
    from the cache (stories.views.cards)."""
    form = FeedFilterForm(request.GET, choices=cached_feed_choices())
    filters = form.filters()
    wins = Story.objects.published().filtered(filters).in_order_for(filters).card_keys(request.user)
    size = settings.WINSBOARD_FEED_PAGE_SIZE
    if filters.query.groups:
        page = numbered_page_or_none(request.GET, wins, size=size)
    else:
        page = keyset_page_or_none(request.GET, wins, size=size)
    if page is None:
        return broken_page_link(request, back_url=reverse("feed"), back_label=_("Back to the newest wins"))
    search_query = filters.query if filters.query.groups else None
    context = {
        "page": page,
        "cards": cards_for(request, page.items, kind="story", context={"search_query": search_query}),
        "form": form,
        "active": bool(filters),
        "sentence": form.sentence(),
        "ignored": form.ignored,
        "filter_query": form.query_string(),
        "search_query": search_query,
        "more_filters_open": any(form[name].value() for name in MORE_FILTERS),
    }
    return render(request, "stories/wins/feed.html", context)


def _story_data(form):
    data = dict(form.cleaned_data)
    heroes = data.pop("heroes")
    return heroes, data


# The upload script (static/js/upload.js) posts with this header and follows
# the address it gets back; a plain form post gets a redirect.
UPLOAD_HEADER = "X-Winsboard-Upload"
BUSY = gettext_lazy(
    "Winsboard is busy saving other changes, so nothing was saved. Everything you typed is still here: "
    "press the button again in a few seconds."
)


def _all_valid(form, media_form):
    form_valid = form.is_valid()
    return media_form.is_valid() and form_valid  # both run, so every problem shows at once


def _saved(request, story):
    if request.headers.get(UPLOAD_HEADER) == "1":
        return JsonResponse({"redirect": story.get_absolute_url()})
    return redirect(story)


def _render_form(request, form, media_form, *, story, status=None, shared=None, draft=None):
    error_links = form.error_links() + media_form.error_links() if form.is_bound else []
    context = {
        "form": form,
        "media_form": media_form,
        "story": story,
        "is_new": story is None,
        "can_resubmit": story is not None and story.can_be_resubmitted_by(request.user),
        "error_links": error_links,
        "error_count": len(error_links),
        "shared": shared,
        "draft": draft,
        "shared_token": (request.POST or request.GET).get("shared", "") if shared else "",
    }
    status = status or (400 if error_links else 200)
    response = render(request, "stories/wins/form.html", context, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _save(request, form, media_form, service, **kwargs):
    """Run the post or edit service; (the win, None) or (None, a response):
    the form again with the problem (photos, a full disk, a busy database:
    what was typed kept), or the win when this form was already saved."""
    heroes, data = _story_data(form)
    try:
        return service(heroes=heroes, media_changes=media_form.changes, **kwargs, **data), None
    except Story.DoesNotExist:  # deleted (another tab, a manager) while this form was open
        raise Http404("This win was deleted while you were editing it.") from None
    except services.AlreadySaved as saved:  # sent twice (a double-click, a retry): saved once
        if not saved.story.is_editable_by(request.user):
            raise
        messages.info(request, _("That form was sent twice; it was saved once."))
        return None, _saved(request, saved.story)
    except MediaError as error:  # the photo limit, checked again inside the transaction; storage full
        media_form.add_error(str(error))
        status = error.status
    except OperationalError as error:
        if not database_busy(error):
            raise
        form.add_error(None, BUSY)
        status = 503
    return None, _render_form(request, form, media_form, story=kwargs.get("story"), status=status)


@require_http_methods(["GET", "POST"])
def story_create(request):
    posted = request.POST if request.method == "POST" else None
    shared = services.share_of(request.session, (posted or request.GET).get("shared"))
    draft = own_draft_or_none(request, (posted or request.GET).get("draft"))  # from a forwarded e-mail
    story_initial, video_initial = services.share_initial(shared) if shared else ({}, {})
    story_initial.update(draft_initial(draft) if draft else {})
    form = StoryForm(posted, request.FILES or None, user=request.user, initial=story_initial)
    media_form = StoryMediaForm(posted, request.FILES or None)
    media_form.video_form.initial.update(video_initial)
    if posted is None or not _all_valid(form, media_form):
        return _render_form(request, form, media_form, story=None, shared=shared, draft=draft)
    story, answer = _save(request, form, media_form, services.story_create_with_media, author=request.user)
    if answer is not None:
        return answer
    services.share_forget(session=request.session, token=posted.get("shared"))
    services.inbound_draft_posted(owner=request.user, draft_id=draft.pk if draft else None)
    if story.is_pending:
        messages.success(
            request,
            _("Thanks! Your win is waiting for a manager's review before it is shared."),
            extra_tags="win-posted",
        )
    else:
        messages.success(request, _("Your win is on the board. Thank you for sharing it!"), extra_tags="win-posted")
    return _saved(request, story)


@require_safe
def story_detail(request, pk):
    who = ("featured_by__profile", "reviewed_by__profile", "hidden_by__profile")
    cards = Story.objects.for_cards().select_related(*who).with_celebration(request.user)
    story = get_story_for_user(request, pk, queryset=cards.prefetch_related(with_award_categories(Story)))
    context = {
        "story": story,
        "can_edit": story.is_editable_by(request.user),
        "can_resubmit": story.can_be_resubmitted_by(request.user),
        **celebration(request, story),
        **on_win(request, story),
        **nomination_panel(request, story),
    }
    return render(request, "stories/wins/detail.html", context)


def _edit_saved_message(story, *, resubmitted):
    if resubmitted:
        return _("Your changes are saved, and a manager will look at the win again. It stays hidden until then.")
    if story.is_hidden:
        return _("Your changes are saved. The win is still hidden: ask for it to be shown again when it's ready.")
    if story.is_pending:
        return _("Your changes are saved. They wait for a manager's review before they are shared.")
    return _("Your changes are saved.")


@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = get_story_for_user(request, pk, edit=True)
    posted = request.POST if request.method == "POST" else None
    form = StoryForm(posted, request.FILES or None, instance=story, user=request.user)
    media_form = StoryMediaForm(posted, request.FILES or None, story=story)
    if posted is None or not _all_valid(form, media_form):
        return _render_form(request, form, media_form, story=story)
    _, answer = _save(request, form, media_form, services.story_update_with_media, story=story, by=request.user)
    if answer is not None:
        return answer
    resubmit = posted.get("resubmit") == "1" and story.can_be_resubmitted_by(request.user)
    if resubmit:
        services.story_resubmit(story=story, by=request.user)
    messages.success(request, _edit_saved_message(story, resubmitted=resubmit))
    return _saved(request, story)


@require_POST
def story_resubmit(request, pk):
    """The author of a hidden win asks for it to be shown again (after fixing it)."""
    story = get_story_for_user(request, pk, edit=True)
    if not story.is_hidden:
        messages.info(request, _("This win isn't hidden: everyone can see it already."))
        return redirect(story)
    if not story.can_be_resubmitted_by(request.user):
        raise PermissionDenied(_("Only the win's author can ask for it to be shown again."))
    try:
        services.story_resubmit(story=story, by=request.user)
    except CurationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thanks! A manager will look at your win again. It stays hidden until then."))
    return redirect(story)


@require_http_methods(["GET", "POST"])
def story_delete(request, pk):
    story = get_story_for_user(request, pk, edit=True)
    if request.method == "POST":  # the POST itself (CSRF-checked) is the confirmation
        services.story_delete(story=story)
        messages.success(request, f"“{story.headline}” was deleted.")
        return redirect("feed")
    return render(request, "stories/wins/confirm_delete.html", {"story": story})
