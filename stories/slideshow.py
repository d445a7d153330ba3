"""The all-hands slideshow's selection: which featured wins play, in what
order, and the slide each one becomes.

Reads only. The order is the featured wall's (`Story.objects.featured()`);
the URL filters narrow it. Writes (marking a deck as shown, display links)
live in `stories.services`.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from . import media
from .models import Story, Tag, Team, Video

DEFAULT_SECONDS = 12
MIN_SECONDS = 4
MAX_SECONDS = 120

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")

# How much text each layout has room for (CSS clamps lines as a safety net).
PHOTO_TEXT_CHARS = 220
TEXT_ONLY_CHARS = 420
PHOTO_QUOTE_CHARS = 200
MAX_HERO_NAMES = 4


class BadSelection(ValueError):
    """A slideshow URL parameter that makes no sense; the message tells a person how to fix it."""


@dataclass(frozen=True)
class Selection:
    """What the deck shows and how: the parsed, validated URL filters."""

    tag: str = ""
    since: date | None = None
    team: int | None = None
    seconds: int = DEFAULT_SECONDS
    shuffle: bool = False
    unshown: bool = False
    title: bool = True
    end: bool = True

    def as_query(self):
        """The canonical query string: only what differs from the defaults, in a fixed order."""
        params = []
        if self.tag:
            params.append(("tag", self.tag))
        if self.since:
            params.append(("since", self.since.isoformat()))
        if self.team is not None:
            params.append(("team", str(self.team)))
        if self.seconds != DEFAULT_SECONDS:
            params.append(("seconds", str(self.seconds)))
        for name in ("shuffle", "unshown"):
            if getattr(self, name):
                params.append((name, "1"))
        for name in ("title", "end"):
            if not getattr(self, name):
                params.append((name, "0"))
        return urlencode(params)


# --- parsing the URL ----------------------------------------------------------


def _text(params, name):
    value = params.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _flag(params, name, default):
    value = _text(params, name).lower()
    if value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadSelection(f"“{name}” takes 1 (yes) or 0 (no).")


def _tag(params):
    value = _text(params, "tag").lower()  # slugs are lower case; a hand-typed ?tag=Q4-2026 still finds its tag
    if value and not _SLUG.fullmatch(value):
        raise BadSelection("“tag” takes a tag's short name as it appears in a tag link, like tag=above-and-beyond.")
    return value


def _since(params):
    value = _text(params, "since")
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadSelection("“since” takes a date written year-month-day, like since=2026-11-01.") from None


def _team(params):
    value = _text(params, "team")
    if not value:
        return None
    if not _WHOLE_NUMBER.fullmatch(value) or int(value) > 2**31:
        raise BadSelection("“team” takes a team's number, like team=3 (the feed's team filter shows it).")
    return int(value)


def _seconds(params):
    value = _text(params, "seconds")
    if not value:
        return DEFAULT_SECONDS
    if not _WHOLE_NUMBER.fullmatch(value):
        raise BadSelection(f"“seconds” takes a whole number of seconds per slide, from {MIN_SECONDS} to {MAX_SECONDS}.")
    return min(max(int(value), MIN_SECONDS), MAX_SECONDS)


def parse_selection(params):
    """A Selection from URL parameters (a QueryDict or dict).

    Malformed values raise BadSelection; out-of-range seconds are clamped;
    parameters the slideshow does not know are ignored.
    """
    return Selection(
        tag=_tag(params),
        since=_since(params),
        team=_team(params),
        seconds=_seconds(params),
        shuffle=_flag(params, "shuffle", False),
        unshown=_flag(params, "unshown", False),
        title=_flag(params, "title", True),
        end=_flag(params, "end", True),
    )


# --- choosing the wins --------------------------------------------------------


def _narrowed(queryset, selection):
    """The tag and team filters (shared by the deck and the title slide's counts)."""
    if selection.tag:
        queryset = queryset.filter(tags__slug=selection.tag)
    if selection.team is not None:
        queryset = queryset.filter(team_id=selection.team)
    return queryset


def select_wins(selection, *, today=None):
    """The featured, published, non-hidden wins the deck plays, in the wall's order.

    `unshown` keeps wins never shown at an all-hands, and those marked shown
    today (so replaying today's deck does not empty it).
    """
    queryset = _narrowed(Story.objects.featured(), selection)
    if selection.since:
        queryset = queryset.filter(happened_on__gte=selection.since)
    if selection.unshown:
        today = today or timezone.localdate()
        queryset = queryset.filter(Q(shown_on__isnull=True) | Q(shown_on__gte=today))
    return queryset


def for_slides(queryset):
    """Everything a slide shows, in a constant number of queries."""
    from django.contrib.auth import get_user_model

    heroes = get_user_model().objects.order_by("first_name", "last_name", "username")
    return queryset.select_related("team", "video").prefetch_related(Prefetch("heroes", queryset=heroes), "photos")


def shuffled(stories, *, seed):
    """A stable shuffle: the same order all day (so polls agree), and a new win
    slots in without reordering the others."""
    return sorted(stories, key=lambda story: hashlib.sha256(f"{seed}:{story.pk}".encode()).digest())


# --- text ---------------------------------------------------------------------


def shorten(text, limit):
    """`text` on one line, cut to at most `limit` characters: at a sentence's
    end when one is near, else at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    sentence_end = max(head.rfind(mark) for mark in (". ", "! ", "? "))
    if sentence_end >= limit * 0.6:
        return head[: sentence_end + 1]
    space = head.rfind(" ")
    head = head[:space] if space >= limit * 0.5 else text[: limit - 1]
    return head.rstrip(" ,;:-–—") + "…"


def names_text(names, limit=MAX_HERO_NAMES):
    """“Ana”, “Ana and Ben”, “Ana, Ben and Cy”, “Ana, Ben, Cy, Di and 3 more”."""
    if len(names) > limit:
        names = [*names[:limit], f"{len(names) - limit} more"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def quote_size(quote):
    length = len(quote)
    return "short" if length <= 90 else "medium" if length <= 220 else "long"


# --- media --------------------------------------------------------------------

# Muted autoplay without controls, added to the media feature's privacy-friendly embed address.
_AUTOPLAY = {
    Video.Provider.YOUTUBE: "autoplay=1&mute=1&controls=0&playsinline=1",
    Video.Provider.VIMEO: "autoplay=1&muted=1&controls=0",
}


def embed_url(video):
    """The hosted video's player address (built by `stories.media` from its
    provider and id, never from what a user typed), set to play muted."""
    url = media.embed_url(video)
    if url and video.provider in _AUTOPLAY:
        url += ("&" if "?" in url else "?") + _AUTOPLAY[video.provider]
    return url


class FileUrls:
    """Addresses of a slide's files, served by the slideshow's own scoped views
    (for a display link, under its token, so a screen that nobody signs in on
    can load them)."""

    def __init__(self, token=None):
        self.token = token

    def __call__(self, kind, pk, fieldfile):
        if self.token:
            url = reverse("display_file", args=[self.token, kind, pk])
        else:
            url = reverse("slideshow_file", args=[kind, pk])
        # The version changes when the stored file does, so browsers may cache.
        return f"{url}?v={hashlib.sha256(fieldfile.name.encode()).hexdigest()[:12]}"


def _image(photo, file_url):
    if not photo.large:
        return None
    large = file_url("photo-large", photo.pk, photo.large)
    image = {
        "src": large,
        "alt": photo.alt_text,
        "width": photo.large_width or None,
        "height": photo.large_height or None,
        "srcset": "",
        "backdrop": large,
    }
    if photo.card and photo.card_width and photo.large_width:
        card = file_url("photo-card", photo.pk, photo.card)
        image["srcset"] = f"{card} {photo.card_width}w, {large} {photo.large_width}w"
        image["backdrop"] = card
    return image


def _video(story, file_url):
    video = getattr(story, "video", None)  # a missing reverse one-to-one is None here
    if video is None or video.status != Video.Status.READY:
        return None
    if video.provider == Video.Provider.UPLOAD:
        if not video.file:
            return None
        return {
            "kind": "file",
            "src": file_url("video-file", video.pk, video.file),
            "type": video.content_type or "video/mp4",
            "poster": file_url("video-poster", video.pk, video.poster) if video.poster else "",
            "duration": video.duration_seconds,
        }
    src = embed_url(video)
    return {"kind": "embed", "src": src, "provider": video.get_provider_display()} if src else None


# --- slides -------------------------------------------------------------------


def win_slide(story, *, seconds, file_url):
    """One featured win as a slide. The layout follows the content: a ready
    video, else the first photo, else the customer's words, else the story."""
    photos = list(story.photos.all())
    image = _image(photos[0], file_url) if photos else None
    video = _video(story, file_url)
    quote = " ".join(story.quote.split()) if story.customer_consent else ""
    if video:
        layout = "video"
    elif image:
        layout = "photo"
    elif quote:
        layout = "quote"
    else:
        layout = "text"
    heroes = story.hero_names()
    return {
        "id": f"win-{story.pk}",
        "layout": layout,
        "win": story.pk,
        "headline": story.headline,
        "kind": story.kind,
        "kind_label": story.get_kind_display(),
        "team": story.team.name if story.team else "",
        "heroes": heroes,
        "heroes_text": names_text(heroes),
        "excerpt": shorten(story.body, PHOTO_TEXT_CHARS if image else TEXT_ONLY_CHARS),
        "quote": shorten(quote, PHOTO_QUOTE_CHARS) if layout in ("photo", "video") else quote,
        "quote_by": story.quote_by if quote else "",
        "quote_size": quote_size(quote),
        "note": story.feature_note,
        "happened_on": story.happened_on.isoformat(),
        "happened_label": date_format(story.happened_on, "j F Y"),
        "shown_on": story.shown_on.isoformat() if story.shown_on else None,
        "image": image,
        # A video slide keeps its photo (if any) to fall back on when the video fails.
        "video": video,
        # None: an uploaded video advances when it ends.
        "seconds": None if video and video["kind"] == "file" else seconds,
    }


def month_counts(selection, *, today):
    """“Wins this month”: published wins that happened this month (within the
    deck's tag and team), the heroes they credit and the teams they come from."""
    wins = _narrowed(Story.objects.published(), selection).filter(
        happened_on__gte=today.replace(day=1), happened_on__lte=today
    )
    return wins.aggregate(
        wins=Count("pk", distinct=True), heroes=Count("heroes", distinct=True), teams=Count("team", distinct=True)
    )


def describe(selection, *, tag_name="", team_name=""):
    """The selection in words, for the title slide and the display-links list."""
    parts = []
    if selection.tag:
        parts.append(f"#{tag_name or selection.tag}")
    if selection.team is not None:
        parts.append(team_name or f"Team {selection.team}")
    if selection.since:
        parts.append("since " + date_format(selection.since, "j M Y"))
    if selection.unshown:
        parts.append("not yet shown")
    return parts


def _names(selection):
    tag_name = Tag.objects.filter(slug=selection.tag).values_list("name", flat=True).first() if selection.tag else ""
    team_name = (
        Team.objects.filter(pk=selection.team).values_list("name", flat=True).first()
        if selection.team is not None
        else ""
    )
    return {"tag_name": tag_name or "", "team_name": team_name or ""}


def build_deck(selection, *, file_url, today=None):
    """The whole deck as plain data: what /slideshow/slides.json answers."""
    today = today or timezone.localdate()
    stories = list(for_slides(select_wins(selection, today=today)))
    if selection.shuffle:
        stories = shuffled(stories, seed=today.isoformat())
    wins = [win_slide(story, seconds=selection.seconds, file_url=file_url) for story in stories]
    filters = describe(selection, **_names(selection))
    slides = []
    if not wins:
        slides.append(
            {
                "id": "empty",
                "layout": "empty",
                "headline": "No featured wins to show yet",
                "text": (
                    f"Nothing is featured for {' · '.join(filters)}. "
                    if filters
                    else "Managers feature wins on the wall. "
                )
                + "New ones appear here within a minute, without reloading.",
                "seconds": selection.seconds,
            }
        )
    else:
        if selection.title:
            slides.append(
                {
                    "id": "title",
                    "layout": "title",
                    "headline": "Wins this month",
                    "month": date_format(today, "F Y"),
                    "counts": month_counts(selection, today=today),
                    "filters": filters,
                    "featured": len(wins),
                    "seconds": selection.seconds,
                }
            )
        slides += wins
        if selection.end:
            slides.append(
                {
                    "id": "end",
                    "layout": "end",
                    "headline": "Thank you, everyone",
                    "text": "Every win starts with someone who decided to help. Keep sharing yours on Winsboard.",
                    "featured": len(wins),
                    "seconds": selection.seconds,
                }
            )
    return {"wins": len(wins), "seconds": selection.seconds, "slides": slides}


def deck_body_and_etag(deck):
    """The JSON bytes and a strong ETag of them: any change to what a screen
    would show (featured, unfeatured, edited, hidden) changes the ETag."""
    body = json.dumps(deck, ensure_ascii=False, separators=(",", ":")).encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
