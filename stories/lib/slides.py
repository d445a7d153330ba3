"""The all-hands slideshow, as pure code: the URL filters (`Selection`), and
the slide each featured win becomes.

No queries here: the wins come from `Story.objects.for_deck(selection)`
(models), the deck's files are addressed by a `file_url` the view passes.
Writes (marking a deck as shown, display links) live in
`stories.services.slideshow`.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.utils.formats import date_format

from .celebrate import NAMES_SHOWN, first_name
from .media import VideoProvider, VideoStatus
from .text import names_joined
from .video_links import embed_url as player_url

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
# A win's photos shown one after another within its slide's time.
MAX_SLIDE_PHOTOS = 3


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


# --- order and text -----------------------------------------------------------


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


def quote_size(quote):
    length = len(quote)
    return "short" if length <= 90 else "medium" if length <= 220 else "long"


# --- media --------------------------------------------------------------------

# Muted autoplay without controls, added to the media feature's privacy-friendly embed address.
_AUTOPLAY = {
    VideoProvider.YOUTUBE: "autoplay=1&mute=1&controls=0&playsinline=1",
    VideoProvider.VIMEO: "autoplay=1&muted=1&controls=0",
}


def embed_url(video):
    """The hosted video's player address (built by `stories.lib.video_links`
    from its provider and id, never from what a user typed), set to play muted."""
    url = player_url(video)
    if url and video.provider in _AUTOPLAY:
        url += ("&" if "?" in url else "?") + _AUTOPLAY[video.provider]
    return url


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
    if video is None or video.status != VideoStatus.READY:
        return None
    if video.provider == VideoProvider.UPLOAD:
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


def cheers_of(story):
    """{"count", "text"} — “Ana, Luis and 12 others” — from the cheers fetched
    with the deck (`StoryQuerySet.with_cheers`); nobody yet: count 0, no text."""
    count = getattr(story, "cheer_count", 0) or 0
    names = [first_name(cheer.user) for cheer in getattr(story, "latest_cheers", [])]
    return {"count": count, "text": names_joined(names, total=count, shown=NAMES_SHOWN) if count else ""}


def win_slide(story, *, seconds, file_url):
    """One featured win as a slide. The layout follows the content: a ready
    video, else its photos (up to three, shown in turn), else the customer's
    words, else the story."""
    images = [image for image in (_image(photo, file_url) for photo in story.photos.all()) if image]
    images = images[:MAX_SLIDE_PHOTOS]
    image = images[0] if images else None
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
        "heroes_text": names_joined(heroes, shown=MAX_HERO_NAMES, rest="more"),
        "excerpt": shorten(story.body, PHOTO_TEXT_CHARS if image else TEXT_ONLY_CHARS),
        "quote": shorten(quote, PHOTO_QUOTE_CHARS) if layout in ("photo", "video") else quote,
        "quote_by": story.quote_by if quote else "",
        "quote_size": quote_size(quote),
        "note": story.feature_note,
        "happened_on": story.happened_on.isoformat(),
        "happened_label": date_format(story.happened_on, "j F Y"),
        "shown_on": story.shown_on.isoformat() if story.shown_on else None,
        "cheers": cheers_of(story),
        "image": image,
        "images": images,
        # A video slide keeps its photo (if any) to fall back on when the video fails.
        "video": video,
        # None: an uploaded video advances when it ends.
        "seconds": None if video and video["kind"] == "file" else seconds,
    }


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


def build_deck(stories, selection, *, file_url, today, month_counts, names):
    """The whole deck as plain data: what /slideshow/slides.json answers.

    `stories` are the deck's wins in the wall's order (`Story.objects.for_deck`),
    `month_counts()` gives the title slide's figures (`Story.objects.month_counts`),
    `names` the tag's and team's names for the filters in words."""
    stories = list(stories)
    if selection.shuffle:
        stories = shuffled(stories, seed=today.isoformat())
    wins = [win_slide(story, seconds=selection.seconds, file_url=file_url) for story in stories]
    filters = describe(selection, **names)
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
                    "counts": month_counts(),
                    "filters": filters,
                    "featured": len(wins),
                    # What plays next: the deck's featured wins (featured over time, not "today").
                    "lead": f"Coming up: {len(wins)} featured win{'' if len(wins) == 1 else 's'}",
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


def deck_body(deck):
    """The deck as compact JSON bytes (what slides.json answers)."""
    return json.dumps(deck, ensure_ascii=False, separators=(",", ":")).encode()


def deck_etag(*, version, scope, selection, today):
    """A strong ETag for a deck, known before the deck is built: the wins'
    version (it changes with anything a slide shows; see
    stories.services.versions), who watches (a display link's own file
    addresses), the filters and the day (shuffle order, month counts)."""
    key = f"{version}\n{scope}\n{selection.as_query()}\n{today.isoformat()}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
