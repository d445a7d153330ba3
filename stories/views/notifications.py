"""Notifications: marking them read (a POST; pages only read them)."""

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .. import services
from ..lib import text
from .responses import safe_next


@require_POST
def notifications_read(request):
    """Mark the posted notifications (all unread ones without `ids`) read,
    then back to the page the person was on."""
    ids = [text.posted_id(value) for value in request.POST.getlist("ids")]
    services.notifications_mark_read(user=request.user, ids=[pk for pk in ids if pk is not None] if ids else None)
    return redirect(safe_next(request, "/"))
