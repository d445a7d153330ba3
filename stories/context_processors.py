"""What every page's layout needs. Reads only: nothing here writes.

The bell in the navigation reads `user.unread_notifications`, loaded with
the user (stories.auth.NotifiedUserBackend): no query of its own."""

from django.conf import settings

from .lib.money import money_text
from .models.roles import can_curate


def winsboard(request):
    """Flags for the navigation, and the budget boundary."""
    user = getattr(request, "user", None)
    return {
        "can_curate": can_curate(user),
        "empowerment_budget": settings.WINSBOARD_EMPOWERMENT_BUDGET,
        "currency": settings.WINSBOARD_CURRENCY,
        "budget_text": money_text(settings.WINSBOARD_EMPOWERMENT_BUDGET, settings.WINSBOARD_CURRENCY, whole=True),
        # Signing in: the company sign-on's button name ("" when off), the e-mailed code's life.
        "oidc_name": settings.WINSBOARD_OIDC_NAME,
        "code_minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60,
    }
