"""Whole pages from the cache: the feed, the featured wall, a person's page
and the people directory, as one signed-in viewer sees them (`@cached_page`).

A page is kept for one browser (its session) and address, with the wins'
and names' versions it was made under (stories.services.versions) and a
fingerprint of everything else it depends on; it is used only while both
versions are current — every write that changes a card, a count, a name, a
tag, a team or a filter's choices moves them, in its transaction
(`services.wins_changed`), and so does a new person (stories.apps) — and
the fingerprint is the request's own, so nothing is ever invalidated. The
fingerprint holds:
- who looks: every column of the viewer's row and profile as loaded for
  this request (their name, role, language …), their unread count and
  may-curate — read in the one query that loads the user, so a change is
  seen on the next request without anything to invalidate;
- the address (path and query: the page's forms send back to it), the
  language, today's date (a person's page counts by month), and what every
  card is rendered with (code, settings: stories.views.cards).

The CSRF token is the request's alone: the stored page has an unguessable
marker in its place, replaced on the way out with this request's token.
Never cached: anything but a GET, an htmx request, a page with messages to
show (they are shown once), answers other than 200 or that set a cookie.

Stored in CACHES["pages"] for PAGE_SECONDS, which also bounds what a
write outside the services (a SQL console) can leave showing: with Redis,
beside the versions and the session, so the session's one round trip
(stories.sessions) reads all three (`PageWithSessionMiddleware` names the
page before the session is read); else in each process's memory (the
versions from the shared cache); a dummy with
WINSBOARD_PAGE_CACHE=false. A cache that can't be read or written costs
the page its speed, never its answer."""

import hashlib
import logging
import re
from functools import cache, partial, wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from .. import services
from ..models.roles import can_curate
from ..services.versions import read_also_with_session
from .cards import _version as cards_version
from .cards import within_budget

log = logging.getLogger(__name__)
KEPT_PER_VIEWER = 120

# Where a page holds a CSRF token ({% csrf_token %}: the only way our templates
# write one): a literal to look for, ~25x faster than any run of 64 letters.
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})"')


@cache
def _marker(secret_key):
    made = salted_hmac("winsboard.views.pages", "csrf", secret=secret_key, algorithm="sha256").hexdigest()
    return f"wbpagecsrf{made[:32]}".encode()


def _viewer(user):
    """Everything the page's frame and cards may show of the viewer, as loaded
    with them for this request (stories.auth): no query."""
    profile = getattr(user, "profile", None)
    shown = [getattr(user, field.attname) for field in user._meta.concrete_fields if field.attname != "password"]
    if profile is not None:
        shown += [getattr(profile, field.attname) for field in profile._meta.concrete_fields]
    shown += [getattr(user, "unread_notifications", None), can_curate(user)]
    return repr(shown)


def _fingerprint(request):
    shown = (
        cards_version(),
        translation.get_language(),
        request.get_host(),
        request.get_full_path(),
        timezone.localdate().isoformat(),
        _viewer(request.user),
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def _key(request):
    """Where this browser's page for this address is kept: known before the
    session is read (the session's key is the cookie's value)."""
    address = (request.session.session_key, request.META.get("HTTP_HOST", ""), request.get_full_path())
    return "page:" + hashlib.sha256(repr(address).encode()).hexdigest()


def _may_be_cached(request):
    """Whether this request may be answered from the cache, as far as is
    known before the session and the user are read. A conditional GET (a
    screen's poll: If-None-Match) is not for a page: pages have no ETag."""
    meta = request.META
    return (
        settings.WINSBOARD_PAGE_CACHE
        and request.method == "GET"
        and "HTTP_IF_NONE_MATCH" not in meta
        and "HTTP_HX_REQUEST" not in meta
        and request.session.session_key is not None
    )


def _may_cache(request):
    return _may_be_cached(request) and request.user.is_authenticated and not len(get_messages(request))


class PageWithSessionMiddleware:
    """Right after SessionMiddleware: a signed-in GET may be answered with a
    page kept for this browser, so the session's read (stories.sessions)
    brings it too, with the versions — one round trip for all three. Only
    where the pages live beside the sessions (Redis); a page never asked for
    costs that read a missing key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_be_cached(request) and _beside_the_versions():
            request.page_key = _key(request)
            read_also_with_session(request.page_key)
        return self.get_response(request)


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
    )


def _stored_form(request, response, versions, fingerprint):
    """(versions, fingerprint, headers, body) with every CSRF token of this
    request's in the body replaced by the marker."""
    secret = request.META.get("CSRF_COOKIE")
    marker = _marker(settings.SECRET_KEY)
    seen = {}  # a page repeats a few tokens many times (one per card's form): unmasked once each

    def unmasked(found):
        token = found.group(2)
        if token not in seen:
            seen[token] = bool(secret) and _unmask_cipher_token(token.decode()) == secret
        return found.group(1) + (marker if seen[token] else token) + b'"'

    return versions, fingerprint, list(response.items()), TOKEN.sub(unmasked, response.content)


def _answer(request, stored):
    _versions, _fingerprint, headers, body = stored
    token = get_token(request).encode()
    response = HttpResponse(body.replace(_marker(settings.SECRET_KEY), token))
    for name, value in headers:
        response[name] = value
    return response


def _beside_the_versions():
    """Pages kept in the very cache the versions are (Redis): read together."""
    pages, shared = settings.CACHES["pages"], settings.CACHES["default"]
    return all(pages.get(name) == shared.get(name) for name in ("BACKEND", "LOCATION", "KEY_PREFIX"))


def _read(key, fingerprint):
    """(the current versions, the page kept at `key` if made under them for
    this fingerprint, else None)."""
    names = (services.WINS, services.NAMES)
    try:
        if _beside_the_versions():
            versions, stored = services.versions_of(*names, also=key)
        else:
            versions, stored = services.versions_of(*names), caches["pages"].get(key)
    except Exception:  # noqa: BLE001 - any backend's error: the page is made instead
        log.warning("The page cache could not be read; making the page", exc_info=True)
        return None, None
    current = stored is not None and stored[0] == versions and stored[1] == fingerprint
    return versions, (stored if current else None)


def _keep(key, request, response, versions, fingerprint):
    """Run when the server closes the response (Django ignores a closer's
    errors, so they are logged here)."""
    try:
        if within_budget(caches["pages"], "pages", request.user, KEPT_PER_VIEWER):
            caches["pages"].set(key, _stored_form(request, response, versions, fingerprint))
    except Exception:  # noqa: BLE001 - a page not stored is made again next time
        log.warning("The page cache could not be written", exc_info=True)


def cached_page(view):
    """Answer a signed-in GET from the cache when this viewer's page for this
    address is there under the current versions; else make it and keep it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _may_cache(request):
            return view(request, *args, **kwargs)
        key = getattr(request, "page_key", None) or _key(request)
        fingerprint = _fingerprint(request)
        versions, stored = _read(key, fingerprint)
        if stored is not None:
            return _answer(request, stored)
        response = view(request, *args, **kwargs)
        if versions is not None and _storable(response):
            # Kept once the page is sent (the server closes the response then):
            # the first view waits for nothing more than it did without the cache.
            response._resource_closers.append(partial(_keep, key, request, response, versions, fingerprint))
        return response

    return wrapper
