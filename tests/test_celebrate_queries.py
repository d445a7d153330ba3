"""Cheers and comment counts cost a constant number of queries on every list
(feed, featured wall, people pages), on a win's page and in the slideshow's
JSON, however many wins, cheers and comments there are: two annotations
and one prefetch of the latest cheerers (StoryQuerySet.with_celebration)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stories.models import Story, Tag, Team
from tests.helpers.celebrate import seed_celebration
from tests.helpers.people import client_for, make_user
from tests.helpers.queries import LIST_MAX_QUERIES, cold_and_warm, query_count
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

# The pins of the list pages (see their own tests for what each query is):
# with every card in the cache, at most LIST_MAX_QUERIES; with none, the
# missing cards add the wins, heroes, tags, photos and the latest cheers.
FEED_COLD_MAX_QUERIES = 12  # 12th: the cards' awards (their badges), one query for all
WALL_COLD_MAX_QUERIES = 11
PEOPLE_COLD_MAX_QUERIES = 12  # the person page also counts credits month by month (test_people_pages.py)
COLD_CAPS = {"/": FEED_COLD_MAX_QUERIES, "/featured/": WALL_COLD_MAX_QUERIES, "/people/fan1/": PEOPLE_COLD_MAX_QUERIES}
# Session, user (with may-curate), the win (with counts and video), heroes,
# tags, photos, the latest cheers, everyone who cheered, the comments = 9.
DETAIL_MAX_QUERIES = 11  # 10th and 11th: its awards (badges), the viewer's nominations of it
SLIDES_MAX_QUERIES = 12


@pytest.fixture
def people(django_user_model):
    return [make_user(django_user_model, f"fan{i}", first=f"Fan{i}") for i in range(8)]


@pytest.fixture
def viewer(people):
    return client_for(people[0])


def grow(count, people, **fields):
    tags = [Tag.objects.get_or_create(name=f"Tag {i}", slug=f"tag-{i}")[0] for i in range(2)]
    teams = [Team.objects.get_or_create(name=f"Team {i}")[0] for i in range(2)]
    stories = seed_wins(count, authors=people[:4], teams=teams, tags=tags, **fields)
    seed_celebration(stories, people, comments_per_win=6)
    return stories


@pytest.mark.parametrize("url", COLD_CAPS)
def test_lists_cost_the_same_queries_for_a_few_or_many_celebrated_wins(viewer, people, url):
    grow(3, people, featured_at=timezone.now())
    few = cold_and_warm(viewer, url)
    grow(40, people, featured_at=timezone.now())
    many = cold_and_warm(viewer, url)
    assert many == few
    assert few[0] <= COLD_CAPS[url] and few[1] <= LIST_MAX_QUERIES
    text = viewer.get(url).text
    assert "Fan7, Fan6 and 6 others cheered" in " ".join(text.split())
    assert "5 comments" in text  # six, one of them hidden


def test_a_wins_page_costs_the_same_for_a_few_or_many_cheers_and_comments(viewer, people, django_user_model):
    story = grow(1, people)[0]
    few = query_count(viewer, reverse("story_detail", args=[story.pk]))
    crowd = [make_user(django_user_model, f"more{i}", first=f"More{i}") for i in range(30)]
    seed_celebration([story], crowd, comments_per_win=40)
    many = query_count(viewer, reverse("story_detail", args=[story.pk]))
    assert many == few <= DETAIL_MAX_QUERIES


def test_the_slides_cost_the_same_for_a_few_or_many_cheers(viewer, people):
    grow(3, people, featured_at=timezone.now())
    few = query_count(viewer, reverse("slideshow_slides"))
    grow(30, people, featured_at=timezone.now())
    many = query_count(viewer, reverse("slideshow_slides"))
    assert many == few <= SLIDES_MAX_QUERIES
    assert Story.objects.count() == 33
