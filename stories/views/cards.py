"""Cards from the cache: the feed, people pages, the featured wall and the
review queue show each win's card as HTML kept in CACHES["cards"].

A card's key says everything its HTML depends on:
- the win: its id, `created_at` and `card_version` — read in the page's own
  query (`StoryQuerySet.card_keys`); `stories.services.wins_changed` moves
  the version in the transaction that changes what the card shows, so a new
  version never meets old data, and a changed card is simply another key;
- what the viewer sees of it: manager or not (curation controls, remove-tag
  buttons), and their cheer — no bar (not shared), no button (their own or
  crediting them), not pressed or pressed (then the card is the viewer's
  own: it says "You … cheered");
- the page: which list (its template, panel, whether the wall can be
  arranged, the review queue's list) and, on search results, the words
  marked in them;
- the code: a digest of the app's templates and modules, and the settings a
  card shows (media address, time zone, budget and currency, whether quotes
  need the customer's confirmation).

Two things belong to the request alone and are never stored: the CSRF token
and the page's address its forms send back to (`next`). Cards are rendered
without a request, with unguessable markers (from SECRET_KEY) in their
place, and the markers are replaced on the way out.

Missing cards are rendered together: one query for the wins and one per
prefetch, however many are missing (StoryQuerySet.for_card_html).

A list's cards are kept for the cache's day (CARD_SECONDS); a search's,
marked with its words, only for PAGE_SECONDS and for at most
SEARCHES_KEPT_PER_PERSON searches a person in that time: endless searches
would otherwise fill Redis with a day of cards each."""

import hashlib
import logging
import time
from functools import cache
from pathlib import Path

from django import get_version
from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Story
from ..models.roles import can_curate

log = logging.getLogger(__name__)

TEMPLATES = {
    "story": "stories/includes/_story_card.html",  # the feed, people pages
    "wall": "stories/includes/_wall_card.html",
    "queue": "stories/curation/_queue_item.html",
}
RELATED = {"queue": ("hidden_by__profile",)}
# What a kind of list always renders its cards with (the page's own part is `context`).
PAGE = {
    "story": {},
    "wall": {"panel": "wall", "curation_target": "#wall"},
    "queue": {"panel": "queue", "curation_target": "#queue"},
}
APP = Path(__file__).resolve().parent.parent
SEARCHES_KEPT_PER_PERSON = 60  # searches whose marked cards one person may keep a PAGE_SECONDS


@cache
def _code_digest():
    """The app's templates and modules as they are in this process."""
    digest = hashlib.sha256(get_version().encode())
    for path in sorted([*APP.rglob("*.html"), *APP.rglob("*.py")]):
        if "migrations" not in path.parts:
            digest.update(path.relative_to(APP).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def _markers(secret_key):
    """Stand-ins for the request's CSRF token and `next` address in stored
    cards: made from SECRET_KEY, so no text a person types can hold them."""
    made = salted_hmac("winsboard.views.cards", "markers", secret=secret_key, algorithm="sha256").hexdigest()
    return f"wbcsrf{made[:24]}", f"wbnext{made[24:48]}"


def _version():
    """The digest of what every card is rendered with (code, settings, markers)."""
    shown = (
        _code_digest(),
        *_markers(settings.SECRET_KEY),
        str(settings.MEDIA_URL),
        repr(settings.STORAGES["default"]),
        settings.TIME_ZONE,
        str(settings.WINSBOARD_EMPOWERMENT_BUDGET),
        settings.WINSBOARD_CURRENCY,
        str(settings.WINSBOARD_REQUIRE_CUSTOMER_CONSENT),
    )
    return hashlib.sha256("\n".join(shown).encode()).hexdigest()[:16]


def _cheer(story, user):
    """The viewer's cheer on a card: "-" no bar (not shared), "0" no button
    (their own win, or crediting them), "1" not pressed, "2.<their id>"
    pressed — the card then says "You, Luis and 3 others cheered", so it is
    theirs alone."""
    if story.status != Story.Status.PUBLISHED or story.hidden_at is not None:
        return "-"
    if story.author_id == user.pk or story.credits_viewer:
        return "0"
    return f"2.{user.pk}" if story.cheered else "1"


def _page(kind, curator, context):
    """The list's part of the key: its kind, the viewer's role and language,
    and a digest of what the page renders its cards with."""
    shown = repr(sorted((name, repr(value)) for name, value in context.items()))
    digest = hashlib.sha256(shown.encode()).hexdigest()[:12]
    return f"{kind}:{'c' if curator else 'r'}:{translation.get_language()}:{digest}"


def _key(version, page, story, cheer):
    created = int(story.created_at.timestamp() * 1_000_000)
    return f"card:{version}:{page}:{cheer}:{story.pk}:{created}:{story.card_version}"


def _render(kind, wanted, *, curator, context, markers):
    """{key: HTML} for `wanted` ({key: (win id, cheer)}): the wins fetched
    at once with all a card shows, each rendered without a request."""
    csrf, next_url = markers
    template = get_template(TEMPLATES[kind])
    wins = Story.objects.for_card_html({pk for pk, _ in wanted.values()}, related=RELATED.get(kind, ()))
    by_pk = {story.pk: story for story in wins}
    base = {**context, "can_curate": curator, "csrf_token": csrf, "cheer_next": next_url, "curation_next": next_url}
    html = {}
    for key, (pk, cheer) in wanted.items():
        story = by_pk.get(pk)
        if story is None:  # deleted since the page's query: the page leaves it out
            continue
        pressed = cheer.startswith("2.")
        you = int(cheer[2:]) if pressed else None
        cheer_as = {"can_press": cheer == "1" or pressed, "pressed": pressed, "refusal": None, "you": you}
        html[key] = template.render({**base, "story": story, "cheer_as": cheer_as})
    return html


def _cached(keys):
    """{key: HTML} of the cards the cache holds; none when it can't be read
    (Redis down): the page renders them all, slower but whole."""
    try:
        return caches["cards"].get_many(keys)
    except Exception:  # noqa: BLE001 - any backend's error: the cards are rendered instead
        log.warning("The card cache could not be read; rendering the page's cards", exc_info=True)
        return {}


def _store(rendered, *, seconds=None):
    try:
        caches["cards"].set_many(rendered, **({"timeout": seconds} if seconds else {}))
    except Exception:  # noqa: BLE001 - a card not stored is rendered again next time
        log.warning("The card cache could not be written", exc_info=True)


def within_budget(cache, name, user, allowed):
    """Whether `user` may keep one more `name` in `cache` this window: at
    most `allowed` a PAGE_SECONDS, so someone opening endless addresses or
    searches can't fill the shared cache and push others' entries
    (sessions, limits) out; browsing stays well under."""
    window = int(time.time() // settings.PAGE_SECONDS)
    counter = f"{name}-kept:{user.pk}:{window}"
    cache.add(counter, 0, settings.PAGE_SECONDS)
    return cache.incr(counter) <= allowed


def _keep(request, rendered, context):
    """Store rendered cards: a list's for the card cache's day; a search's
    (marked with its words, so each search has its own) for PAGE_SECONDS
    only, and at most SEARCHES_KEPT_PER_PERSON searches a person a window."""
    if not context.get("search_query"):
        _store(rendered)
        return
    if not settings.WINSBOARD_CARD_CACHE:
        return  # nothing is kept (a dummy cache): nothing to count
    try:
        allowed = within_budget(caches["cards"], "searches", request.user, SEARCHES_KEPT_PER_PERSON)
    except Exception:  # noqa: BLE001 - no count, no keeping: the cards were rendered anyway
        log.warning("The card cache's search budget could not be counted", exc_info=True)
        return
    if allowed:
        _store(rendered, seconds=settings.PAGE_SECONDS)


def cards_for(request, wins, *, kind, context=None, next_url=None):
    """[(win, its card's HTML)] for `wins` (from
    `StoryQuerySet.card_keys(request.user)`), as `request.user` sees them on
    this page, in order: from the cache, the missing ones rendered and
    stored. `context`: what this page renders its cards with besides the
    kind's own (`search_query`, `arrange`, `show` …); `next_url`: where the
    cards' forms send back to (this page's address by default)."""
    wins = list(wins)
    context = {**PAGE[kind], **(context or {})}
    curator = can_curate(request.user)
    page, version = _page(kind, curator, context), _version()
    cheers = [_cheer(story, request.user) for story in wins]
    keys = [_key(version, page, story, cheer) for story, cheer in zip(wins, cheers, strict=True)]
    found = _cached(keys)
    wanted = {key: (story.pk, cheer) for key, story, cheer in zip(keys, wins, cheers, strict=True) if key not in found}
    if wanted:
        markers = _markers(settings.SECRET_KEY)
        rendered = _render(kind, wanted, curator=curator, context=context, markers=markers)
        _keep(request, rendered, context)
        found.update(rendered)
    csrf, here = _markers(settings.SECRET_KEY)
    token, address = get_token(request), escape(next_url or request.get_full_path())
    # Each card is what an autoescaping template made; what goes in is a
    # token of letters and digits and an escaped address.
    return [
        (story, mark_safe(found[key].replace(csrf, token).replace(here, address)))  # noqa: S308
        for key, story in zip(keys, wins, strict=True)
        if key in found
    ]
