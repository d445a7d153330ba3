"""What every page's layout needs. Reads only: nothing here writes."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .lib.money import money_text
from .lib.roles import can_curate
from .models import Notification

MAX_NAMED = 3


def winsboard(request):
    """Flags for the navigation, the budget boundary, and the approval notice
    (read only when the signed-in user has something unread)."""
    user = getattr(request, "user", None)
    return {
        "can_curate": can_curate(user),
        "empowerment_budget": settings.WINSBOARD_EMPOWERMENT_BUDGET,
        "currency": settings.WINSBOARD_CURRENCY,
        "budget_text": money_text(settings.WINSBOARD_EMPOWERMENT_BUDGET, settings.WINSBOARD_CURRENCY, whole=True),
        "approval_notice": SimpleLazyObject(lambda: _approval_notice(request, user)),
    }


def _approval_notice(request, user):
    """{"text", "ids"} about the user's newly approved wins, until they mark
    it read; None when there is nothing to tell, on htmx fragments too."""
    if not getattr(user, "unread_notifications", 0) or getattr(request, "htmx", False):
        return None
    approved = (
        Notification.objects.for_user(user)
        .unread()
        .filter(kind=Notification.Kind.APPROVED)
        .select_related("story")
        .newest_first()
    )
    notices = [notice for notice in approved if notice.story is not None]
    if not notices:
        return None
    headlines = [notice.story.headline for notice in notices]
    if len(headlines) == 1:
        text = f"your win “{headlines[0]}” was approved and is now shared with everyone."
    else:
        named = ", ".join(f"“{headline}”" for headline in headlines[:MAX_NAMED])
        more = len(headlines) - MAX_NAMED
        named += f" and {more} more" if more > 0 else ""
        text = f"your wins {named} were approved and are now shared with everyone."
    return {"text": "Good news: " + text, "ids": [notice.pk for notice in notices]}
