"""Stored photos, posters and videos, served through the storage API.

Only names the app generates are served, only to people who may see the win
that owns the file (one indexed query) — profile photos to every signed-in
colleague — with the right type, `nosniff`, and HTTP Range support (Safari
and iPhones won't play a video without it). After that check, a file in an
object store is a redirect to a short-lived signed address, and with
WINSBOARD_MEDIA_ACCEL_REDIRECT nginx sends the file itself (X-Accel-Redirect),
so a large video never holds a Python worker.

Every answer carries `Content-Security-Policy: sandbox; default-src 'none'`
(never the site's own policy): a stored file opened on its own can never run
as a page of the site, whatever it holds. A bucket can't send that header
(S3 has no way to add it to an object's answers); what it sends is the
type our generated name says, set when the file was stored
(winsboard.media_storage), never a type an uploader chose.
"""

import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.views.decorators.http import require_safe

from ..access import mail_photo
from ..lib.media import CONTENT_TYPES, STORED_NAME
from ..models import Photo, Profile, Story, Video

_RANGE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})")
CHUNK = 64 * 1024
MEDIA_CSP = "sandbox; default-src 'none'"


@require_safe
def media_file(request, name):
    match = STORED_NAME.fullmatch(name)
    if not match or not _owner_visible(request.user, match[1], name):
        raise Http404("No such file.")
    return stored_file_response(request, name, CONTENT_TYPES[match[2]])


@login_not_required
@require_safe
def mail_photo_file(request, token):
    """A win's first photo in a notification e-mail (its card rendition):
    the address is signed for one recipient (stories.access.mail_photo)."""
    name = mail_photo(token[:300]).card.name
    return stored_file_response(request, name, CONTENT_TYPES[name.rsplit(".", 1)[-1]])


def stored_file_response(request, name, content_type):
    """The stored file `name`, for a request already allowed to see it: a
    redirect to a signed address (object store), an X-Accel-Redirect for
    nginx, or the bytes (whole or a Range)."""
    response = _stored_file_response(request, name, content_type)
    response["Content-Security-Policy"] = MEDIA_CSP  # the CSP middleware leaves a policy already set
    return response


def _stored_file_response(request, name, content_type):
    signed_url = getattr(default_storage, "signed_url", None)
    if signed_url is not None:
        response = HttpResponseRedirect(signed_url(name))
        response["Cache-Control"] = "private, no-store"  # the signed address expires; ask again
        return response
    if settings.WINSBOARD_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.WINSBOARD_MEDIA_ACCEL_REDIRECT + name
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=31536000, immutable"
        return response
    try:
        return file_response(request, name, content_type)
    except OSError:  # the row outlived its file: a 404, never a 500
        raise Http404("No such file.") from None


def _owner_visible(user, folder, name):
    if folder == "avatars":  # profile photos: any signed-in colleague (LoginRequiredMiddleware)
        return Profile.objects.filter(Q(photo=name) | Q(photo_small=name)).exists()
    if folder == "photos":
        files = Photo.objects.filter(Q(large=name) | Q(card=name))
    elif folder == "videos":
        files = Video.objects.filter(file=name)
    else:
        files = Video.objects.filter(Q(poster=name) | Q(poster_card=name))
    return files.filter(story__in=Story.objects.visible_to(user)).exists()


class Unsatisfiable(ValueError):
    pass


def byte_range(header, size):
    """(first, last) byte of the one range asked for; None for the whole
    file (no header, several ranges, or one we don't understand);
    Unsatisfiable when it starts past the end."""
    match = _RANGE.fullmatch((header or "").strip())
    if not match or not (match[1] or match[2]):
        return None
    if match[1]:
        first = int(match[1])
        last = min(int(match[2]), size - 1) if match[2] else size - 1
        if match[2] and int(match[2]) < first:
            return None
    else:
        suffix = int(match[2])
        if suffix == 0:
            raise Unsatisfiable
        first, last = max(size - suffix, 0), size - 1
    if first >= size:
        raise Unsatisfiable
    return first, last


def file_response(request, name, content_type):
    """The stored file `name`, whole (200) or the byte range asked for (206)."""
    size = default_storage.size(name)
    try:
        wanted = byte_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        if wanted is None:
            response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        else:
            first, last = wanted
            handle = default_storage.open(name, "rb")
            handle.seek(first)
            response = StreamingHttpResponse(_chunks(handle, last - first + 1), status=206, content_type=content_type)
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
            response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=31536000, immutable"  # a name never gets new content
    return response


def _chunks(handle, length):
    try:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()
