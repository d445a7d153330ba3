"""Who may see or do what. Every view goes through here: one lookup for a
win, one for a comment, one managers-only decorator, one check for display
links."""

import re
from functools import cache, partial, wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import router
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .lib.prepared import Prepared
from .lib.slideshow_filters import BadSelection, parse_selection
from .models import Comment, DisplayLink, Nomination, NotificationPreferences, Photo, Story
from .models.media import mail_photo_read
from .models.roles import can_curate

__all__ = [
    "active_display_link",
    "can_curate",
    "curator_required",
    "display_link_selection",
    "feed_token_owner",
    "get_comment_for_user",
    "get_nomination_for_user",
    "get_story_for_user",
    "mail_photo",
]

_DISPLAY_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
_FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def get_story_for_user(request, pk, *, edit=False, queryset=None):
    """The win `pk` as `request.user` may see it.

    404 where the user may not see it (someone else's hidden or pending win),
    403 where they may see it but not change it.
    """
    queryset = queryset if queryset is not None else Story.objects.for_cards()
    story = get_object_or_404(queryset.visible_to(request.user), pk=pk)
    if edit and not story.is_editable_by(request.user):
        raise PermissionDenied(_("Only the win's author and managers can change it."))
    return story


def get_comment_for_user(request, pk):
    """The comment `pk` as `request.user` may see it: 404 unless its win is
    shared with everyone (a hidden win takes its comments with it) and the
    comment is shown (or is theirs, or they are a manager)."""
    comments = Comment.objects.visible_to(request.user).filter(story__in=Story.objects.published())
    return get_object_or_404(comments.select_related("story", "author"), pk=pk)


def get_nomination_for_user(request, pk):
    """One of `request.user`'s own nominations: 404 for anyone else's (who
    nominated what is for the win's people and managers, not a URL to try)."""
    nominations = Nomination.objects.by(request.user).select_related("category", "story")
    return get_object_or_404(nominations, pk=pk)


CURATORS_ONLY = _("Only managers can curate wins.")


def curator_required(view=None, *, refusal=CURATORS_ONLY):
    """Managers only (the Managers group, superusers): 403 for everyone else,
    with `refusal` on the page. Signed-out people never get here
    (LoginRequiredMiddleware). Use as `@curator_required` or
    `@curator_required(refusal="…")`."""
    if view is None:
        return partial(curator_required, refusal=refusal)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_curate(request.user):
            raise PermissionDenied(refusal)
        return view(request, *args, **kwargs)

    return wrapper


@cache
def _display_link_loader():
    """The active link with a token, its SQL built once per thread: screens
    poll every few seconds, and building the query cost more than running it."""
    return Prepared(
        DisplayLink.objects.filter(token=Prepared.TEXT_SLOT, revoked_at__isnull=True), slot=Prepared.TEXT_SLOT
    )


def active_display_link(token):
    """The display link for `token`, or 404 at once if unknown or revoked."""
    if not _DISPLAY_TOKEN.fullmatch(token):
        raise Http404("No such display link.")
    link = _display_link_loader().first(alias=router.db_for_read(DisplayLink), value=token)
    if link is None:
        raise Http404("This display link is not active.")
    return link


def feed_token_owner(token):
    """The person whose private Atom feed `token` opens; 404 when it is
    malformed, unknown, revoked, or their account is closed."""
    if not isinstance(token, str) or not _FEED_TOKEN.fullmatch(token):
        raise Http404("No such feed.")
    preferences = NotificationPreferences.objects.with_feed_token(token).first()
    if preferences is None:
        raise Http404("No such feed.")
    return preferences.user


def display_link_selection(link):
    """The manager's filters. URL parameters from the screen never widen them."""
    try:
        return parse_selection(QueryDict(link.query))
    except BadSelection:
        raise Http404("This display link's filters are broken; create a new link.") from None


# --- a win's photo in an e-mail ---------------------------------------------------


def mail_photo(token):
    """The Photo behind a `mail_photo_token` (models/media.py), for
    MAIL_PHOTO_DAYS and only while its recipient is active and may still
    see its win; else 404."""
    sent = mail_photo_read(token)
    recipient = get_user_model().objects.filter(pk=sent[1], is_active=True).first() if sent else None
    if recipient is None:
        raise Http404("No such photo.")
    return get_object_or_404(Photo.objects.filter(story__in=Story.objects.visible_to(recipient)), pk=sent[0])
