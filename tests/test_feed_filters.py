"""The feed's filters: combinable, kept in the address (shareable), read
back as a sentence, cleared at once, ignored (never a 500) when unusable,
and at a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from stories import services
from stories.lib.filters import FeedFilters
from stories.lib.filters import describe as describe_filters
from stories.lib.search import parse
from stories.models import Photo, Story, Tag, Team, Video
from tests.helpers.people import make_user
from tests.helpers.wins import listed, seed_wins

pytestmark = pytest.mark.django_db

FEED_MAX_QUERIES = 3  # see test_wins_feed.py
FEED_COLD_MAX_QUERIES = 12  # see test_wins_feed.py


def headlines(client, **params):
    response = client.get("/", params)
    assert response.status_code == 200
    return sorted(story.headline for story in listed(response))


def test_the_feed_filters_by_several_tags_any_of_them(employee_client, manager, make_story):
    for headline, tag in (("Kind", "Kindness"), ("Quick", "Speed"), ("Other", "Other")):
        services.tag_add(story=make_story(headline=headline), name=tag, by=manager)
    make_story(headline="Untagged")
    assert headlines(employee_client, tag=["kindness", "speed"]) == ["Kind", "Quick"]


def test_a_win_with_two_chosen_tags_is_listed_once(employee_client, manager, make_story):
    story = make_story(headline="Both")
    services.tag_add(story=story, name="A", by=manager)
    services.tag_add(story=story, name="B", by=manager)
    assert headlines(employee_client, tag=["a", "b"]) == ["Both"]


def test_the_feed_filters_by_hero(employee_client, employee, other_employee, make_story):
    make_story(headline="For Oscar", heroes=[other_employee, employee])
    make_story(headline="Erin alone")
    assert headlines(employee_client, hero="oscar") == ["For Oscar"]


def test_the_feed_filters_by_date_range(employee_client, make_story):
    today = timezone.localdate()
    for days in (40, 20, 5):
        make_story(headline=f"{days} days ago", happened_on=today - timedelta(days=days))
    since, until = (today - timedelta(days=30)).isoformat(), (today - timedelta(days=10)).isoformat()
    assert headlines(employee_client, since=since) == ["20 days ago", "5 days ago"]
    assert headlines(employee_client, until=until) == ["20 days ago", "40 days ago"]
    assert headlines(employee_client, since=since, until=until) == ["20 days ago"]


def test_the_feed_filters_featured_only(employee_client, manager, make_story):
    services.story_feature(story=make_story(headline="Star"), by=manager)
    make_story(headline="Plain")
    assert headlines(employee_client, featured="1") == ["Star"]


def test_the_feed_filters_wins_with_a_photo_or_a_ready_video(employee_client, make_story):
    with_photo, with_video, processing = (make_story(headline=h) for h in ("Photo", "Video", "Processing"))
    make_story(headline="Neither")
    Photo.objects.create(story=with_photo, alt_text="A card", large="photos/a.webp", card="photos/b.webp")
    Video.objects.create(story=with_video, provider="youtube", external_id="abc", status="ready")
    Video.objects.create(story=processing, file="videos/x.mp4", status="processing")
    assert headlines(employee_client, photo="1") == ["Photo"]
    assert headlines(employee_client, video="on") == ["Video"]


def test_the_feed_filters_by_how_it_was_decided(employee_client, make_story):
    make_story(headline="Spot", needed_approval=False)
    make_story(headline="Asked", needed_approval=True)
    assert headlines(employee_client, decided="spot") == ["Spot"]
    assert headlines(employee_client, decided="approval") == ["Asked"]


def test_filters_combine_with_search(employee_client, other_employee, make_story):
    team = Team.objects.create(name="Concierge")
    make_story(headline="Cake idea", kind="creative", team=team, heroes=[other_employee])
    make_story(headline="Cake fix", kind="fixed", team=team, heroes=[other_employee])
    make_story(headline="Cake idea elsewhere", kind="creative")
    params = {"q": "cake", "kind": "creative", "team": str(team.pk), "hero": "oscar"}
    assert headlines(employee_client, **params) == ["Cake idea"]


def test_the_active_filters_read_as_a_sentence(employee_client, make_story):
    team = Team.objects.create(name="Concierge")
    year = timezone.localdate().year
    response = employee_client.get("/", {"kind": "creative", "team": str(team.pk), "since": f"{year}-10-01"})
    assert '<h1 class="h2 mb-0">Creative ideas by the Concierge team since 1 October</h1>' in response.text
    assert 'href="/">Clear all filters</a>' in response.text


def test_the_sentence_names_every_filter():
    filters = FeedFilters(
        kind="fixed",
        featured=True,
        hero_id=1,
        team_id=2,
        tag_ids=(1, 2),
        has_photo=True,
        has_video=True,
        decided="spot",
        since=date(2025, 1, 5),
        until=date(2026, 2, 1),
        query=parse('"lost passport" -cake'),
    )
    sentence = describe_filters(
        filters,
        today=date(2026, 3, 1),
        team_name="Front desk",
        tag_names=["Kindness", "Speed"],
        hero_name="Priya Nair",
    )
    assert sentence == (
        "Featured wins fixed on the spot credited to Priya Nair by the Front desk team tagged #Kindness or #Speed "
        "with a photo and a video decided on the spot between 5 January 2025 and 1 February "
        'matching “"lost passport" -cake”'
    )


def test_no_filters_no_sentence():
    assert describe_filters(FeedFilters(), today=date(2026, 3, 1)) == ""


def test_the_form_shows_the_active_filters(employee_client, manager, make_story):
    tag = Tag.objects.create(name="Kindness", slug="kindness")
    page = employee_client.get(
        "/", {"tag": "kindness", "hero": "erin", "featured": "1", "since": "2026-01-01", "decided": "spot"}
    ).text
    assert 'value="kindness"' in page and "checked" in page
    assert '<option value="erin" selected>' in page
    assert 'name="since" value="2026-01-01"' in page
    assert '<option value="spot" selected>' in page
    assert '<details class="more-filters" open>' in page
    assert tag.name in page


def test_filters_survive_the_older_wins_link(employee_client, employee, other_employee):
    seed_wins(50, authors=[employee, other_employee])
    response = employee_client.get("/", {"hero": "oscar", "decided": "spot"})
    assert 'href="?hero=oscar&amp;decided=spot&amp;before=' in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2026-13-45"},
        {"until": "yesterday"},
        {"hero": "nobody"},
        {"tag": "no-such-tag"},
        {"decided": "<script>"},
        {"since": "2026-02-01", "until": "2026-01-01"},
        {"hero": "a\x00b", "tag": "\x00"},
    ],
)
def test_unusable_filters_are_named_and_ignored_never_500(employee_client, story, params):
    response = employee_client.get("/", params)
    assert response.status_code == 200
    assert "couldn't be used and are left out" in response.text
    assert [s.headline for s in listed(response)] == [story.headline]


def test_a_closed_account_is_not_a_hero_to_filter_by(employee_client, django_user_model, make_story):
    gone = make_user(django_user_model, "gone", is_active=False)
    assert '<option value="gone"' not in employee_client.get("/").text
    assert gone.pk


@pytest.mark.parametrize("count", [5, 60])
def test_every_filter_at_once_costs_the_same_queries(
    employee_client, django_user_model, employee, count, django_assert_max_num_queries
):
    people = [employee] + [make_user(django_user_model, f"p{i}", first=f"P{i}") for i in range(4)]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(3)]
    team = Team.objects.create(name="Desk")
    wins = seed_wins(count, authors=people, tags=tags, teams=[team], heroes_per_win=5)
    Story.objects.filter(pk__in=[w.pk for w in wins]).update(featured_at=timezone.now())
    params = {
        "q": "win",
        "kind": "fixed",
        "team": str(team.pk),
        "tag": ["tag-0", "tag-1"],
        "hero": "erin",
        "since": "2000-01-01",
        "featured": "1",
        "decided": "spot",
    }
    with django_assert_max_num_queries(FEED_COLD_MAX_QUERIES):
        employee_client.get("/", params)
    with django_assert_max_num_queries(FEED_MAX_QUERIES):
        response = employee_client.get("/", params)
    assert response.status_code == 200
    assert listed(response)
