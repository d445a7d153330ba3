"""The review queue (/manage/): wins nobody has reviewed yet, those waiting
for approval and the hidden; filtered by team, kind, tag and dates (the
feed's filters); as cards, or as a compact list (one line per win) with
bulk actions on the ticked wins. Managers only."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..access import curator_required
from ..forms.queue import BULK_MAX, QueueBulkForm, QueueFilterForm
from ..lib import text
from ..lib.curation import CurationError
from ..lib.money import money_text
from ..lib.pagination import BadCursor, keyset_page
from ..models import QUEUES, Story
from .cards import cards_for
from .responses import broken_page_link, safe_next
from .wins import cached_feed_choices

QUEUE_PAGE_SIZE = 20
LIST_PAGE_SIZE = 50  # one line per win: a manager sees more at once


def queue_context(request, params, *, next_url=None):
    """The queue for these GET parameters (`show`, `over`, `view`, the
    filters, `before`): cards from the card cache (stories.views.cards) or
    the list's lines, in a constant number of queries; raises BadCursor."""
    show = params.get("show", "") if params.get("show", "") in QUEUES else "review"
    over_budget_only, as_list = params.get("over") == "1", params.get("view") == "list"
    form = QueueFilterForm(params, choices=cached_feed_choices())
    stories = Story.objects.in_queue(show).filtered(form.filters())
    stories = (stories.over_budget() if over_budget_only else stories).newest_first()
    rows = stories.for_queue_rows() if as_list else stories.card_keys(request.user)
    page = keyset_page(rows, cursor=params.get("before", ""), size=LIST_PAGE_SIZE if as_list else QUEUE_PAGE_SIZE)
    kept = {"show": show if show != "review" else "", "over": "1" if over_budget_only else ""}
    query = "&".join(part for part in (urlencode({k: v for k, v in kept.items() if v}), form.query_string()) if part)
    budget = money_text(settings.WINSBOARD_EMPOWERMENT_BUDGET, settings.WINSBOARD_CURRENCY, whole=True)
    shown_with = {"show": show, "budget_text": budget}
    cards = [] if as_list else cards_for(request, page.items, kind="queue", context=shown_with, next_url=next_url)
    return {
        **{"page": page, "cards": cards, "show": show, "over_budget_only": over_budget_only, "as_list": as_list},
        **{"filter_form": form, "filtered": bool(form.query_string()), "budget_text": budget},
        "counts": Story.objects.queue_counts(show),
        "review_before_publish": settings.WINSBOARD_REVIEW_BEFORE_PUBLISH,
        "filter_query": query,
        "base_query": "&".join(part for part in (query, "view=list" if as_list else "") if part),
    }


@require_safe
@curator_required
def review_queue(request):
    """/manage/: the queue, newest first, with quick actions and counts."""
    try:
        context = queue_context(request, request.GET)
    except BadCursor:
        return broken_page_link(request, back_url=reverse("manage"), back_label=_("Back to the review queue"))
    return render(request, "stories/curation/queue.html", context)


@require_POST
@curator_required
def queue_bulk(request):
    """The list's bulk action on the ticked wins (at most BULK_MAX), through
    the single-win services; a refusal (no reason, a bad tag) changes none."""
    next_url = safe_next(request, reverse("manage"))
    form = QueueBulkForm(request.POST)
    if not form.is_valid():
        return _refused(request, next(iter(form.errors.values()))[0], next_url)
    data = form.cleaned_data
    stories = Story.objects.filter(pk__in=form.ids)
    try:
        count = services.stories_bulk(
            action=data["action"], stories=stories, by=request.user, reason=data["reason"], tag=data["tag"]
        )
    except CurationError as error:
        return _refused(request, str(error), next_url)
    messages.success(request, _done(data["action"], count, data["tag"]))
    return redirect(next_url)


def _done(action, count, tag):
    """What a bulk action did, as one sentence: "Tagged 12 wins #Small touches."."""
    values = {"count": count, "tag": tag}
    if action == "approve":
        return ngettext("Approved %(count)s win.", "Approved %(count)s wins.", count) % values
    if action == "hide":
        return ngettext("Hid %(count)s win.", "Hid %(count)s wins.", count) % values
    # Translators: %(tag)s is a tag's name, shown after "#".
    return ngettext("Tagged %(count)s win #%(tag)s.", "Tagged %(count)s wins #%(tag)s.", count) % values


def _refused(request, message, next_url):
    """Nothing changed: the message, a 400, and the way back."""
    context = {"message": message, "next_url": next_url, "panel": "queue"}
    return render(request, "stories/curation/refused.html", context, status=400)


@require_POST
@curator_required
def review_many(request):
    """Mark the wins ticked in the queue reviewed, once confirmed: the queue's
    form asks with the list of them (nothing changes), the confirmation
    (`confirm=yes`) marks them. Wins waiting for approval or hidden are left
    to their own buttons."""
    ids = [pk for pk in map(text.posted_id, request.POST.getlist("ids")[:BULK_MAX]) if pk is not None]
    stories = Story.objects.in_queue("review").published().filter(pk__in=ids)
    next_url = safe_next(request, reverse("manage"))
    if request.POST.get("confirm") == "yes":
        count = services.stories_mark_reviewed(stories=stories, by=request.user)
        messages.success(
            request,
            ngettext("Marked %(count)s win reviewed.", "Marked %(count)s wins reviewed.", count) % {"count": count},
        )
        return redirect(next_url)
    wins = list(stories.newest_first())
    if not wins:
        messages.error(request, _("Tick the wins to mark reviewed first (wins waiting for approval aside)."))
        return redirect(next_url)
    return render(request, "stories/curation/confirm_reviewed.html", {"wins": wins, "next_url": next_url})
