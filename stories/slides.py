"""The all-hands slideshow's deck: the slide each featured win becomes, the
title and end slides, and the deck as JSON with its ETag (what
/slideshow/slides.json answers).

Reads the wins `Story.objects.for_deck(selection).for_slides()` fetched
(their photos, video, heroes and cheers at hand): no queries here. The
deck's files are addressed by a `file_url` the view passes. The URL filters
are `stories.lib.slideshow_filters`; writes (marking a deck as shown,
display links) live in `stories.services.slideshow`.
"""

import hashlib
import json

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext, pgettext

from .lib.periods import day_text
from .lib.text import shorten
from .lib.video_links import embed_url as player_url
from .models import Video
from .models.celebrate import first_name, names_list, people_phrase

# How much text each layout has room for (CSS clamps lines as a safety net).
PHOTO_TEXT_CHARS = 220
TEXT_ONLY_CHARS = 420
PHOTO_QUOTE_CHARS = 200
MAX_HERO_NAMES = 4
# A win's photos shown one after another within its slide's time.
MAX_SLIDE_PHOTOS = 3


# --- order and text -----------------------------------------------------------


def shuffled(stories, *, seed):
    """A stable shuffle: the same order all day (so polls agree), and a new win
    slots in without reordering the others."""
    return sorted(stories, key=lambda story: hashlib.sha256(f"{seed}:{story.pk}".encode()).digest())


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


def cheers_of(story):
    """{"count", "text"} — “Ana, Luis and 12 others” — from the cheers fetched
    with the deck (`StoryQuerySet.with_cheers`); nobody yet: count 0, no text."""
    count = getattr(story, "cheer_count", 0) or 0
    names = [first_name(cheer.user) for cheer in getattr(story, "latest_cheers", [])]
    return {"count": count, "text": people_phrase(names, total=count) if count else ""}


def heroes_text(heroes):
    """“Ana, Ben, Cy, Dee and 2 more”: at most MAX_HERO_NAMES names, in the reader's language."""
    heroes = [name for name in heroes if name]
    extra = len(heroes) - MAX_HERO_NAMES
    if extra <= 0:
        return names_list(heroes)
    shown = pgettext("between names in a list", ", ").join(heroes[:MAX_HERO_NAMES])
    # Translators: %(names)s lists the first heroes' names (“Ana, Ben, Cy, Dee”); %(count)s how many more there are.
    return ngettext("%(names)s and %(count)s more", "%(names)s and %(count)s more", extra) % {
        "names": shown,
        "count": extra,
    }


def win_slide(story, *, seconds, file_url):
    """One featured win as a slide. The layout follows the content: a ready
    video, else its photos (up to three, shown in turn), else the customer's
    words, else the story."""
    images = [image for image in (_image(photo, file_url) for photo in story.photos.all()) if image]
    images = images[:MAX_SLIDE_PHOTOS]
    image = images[0] if images else None
    video = _video(story, file_url)
    quote = " ".join(story.shown_quote.split())
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
        "heroes_text": heroes_text(heroes),
        "excerpt": shorten(story.body, PHOTO_TEXT_CHARS if image else TEXT_ONLY_CHARS),
        "quote": shorten(quote, PHOTO_QUOTE_CHARS) if layout in ("photo", "video") else quote,
        "quote_by": story.quote_by if quote else "",
        "quote_size": quote_size(quote),
        "note": story.feature_note,
        "happened_on": story.happened_on.isoformat(),
        "happened_label": day_text(story.happened_on),
        "shown_on": story.shown_on.isoformat() if story.shown_on else None,
        "cheers": cheers_of(story),
        "image": image,
        "images": images,
        # A video slide keeps its photo (if any) to fall back on when the video fails.
        "video": video,
        # None: an uploaded video advances when it ends.
        "seconds": None if video and video["kind"] == "file" else seconds,
    }


def customer_slide(story, win, *, seconds):
    """The customer's own line about a confirmed win (asked by their link), as
    a quote slide after the win's own slide; None without one. Not a win of
    its own: no `win`, so the deck's position counts only wins."""
    if not (story.confirmed_by_customer and story.customer_feeling):
        return None
    said = story.quote_by or gettext("A customer")
    if story.customer_rating:
        # Translators: who said it, then the customer's rating of 1 to 5.
        said = gettext("%(name)s · rated %(rating)s out of 5") % {"name": said, "rating": story.customer_rating}
    shown = {name: win[name] for name in ("headline", "kind", "team", "heroes", "heroes_text")}
    return {
        **shown,
        "id": f"customer-{story.pk}",
        "layout": "quote",
        "kind_label": gettext("In the customer's words"),
        "quote": story.customer_feeling,
        "quote_by": said,
        "quote_size": quote_size(story.customer_feeling),
        "note": "",
        "cheers": {"count": 0, "text": ""},
        "seconds": seconds,
    }


def award_slide(award, *, seconds):
    """An award announced this week, played before the wins: the award, the
    win and its heroes, the manager's citation (`Award.objects.for_slides`)."""
    heroes = award.story.hero_names()
    return {
        "id": f"award-{award.pk}",
        "layout": "award",
        "award": award.badge,
        "place": award.get_place_display(),
        "headline": award.story.headline,
        "heroes": heroes,
        "heroes_text": heroes_text(heroes),
        "citation": award.citation,
        "seconds": seconds,
    }


def describe(selection, *, tag_name="", team_name=""):
    """The selection in words, for the title slide and the display-links list."""
    parts = []
    if selection.tag:
        parts.append(f"#{tag_name or selection.tag}")
    if selection.team is not None:
        # Translators: a team the slideshow is filtered by, when its name is gone: “Team 3”.
        parts.append(team_name or gettext("Team %(number)s") % {"number": selection.team})
    if selection.since:
        since = date_format(selection.since, pgettext("date format", "j M Y"))
        # Translators: a slideshow filter: wins since a date.
        parts.append(gettext("since %(date)s") % {"date": since})
    if selection.unshown:
        # Translators: a slideshow filter: wins not yet shown at an all-hands.
        parts.append(gettext("not yet shown"))
    return parts


def build_deck(stories, selection, *, file_url, today, month_counts, names, awards=()):
    """The whole deck as plain data: what /slideshow/slides.json answers.

    `stories` are the deck's wins in the wall's order (`Story.objects.for_deck`),
    `awards` those announced this week (`Award.objects.for_slides`: played
    before the wins, whatever the filters — the whole company's news),
    `month_counts()` gives the title slide's figures (`Story.objects.month_counts`),
    `names` the tag's and team's names for the filters in words."""
    stories = list(stories)
    if selection.shuffle:
        stories = shuffled(stories, seed=today.isoformat())
    wins, voices = [], []
    for story in stories:
        wins.append(win_slide(story, seconds=selection.seconds, file_url=file_url))
        voices.append(customer_slide(story, wins[-1], seconds=selection.seconds))
    filters = describe(selection, **names)
    slides = []
    honours = [award_slide(award, seconds=selection.seconds) for award in awards]
    if not wins:
        slides += honours
        slides.append(
            {
                "id": "empty",
                "layout": "empty",
                "headline": gettext("No featured wins to show yet"),
                "text": (
                    # Translators: %(filters)s is what the slideshow is filtered by: “#kudos · since 1 Nov 2026”.
                    gettext(
                        "Nothing is featured for %(filters)s. New ones appear here within a minute, without reloading."
                    )
                    % {"filters": " · ".join(filters)}
                    if filters
                    else gettext(
                        "Managers feature wins on the wall. New ones appear here within a minute, without reloading."
                    )
                ),
                "seconds": selection.seconds,
            }
        )
    else:
        if selection.title:
            slides.append(
                {
                    "id": "title",
                    "layout": "title",
                    "headline": gettext("Wins this month"),
                    "month": date_format(today, "YEAR_MONTH_FORMAT"),
                    "counts": month_counts(),
                    "filters": filters,
                    "featured": len(wins),
                    # What plays next: the deck's featured wins (featured over time, not "today").
                    "lead": ngettext(
                        "Coming up: %(count)s featured win", "Coming up: %(count)s featured wins", len(wins)
                    )
                    % {"count": len(wins)},
                    "seconds": selection.seconds,
                }
            )
        slides += honours + [slide for win, voice in zip(wins, voices, strict=True) for slide in (win, voice) if slide]
        if selection.end:
            slides.append(
                {
                    "id": "end",
                    "layout": "end",
                    "headline": gettext("Thank you, everyone"),
                    "text": gettext(
                        "Every win starts with someone who decided to help. Keep sharing yours on Winsboard."
                    ),
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
    addresses), the filters, the day (shuffle order, month counts) and the
    language its words are in."""
    key = f"{version}\n{scope}\n{selection.as_query()}\n{today.isoformat()}\n{get_language()}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
