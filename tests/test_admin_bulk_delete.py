"""The admin's bulk delete ("Delete selected …") costs the same number of
queries for two objects as for eight — wins (with their heroes, tags,
cheers and comments), people and tags — and still moves what the wins show
(tests/test_cards_cache.py walks each single change)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import services
from stories.models import Comment, Story, Tag
from stories.services.versions import version_of
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db


def _seed(count, django_user_model, prefix):
    """`count` people, tags and wins: each win written by someone kept (an
    author can't be deleted), crediting one of the people, cheered and
    commented on by another, with two tags."""
    author = make_user(django_user_model, f"{prefix}-author")
    people = [make_user(django_user_model, f"{prefix}{n}", first=f"P{n}") for n in range(count)]
    tags = [Tag.objects.create(name=f"{prefix} tag {n}", slug=f"{prefix}-tag-{n}") for n in range(count)]
    stories = []
    for n, person in enumerate(people):
        story = Story.objects.create(headline=f"{prefix} win {n}", body="Helped.", author=author)
        story.heroes.set([person])
        story.tags.set(tags[n : n + 2])
        services.cheer_set(story=story, user=people[(n + 1) % count], on=True)
        Comment.objects.create(story=story, author=people[(n + 1) % count], body="Nice")
        stories.append(story)
    return people, tags, stories


def _bulk_delete(admin_client, url, objects):
    data = {"action": "delete_selected", "post": "yes", "_selected_action": [o.pk for o in objects]}
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    return len(queries)


@pytest.mark.parametrize(
    ("url", "which"),
    [
        ("/admin/stories/story/", 2),
        ("/admin/auth/user/", 0),
        ("/admin/stories/tag/", 1),
    ],
    ids=["wins", "people", "tags"],
)
def test_a_bulk_delete_costs_the_same_queries_for_two_objects_as_for_eight(admin_client, django_user_model, url, which):
    _bulk_delete(admin_client, url, _seed(2, django_user_model, "warm")[which])  # caches filled (content types …)
    counts = []
    for count, prefix in ((2, "a"), (8, "b")):
        objects = _seed(count, django_user_model, prefix)[which]
        before = version_of()
        counts.append(_bulk_delete(admin_client, url, objects))
        assert version_of() != before, "slides.json and display links would keep an old deck"
        assert not type(objects[0]).objects.filter(pk__in=[o.pk for o in objects]).exists()
    assert counts[0] == counts[1], f"{counts[0]} queries for 2, {counts[1]} for 8"
