"""The footer's language menu: everyone, signed in or not (POST /language/)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import services
from ..languages import CODES
from .responses import safe_next

COOKIE_DAYS = 365


@login_not_required
@require_POST
def language_choose(request):
    """Read Winsboard in the language chosen: this browser remembers it (a
    cookie), and a signed-in person's choice follows them to every device.
    Back to the page they were on (this site's only)."""
    code = request.POST.get("language", "")
    if code not in CODES:
        return render(request, "400.html", status=400)
    if request.user.is_authenticated:
        services.language_choose(user=request.user, language=code)
    response = redirect(safe_next(request, "/"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=COOKIE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
