"""Sharing into Winsboard from another app (the manifest's share target):
the phone's share sheet POSTs photos, a video, a link or text here; they
are kept for this browser session (stories.services.shared) and "Post a
win" opens with them. Signed out, the person signs in first and lands on
the same form."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..auth import client_address

# The phone's share sheet sends no CSRF token: this view only keeps files
# for the form that opens next, which the person still has to post.


@csrf_exempt
@login_not_required
@require_POST
def share_target(request):
    if not services.share_quota_take(address=client_address(request)):
        reason = _("Too many things were shared from here in the last hour. Wait a while, then share again.")
        return render(request, "429.html", {"reason": reason}, status=429)
    token, problems = services.share_keep(
        session=request.session,
        title=request.POST.get("title", ""),
        body=request.POST.get("text", ""),
        url=request.POST.get("url", ""),
        photo_uploads=request.FILES.getlist("photos"),
        video_upload=request.FILES.get("video"),
    )
    for problem in problems:
        messages.warning(request, problem)
    return HttpResponseRedirect(f"{reverse('story_create')}?{urlencode({'shared': token})}")


@require_safe
@never_cache
def shared_file(request, token, number):
    """One kept file, for the form of the session that shared it only."""
    share = services.share_of(request.session, token)
    if share is None or not 0 <= number < len(share["files"]):
        raise Http404
    kept = share["files"][number]
    response = FileResponse(default_storage.open(kept["name"]), content_type=kept["type"])
    response["Content-Disposition"] = "inline"
    return response
