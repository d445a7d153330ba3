from django.conf import settings

from .models import can_curate


def winsboard(request):
    """Flags every page's layout needs (navigation, budget boundary)."""
    user = getattr(request, "user", None)
    return {
        "can_curate": can_curate(user),
        "empowerment_budget": settings.WINSBOARD_EMPOWERMENT_BUDGET,
        "currency": settings.WINSBOARD_CURRENCY,
    }
