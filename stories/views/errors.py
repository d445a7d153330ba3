"""Error pages that say what is wrong: a busy database (503, what was typed
kept), a full disk (507), a refused form (secure cookies over plain HTTP, or
an expired page). Rendered without the database: it may be the problem."""

import logging
import sys

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE, get_token
from django.template.loader import render_to_string
from django.views import defaults

from ..lib.faults import database_busy, database_unavailable, disk_full

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# Never written back into a page.
SECRET_FIELDS = ("password", "csrfmiddlewaretoken")


def typed_fields(request):
    """What a person posted (text fields only, never a password or token):
    [(name, label, value)], for the busy page to show and send again."""
    if request.method != "POST":
        return [], False
    try:
        posted = request.POST.lists()
    except Exception:  # noqa: BLE001 - a body that can't be read again: nothing to keep
        return [], True
    fields, dropped = [], False
    for name, values in posted:
        if any(secret in name.lower() for secret in SECRET_FIELDS):
            dropped = dropped or "password" in name.lower()
            continue
        label = name.rsplit("-", 1)[-1].replace("_", " ").capitalize()
        fields += [(name, label, value) for value in values]
    return fields, dropped


def busy_response(request, *, unavailable=False):
    """503: the database is busy (or can't be reached at all); nothing was
    saved; here is what you typed."""
    fields, dropped = typed_fields(request)
    context = {
        "unavailable": unavailable,
        "fields": fields,
        "shown": [field for field in fields if field[2].strip() and not field[0].endswith("token")],
        "can_resend": bool(fields) and not dropped,
        "action": request.path,
        "csrf_token": get_token(request),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def disk_full_response(request):
    return HttpResponse(render_to_string("507.html", {}), status=507)


def server_error(request, template_name="500.html"):
    """handler500: a busy or unreachable database → 503 with Retry-After, a full disk → 507;
    anything else is Django's plain 500 page."""
    error = sys.exc_info()[1]
    if database_busy(error):
        return busy_response(request)
    if database_unavailable(error):
        log.error("The database can't be reached: %r", error)
        return busy_response(request, unavailable=True)
    if disk_full(error):
        return disk_full_response(request)
    return defaults.server_error(request, template_name=template_name)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: says when the cause is secure cookies over plain HTTP."""
    insecure = reason == REASON_NO_CSRF_COOKIE and settings.CSRF_COOKIE_SECURE and not request.is_secure()
    context = {"insecure": insecure, "host": request.get_host() if insecure else ""}
    return HttpResponse(render_to_string("403_csrf.html", context, request=request), status=403)
