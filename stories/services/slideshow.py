"""The slideshow's writes: marking a deck as shown at an all-hands, and
display links (create, rename, revoke, note their use)."""

from datetime import timedelta

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from ..lib.slideshow_filters import parse_selection
from ..models import DisplayLink, Story
from .changes import wins_changed
from .notifications import notify_shown


@transaction.atomic
def slideshow_mark_shown(*, stories, on=None, by=None):
    """Record that the wins of a deck were shown at an all-hands on `on` (today
    by default), and tell their authors and heroes (once per day). Returns
    how many wins were marked."""
    on = on or timezone.localdate()
    ids = list(stories.values_list("pk", flat=True))
    newly = list(Story.objects.filter(pk__in=ids).exclude(shown_on=on))
    Story.objects.filter(pk__in=ids).update(shown_on=on)
    wins_changed()  # slides note it; no card shows it
    notify_shown(stories=newly, on=on, by=by)
    return len(ids)


@transaction.atomic
def display_link_create(*, name, query, by, language=""):
    """A new display link: an unguessable token (`new_display_token`) and the
    validated filters (a canonical slideshow query string), speaking
    `language` ("" = the site's). Raises BadSelection on bad filters."""
    query = parse_selection(QueryDict(query)).as_query()
    return DisplayLink.objects.create(name=name, query=query, created_by=by, language=language)


@transaction.atomic
def display_link_rename(*, link, name, language=None):
    """A new name for the screen (and a language, when given)."""
    link.name = name
    if language is not None:
        link.language = language
    link.save(update_fields=["name", "language"])
    return link


@transaction.atomic
def display_link_revoke(*, link):
    """Stop a display link at once (its screen gets 404 on its next request)."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def display_link_record_use(*, link, now=None, every_seconds=300):
    """Note when a screen last used its link — at most one UPDATE every few
    minutes per screen, so polling costs no writes."""
    now = now or timezone.now()
    if link.last_used_at is None or now - link.last_used_at >= timedelta(seconds=every_seconds):
        DisplayLink.objects.filter(pk=link.pk).update(last_used_at=now)
        link.last_used_at = now
    return link
