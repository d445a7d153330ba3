"""What a change moves, in one call: every write that changes what a win's
card, page, slide or search result shows calls `wins_changed`, inside its
transaction — services and the admin (`stories.admin.people.VersionedAdminMixin`)
alike — so a new write path can't keep one derived thing in step and forget
another.

What it moves (see `stories.services.versions` and `stories.services.search`):
- always, the wins' version: slides.json and display links answer 304 from
  it, so every change a slide or a page could show moves it;
- the `card_version` of each win in `stories`: their cached cards are
  rendered again, exactly those;
- with `names=True`, the names' version: the feed's filter lists (people,
  teams, tags);
- with `reindex=True`, the search index entries of `stories`;
- the index entries of `removed` wins (deleted) are dropped.
"""

from django.db.models import QuerySet

from ..models import Story
from .search import search_index_refresh, search_index_remove, search_index_rewrite
from .versions import NAMES, cards_changed, version_bump


def wins_changed(stories=(), *, names=False, reindex=False, removed=()):
    """Keep everything derived from what wins show in step with a change to
    `stories` (a win, wins, their ids or a Story queryset; nothing for a
    change no card shows, such as the wall's order). Call it in the writing
    transaction, after the change."""
    wins = _wins(stories)
    if isinstance(wins, QuerySet) or wins:
        cards_changed(wins)
        if reindex:
            search_index_refresh(stories=wins)
    if removed:
        search_index_remove(story_ids=list(removed))
    version_bump()
    if names:
        version_bump(name=NAMES)


def _wins(stories):
    """A Story queryset as it is (kept lazy), else a list of ids."""
    if stories is None:
        return []
    if isinstance(stories, Story):
        return [stories.pk]
    if isinstance(stories, QuerySet):
        return stories
    return [getattr(story, "pk", story) for story in stories]


def search_index_rebuild():
    """Every win's search entry rewritten (`manage.py search_index --rebuild`);
    search results, and pages kept with them, may show something else now."""
    count = search_index_rewrite()
    wins_changed()
    return count
