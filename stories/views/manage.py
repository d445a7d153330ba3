"""/manage/: the managers' review queue — wins nobody has reviewed yet,
newest first, with quick actions (tag, feature, hide, mark reviewed) and
counts at the top; also the wins waiting for approval and the hidden ones."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..models import Story, can_curate
from ..pagination import BadCursor, keyset_page
from .errors import broken_page_link

QUEUE_PAGE_SIZE = 20

TO_REVIEW = Q(reviewed_at__isnull=True, hidden_at__isnull=True)
PENDING = Q(status=Story.Status.PENDING, hidden_at__isnull=True)
HIDDEN = Q(hidden_at__isnull=False)
LISTS = {"review": TO_REVIEW, "pending": PENDING, "hidden": HIDDEN}


def require_curator(request):
    """403 unless the user may curate (Managers group, superusers)."""
    if not can_curate(request.user):
        raise PermissionDenied("Only managers can curate wins.")


def queue_counts():
    """Every count at the top of the queue, in one query."""
    published = Q(status=Story.Status.PUBLISHED, hidden_at__isnull=True)
    over_budget = Q(cost__gt=settings.WINSBOARD_EMPOWERMENT_BUDGET)
    return Story.objects.aggregate(
        review=Count("pk", filter=TO_REVIEW),
        pending=Count("pk", filter=PENDING),
        hidden=Count("pk", filter=HIDDEN),
        featured=Count("pk", filter=published & Q(featured_at__isnull=False)),
        over_budget=Count("pk", filter=TO_REVIEW & over_budget),
    )


def queue_context(params):
    """The queue for these GET parameters (`show`, `before`); raises BadCursor."""
    show = params.get("show", "")
    show = show if show in LISTS else "review"
    stories = Story.objects.filter(LISTS[show]).newest_first().for_cards().select_related("hidden_by")
    page = keyset_page(stories, cursor=params.get("before", ""), size=QUEUE_PAGE_SIZE)
    return {
        "page": page,
        "show": show,
        "counts": queue_counts(),
        "review_before_publish": settings.WINSBOARD_REVIEW_BEFORE_PUBLISH,
        "base_query": "" if show == "review" else f"show={show}",
    }


@require_safe
def review_queue(request):
    require_curator(request)
    try:
        context = queue_context(request.GET)
    except BadCursor:
        return broken_page_link(request, back_url=reverse("manage"), back_label="Back to the review queue")
    return render(request, "stories/manage/queue.html", context)
