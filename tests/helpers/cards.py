"""Cached cards in tests (stories.views.cards): pages compared without what
differs on every request anyway, and each card's HTML picked out of a page."""

import re

from django.core.cache import caches

from stories.models import Story

_PER_REQUEST = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken" value="CSRF"'),
    (re.compile(r'nonce="[^"]*"'), 'nonce="NONCE"'),
]


def per_request_free(html):
    """`html` with its CSRF tokens and CSP nonces (new on every request) made alike."""
    for pattern, same in _PER_REQUEST:
        html = pattern.sub(same, html)
    return html


def rendered_afresh(client, url, params=None):
    """The page as it is with no card or page in the cache (rendered from the database now)."""
    caches["cards"].clear()
    caches["pages"].clear()
    return per_request_free(client.get(url, params or {}).text)


def card_versions():
    """{win id: card_version} of every win."""
    return dict(Story.objects.values_list("pk", "card_version"))


def changed_cards(before):
    """The wins whose card_version moved since `before` (a card_versions())."""
    return {pk for pk, version in card_versions().items() if before.get(pk) != version}


def card_of(html, story, *, kind="story"):
    """One card's <article> in a page."""
    match = re.search(rf'<article\b[^>]*aria-labelledby="{kind}-{story.pk}-title".*?</article>', html, re.S)
    assert match, f"no card of win {story.pk} in the page"
    return match.group(0)
