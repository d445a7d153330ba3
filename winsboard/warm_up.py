"""What every server process would otherwise make during its first requests,
made when it starts (winsboard/wsgi.py, asgi.py): the URL patterns' reverse
table, each language's catalogue, the busiest templates, and the digest of
the code that cached cards and pages are keyed by (stories.views.cards).

Measured: the first signed-in page each new worker answered waited for
these, and the first seconds of a load test showed it as a long p99 tail.
Nothing here touches the database or the cache (a worker may start while
either is away)."""

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

TEMPLATES = (
    "base.html",
    "stories/wins/feed.html",
    "stories/includes/_story_card.html",
    "stories/includes/_wall_card.html",
    "stories/curation/wall.html",
    "stories/people/person.html",
    "stories/people/directory.html",
)


def warm_up():
    from stories.views.cards import _code_digest  # noqa: PLC0415 - after Django is set up

    get_resolver().reverse_dict  # noqa: B018 - builds the reverse table
    for code, _name in settings.LANGUAGES:
        translation.activate(code)  # loads its catalogue
    translation.deactivate()
    for name in TEMPLATES:
        get_template(name)
    _code_digest()
