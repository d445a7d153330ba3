"""Wins made for a test: what the post form sends, and many wins at once."""

import re
from datetime import timedelta

from django.utils import timezone

from stories import services
from stories.models import Story


def story_post_data(*heroes, **overrides):
    """What the post/edit form sends for a valid win crediting `heroes`."""
    return {
        "headline": "Found a lost passport",
        "body": "A guest lost his passport.\nI called the station and fetched it.",
        "kind": "fixed",
        "heroes": [hero.pk for hero in heroes],
        "team": "",
        "happened_on": timezone.localdate().isoformat(),
        "needed_approval": "False",
        "cost": "",
        "quote": "",
        "quote_by": "",
        **overrides,
    }


def seed_wins(count, *, authors, heroes_per_win=3, teams=(), tags=(), created_at=None, **fields):
    """`count` published wins in a few queries, each crediting several of
        `authors` and carrying every tag in `tags` — enough data that an N+1 on
        a list page shows. With `created_at` they all share that timestamp. They
    are indexed for search, as the services would."""
    now = timezone.now()
    stories = Story.objects.bulk_create(
        Story(
            headline=f"Win number {index}",
            body=f"Story {index}.\nIt ended well.",
            kind=Story.Kind.values[index % 4],
            team=teams[index % len(teams)] if teams else None,
            author=authors[index % len(authors)],
            created_at=created_at or now - timedelta(minutes=index),
            **fields,
        )
        for index in range(count)
    )
    Story.heroes.through.objects.bulk_create(
        Story.heroes.through(story_id=story.pk, user_id=authors[(index + offset) % len(authors)].pk)
        for index, story in enumerate(stories)
        for offset in range(min(heroes_per_win, len(authors)))
    )
    Story.tags.through.objects.bulk_create(
        Story.tags.through(story_id=story.pk, tag_id=tag.pk) for story in stories for tag in tags
    )
    services.wins_changed(stories, reindex=True)  # as posting them would
    return stories


def listed(response):
    """The wins a list page (feed, person page, review queue) shows, in its
    order, loaded whole: the page itself reads only their cards' keys (the
    cards come from the cache, stories.views.cards). A page answered whole
    from the page cache (stories.views.pages) has no context: its cards are
    read from the HTML, in their order."""
    if response.context is not None:
        ids = [story.pk for story in response.context["page"].items]
    else:
        ids = [int(pk) for pk in re.findall(r'<article\b[^>]*aria-labelledby="story-(\d+)-title"', response.text)]
    wins = Story.objects.in_bulk(ids)
    return [wins[pk] for pk in ids]
