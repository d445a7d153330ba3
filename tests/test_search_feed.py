"""Search in the feed, on the database in use (SQLite's FTS5 by default,
PostgreSQL's stored search vector under `make test-postgres`): one results
contract on both — what matches, best first, kept up to date by every write."""

import pytest
from django.db import connection
from django.utils import timezone

from stories import services
from stories.models import Story, Tag, Team
from tests.helpers.people import make_user
from tests.helpers.wins import listed, seed_wins

pytestmark = pytest.mark.django_db

# As the feed (see test_wins_feed.py): search adds no query; the cards of
# results are cached with the words they mark.
SEARCH_MAX_QUERIES = 3
SEARCH_COLD_MAX_QUERIES = 12  # 12th: the cards' awards (their badges)


def found(client, q, **params):
    response = client.get("/", {"q": q, **params})
    assert response.status_code == 200
    return [story.headline for story in listed(response)]


@pytest.fixture
def sam(django_user_model):
    return make_user(django_user_model, "sokafor", first="Sam", last="Okafor")


def test_a_colleagues_name_finds_the_wins_crediting_them(employee_client, employee, sam, make_story):
    make_story(headline="Crediting Sam", heroes=[sam])
    make_story(headline="Mentions nobody")
    assert found(employee_client, "sam") == ["Crediting Sam"]
    assert found(employee_client, "Okafor") == ["Crediting Sam"]
    assert found(employee_client, "sokafor") == ["Crediting Sam"]  # the username too


def test_the_authors_name_team_tags_and_quote_by_are_searched(employee_client, other_employee, make_story):
    concierge = Team.objects.create(name="Concierge")
    by_oscar = make_story(headline="By Oscar", author=other_employee, heroes=[other_employee])
    make_story(headline="Concierge's", team=concierge)
    tagged = make_story(headline="Tagged")
    services.tag_add(story=tagged, name="Kindness", by=other_employee)
    make_story(headline="Quoted", quote="Thank you!", quote_by="Mrs Adeyemi", customer_consent=True)
    assert found(employee_client, "oscar") == [by_oscar.headline]
    assert found(employee_client, "concierge") == ["Concierge's"]
    assert found(employee_client, "kindness") == ["Tagged"]
    assert found(employee_client, "adeyemi") == ["Quoted"]


def test_every_word_must_match_across_fields(employee_client, sam, make_story):
    make_story(headline="Passport rescue", heroes=[sam])
    make_story(headline="Another passport rescue")
    assert found(employee_client, "sam passport") == ["Passport rescue"]


def test_plurals_case_and_accents_do_not_matter(employee_client, make_story):
    make_story(headline="Two PASSPORTS found", body="At the café.")
    assert found(employee_client, "passport") == ["Two PASSPORTS found"]
    assert found(employee_client, "cafe") == ["Two PASSPORTS found"]
    assert found(employee_client, "Café") == ["Two PASSPORTS found"]


def test_a_quoted_phrase_needs_its_words_together(employee_client, make_story):
    make_story(headline="Lost passport", body="We found the lost passport at the station.")
    make_story(headline="Passport, not lost", body="The passport was never lost.")
    assert found(employee_client, '"lost passport"') == ["Lost passport"]
    assert sorted(found(employee_client, "lost passport")) == ["Lost passport", "Passport, not lost"]


def test_minus_leaves_out_wins_with_a_word(employee_client, make_story):
    make_story(headline="Birthday cake")
    make_story(headline="Wedding cake")
    assert found(employee_client, "cake -birthday") == ["Wedding cake"]
    assert found(employee_client, "-birthday") == ["Wedding cake"]  # only an exclusion: everything else


def test_or_finds_either(employee_client, make_story):
    make_story(headline="Cake")
    make_story(headline="Flowers")
    make_story(headline="Taxi")
    assert sorted(found(employee_client, "cake or flowers")) == ["Cake", "Flowers"]


def test_a_query_of_small_words_finds_a_colleague_called_will(employee_client, django_user_model, make_story):
    will = make_user(django_user_model, "wbrown", first="Will", last="Brown")
    make_story(headline="Crediting Will", heroes=[will])
    make_story(headline="Other", body="I will do it again.")
    assert found(employee_client, "Will") == ["Crediting Will"]


def test_headline_and_name_matches_rank_above_story_matches(employee_client, make_story):
    now = timezone.now()
    make_story(headline="A quiet day", body="Then a passport turned up.", created_at=now)
    make_story(headline="The passport", body="Found it.", created_at=now - timezone.timedelta(days=3))
    assert found(employee_client, "passport") == ["The passport", "A quiet day"]


def test_equal_matches_come_newest_first(employee_client, make_story):
    now = timezone.now()
    for days in (3, 1, 2):
        make_story(headline=f"Cake {days}", created_at=now - timezone.timedelta(days=days))
    assert found(employee_client, "cake") == ["Cake 1", "Cake 2", "Cake 3"]


def test_hidden_and_pending_wins_are_never_found(manager_client, make_story):
    hidden, pending = make_story(headline="Hidden cake"), make_story(headline="Pending cake")
    Story.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    Story.objects.filter(pk=pending.pk).update(status=Story.Status.PENDING)
    make_story(headline="Shown cake")
    assert found(manager_client, "cake") == ["Shown cake"]


# --- kept up to date -------------------------------------------------------------------


def test_an_edited_win_is_found_by_its_new_words(employee_client, employee, make_story):
    story = make_story(headline="Old words")
    services.story_update(story=story, heroes=[employee], headline="Fresh words", body=story.body, kind=story.kind)
    assert found(employee_client, "fresh") == ["Fresh words"]
    assert found(employee_client, "old") == []


def test_a_new_hero_is_found_at_once(employee_client, employee, sam, make_story):
    story = make_story(headline="Teamwork")
    services.story_update(story=story, heroes=[employee, sam], headline=story.headline, body=story.body)
    assert found(employee_client, "okafor") == ["Teamwork"]


def test_tags_added_and_removed_are_searchable_at_once(employee_client, manager, make_story):
    story = make_story(headline="Tag me")
    tag = services.tag_add(story=story, name="Above and beyond", by=manager)
    assert found(employee_client, "beyond") == ["Tag me"]
    services.tag_remove(story=story, tag=tag, by=manager)
    assert found(employee_client, "beyond") == []


def test_a_new_display_name_is_searchable_at_once(employee_client, employee, sam, make_story):
    make_story(headline="Sam's win", heroes=[sam])
    services.profile_update(user=sam, display_name="Sunny Okafor", team=None)
    assert found(employee_client, "sunny") == ["Sam's win"]


def test_a_deleted_win_is_gone_from_the_index(employee_client, make_story):
    story = make_story(headline="Deleted cake")
    services.story_delete(story=story)
    make_story(headline="Kept cake")
    assert found(employee_client, "cake") == ["Kept cake"]


def test_a_team_renamed_in_the_admin_is_searchable(client, superuser, make_story):
    team = Team.objects.create(name="Desk")
    make_story(headline="Desk win", team=team)
    client.force_login(superuser)
    response = client.post(f"/admin/stories/team/{team.pk}/change/", {"name": "Lobby"})
    assert response.status_code == 302
    assert found(client, "lobby") == ["Desk win"]


def test_a_rebuild_restores_a_lost_index(employee_client, employee):
    seed_wins(3, authors=[employee])
    Story.objects.update(search_vector=None)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM stories_search")
    assert found(employee_client, "win") == []
    assert services.search_index_rebuild() == 3
    assert len(found(employee_client, "win")) == 3


# --- what the page shows ----------------------------------------------------------------


def test_matches_are_marked_in_the_results(employee_client, make_story):
    make_story(headline="The <b>passport</b> rescue", body="A passport, found.")
    page = employee_client.get("/", {"q": "passport"}).text
    assert "The &lt;b&gt;<mark>passport</mark>&lt;/b&gt; rescue" in page
    assert "A <mark>passport</mark>, found." in page


def test_an_empty_result_offers_to_clear_the_filters(employee_client, story):
    page = employee_client.get("/", {"q": "nothing like this"}).text
    assert "No wins match those filters." in page
    assert 'href="/">Clear all filters</a>' in page


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "NEAR(",
        "NEAR(a b, 2)",
        "-",
        '"unbalanced',
        "a\x00b",
        "{people}:x",
        "OR",
        "AND NOT",
        "'; --",
        "x" * 3000,
    ],
)
def test_hostile_searches_never_fail(employee_client, story, typed):
    response = employee_client.get("/", {"q": typed})
    assert response.status_code == 200


def test_results_come_in_numbered_pages(employee_client, employee):
    seed_wins(45, authors=[employee])
    first = employee_client.get("/", {"q": "win"})
    assert len(listed(first)) == 20 and first.context["page"].has_next
    assert 'href="?q=win&amp;page=2"' in first.text
    third = employee_client.get("/", {"q": "win", "page": "3"})
    assert len(listed(third)) == 5
    seen = {s.pk for n in (1, 2, 3) for s in listed(employee_client.get("/", {"q": "win", "page": n}))}
    assert len(seen) == 45


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "2\x00"])
def test_a_broken_page_number_is_400(employee_client, story, page):
    assert employee_client.get("/", {"q": "anniversary", "page": page}).status_code == 400


@pytest.mark.parametrize("count", [5, 60])
def test_search_costs_the_same_queries_however_many_wins(
    employee_client, django_user_model, count, django_assert_max_num_queries
):
    people = [make_user(django_user_model, f"p{i}", first=f"P{i}") for i in range(4)]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(3)]
    seed_wins(count, authors=people, tags=tags, teams=[Team.objects.create(name="Desk")])
    with django_assert_max_num_queries(SEARCH_COLD_MAX_QUERIES):
        employee_client.get("/", {"q": "win story"})
    with django_assert_max_num_queries(SEARCH_MAX_QUERIES):
        response = employee_client.get("/", {"q": "win story"})
    assert len(listed(response)) == min(count, 20)


def test_the_start_of_a_word_finds_it_as_people_type(employee_client, django_user_model, make_story):
    priya = make_user(django_user_model, "pnair", first="Priya", last="Nair")
    make_story(headline="Crediting Priya", heroes=[priya])
    make_story(headline="A refund in an hour", body="Fastest refund ever.")
    make_story(headline="Nothing to see")
    assert found(employee_client, "priy") == ["Crediting Priya"]
    assert found(employee_client, "Pri") == ["Crediting Priya"]
    assert found(employee_client, "refu") == ["A refund in an hour"]
    assert found(employee_client, "refu hour") == ["A refund in an hour"]
    assert found(employee_client, "refu -hour") == []
    assert found(employee_client, "xyzq") == []
    page = employee_client.get("/", {"q": "priy"}).text
    assert "<mark>Priya</mark>" in page


def test_a_beginning_costs_no_extra_query(employee_client, make_story, django_assert_max_num_queries):
    make_story(headline="A refund in an hour")
    employee_client.get("/", {"q": "refu"})  # warm: cards cached
    with django_assert_max_num_queries(SEARCH_MAX_QUERIES):
        assert employee_client.get("/", {"q": "refu"}).status_code == 200
