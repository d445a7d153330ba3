"""Awards as badges (issue 23): on the win's card (feed, wall, person
pages — cached cards renewed through `services.wins_changed`), on its page,
and on the person's page ("Most creative idea, March 2027"); /awards/ for
everyone signed in. Every list costs the same queries for a few awards or
many."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Award, Tag, Team
from tests.helpers.awards import ON_THE_SPOT, category, choose, nominate, nominate_choose_announce
from tests.helpers.cards import card_of
from tests.helpers.people import admin_save, client_for, make_user
from tests.helpers.queries import LIST_MAX_QUERIES, cold_and_warm, query_count
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

COLD_CAPS = {"/": 12, "/featured/": 11, "/people/p0/": 12}  # the pins of test_celebrate_queries.py
AWARDS_MAX_QUERIES = 5  # session, user, categories, the awards with their wins, their heroes


@pytest.fixture
def hero(django_user_model):
    return make_user(django_user_model, "hana", first="Hana", last="Hero")


@pytest.fixture
def win(make_story, employee, hero, manager):
    story = make_story(author=employee, heroes=[hero], headline="The birthday in the lobby")
    services.story_feature(story=story, by=manager)
    return story


def _badge(start, name="Most creative idea"):
    return f'<span class="visually-hidden">Award:</span> {name}, {start:%B %Y}'


def test_a_chosen_award_shows_nowhere_until_it_is_announced(win, other_employee, manager, hero):
    nomination = nominate(win, other_employee)
    choose(win, manager, start=nomination.period_start)
    reader = client_for(other_employee)
    for url in ["/", "/featured/", f"/people/{hero.username}/", win.get_absolute_url(), "/awards/"]:
        assert "award-badge" not in reader.get(url).text, url


def test_an_announced_award_shows_on_cards_the_win_page_and_the_persons_page(win, other_employee, manager, hero):
    reader = client_for(other_employee)
    for url in ["/", "/featured/", f"/people/{hero.username}/"]:
        reader.get(url)  # the cards are in the cache now
    (award,) = nominate_choose_announce(win, nominator=other_employee, manager=manager)
    badge = _badge(award.period_start)

    for url in ["/", f"/people/{hero.username}/"]:
        assert badge in card_of(reader.get(url).text, win), url
    assert badge in card_of(reader.get("/featured/").text, win, kind="wall")
    assert badge in reader.get(win.get_absolute_url()).text
    person = reader.get(f"/people/{hero.username}/").text
    assert f'{badge}</span>\n              <a href="/wins/{win.pk}/">The birthday in the lobby</a>' in person


def test_a_category_renamed_in_the_admin_renews_its_badges(win, other_employee, manager, superuser):
    reader = client_for(other_employee)
    nominate_choose_announce(win, nominator=other_employee, manager=manager)
    assert "Most creative idea" in card_of(reader.get("/").text, win)  # the card is in the cache now

    url = f"/admin/stories/awardcategory/{category().pk}/change/"
    assert admin_save(client_for(superuser), url, name="Most inventive idea").status_code == 302

    card = card_of(reader.get("/").text, win)
    assert "Most inventive idea" in card and "Most creative idea" not in card


def test_a_runner_up_badge_says_so(win, make_story, employee, other_employee, manager):
    other = make_story(author=employee, headline="Another good one")
    start = nominate(win, other_employee).period_start
    nominate(other, other_employee)
    choose(win, manager, start=start)
    choose(other, manager, start=start, place=Award.Place.RUNNER_UP)
    services.awards_announce(period_start=start, by=manager)
    assert f"Runner-up · Most creative idea, {start:%B %Y}" in card_of(client_for(other_employee).get("/").text, other)


def test_a_quarterly_category_reads_as_its_quarter(win, other_employee, manager):
    spot = category(ON_THE_SPOT)
    spot.period = "quarter"
    spot.save()
    (award,) = nominate_choose_announce(win, nominator=other_employee, manager=manager, name=ON_THE_SPOT)
    quarter = (award.period_start.month - 1) // 3 + 1
    assert award.period_start.month in (1, 4, 7, 10)
    page = client_for(other_employee).get("/").text
    assert f"Best decision on the spot, Q{quarter} {award.period_start.year}" in page


def test_the_awards_page_is_for_everyone_signed_in_newest_first(win, make_story, employee, other_employee, manager):
    older = make_story(author=employee, headline="Last month, the best")
    (first,) = nominate_choose_announce(older, nominator=other_employee, manager=manager)
    Award.objects.filter(pk=first.pk).update(announced_at=timezone.now() - datetime.timedelta(days=30))
    nominate_choose_announce(win, nominator=other_employee, manager=manager, name=ON_THE_SPOT)

    page = client_for(other_employee).get(reverse("awards")).text

    assert page.index("The birthday in the lobby") < page.index("Last month, the best")
    client = client_for(other_employee)
    client.logout()
    assert client.get(reverse("awards")).status_code == 302  # signed out: to the sign-in page


def test_a_hidden_wins_award_leaves_the_awards_page_but_its_author_still_sees_it(
    win, other_employee, manager, employee
):
    nominate_choose_announce(win, nominator=other_employee, manager=manager)
    services.story_hide(story=win, by=manager, reason="Names a guest")
    assert "The birthday in the lobby" not in client_for(other_employee).get(reverse("awards")).text
    assert "The birthday in the lobby" in client_for(employee).get(reverse("awards")).text


# --- queries ---------------------------------------------------------------------------------


def _award_all(stories, manager):
    """Each win a winner and a runner-up in two categories, announced (as
    `awards_announce` would: through wins_changed)."""
    today = timezone.localdate()
    categories = [category(), category(ON_THE_SPOT)]
    start = today.replace(day=1)
    Award.objects.bulk_create(
        Award(
            category=kind,
            period_start=start - datetime.timedelta(days=31 * story.pk),
            story=story,
            place=Award.Place.WINNER if place == 0 else Award.Place.RUNNER_UP,
            citation=f"Citation {story.pk}",
            announced_at=timezone.now(),
            chosen_by=manager,
        )
        for story in stories
        for place, kind in enumerate(categories)
    )
    services.wins_changed(stories)


@pytest.fixture
def crowd(django_user_model):
    people = [make_user(django_user_model, f"p{i}", first=f"P{i}") for i in range(4)]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(2)]
    teams = [Team.objects.create(name=f"Team {i}") for i in range(2)]
    return people, tags, teams


def _grow(count, crowd, manager):
    people, tags, teams = crowd
    stories = seed_wins(count, authors=people, tags=tags, teams=teams, featured_at=timezone.now())
    _award_all(stories, manager)


@pytest.mark.parametrize("url", COLD_CAPS)
def test_lists_cost_the_same_queries_for_a_few_awards_or_many(crowd, manager, url, django_assert_max_num_queries):
    reader = client_for(crowd[0][1])
    _grow(2, crowd, manager)
    few = cold_and_warm(reader, url)
    _grow(30, crowd, manager)
    many = cold_and_warm(reader, url)
    assert many == few and few[0] <= COLD_CAPS[url] and few[1] <= LIST_MAX_QUERIES
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        page = reader.get(url).text
    assert page.count('class="badge award-badge') >= 20


def test_the_awards_page_costs_the_same_queries_for_a_few_awards_or_many(crowd, manager):
    reader = client_for(crowd[0][1])
    _grow(2, crowd, manager)
    few = query_count(reader, reverse("awards"))
    _grow(30, crowd, manager)
    assert query_count(reader, reverse("awards")) == few <= AWARDS_MAX_QUERIES


def test_choosing_costs_the_same_queries_for_a_few_nominees_or_many(make_story, crowd, manager):
    people = crowd[0]
    client = client_for(manager)

    def nominate_more(count):
        for index in range(count):
            story = make_story(author=people[0], heroes=people[:3], headline=f"Nominee {index}")
            for nominator in people[3:]:
                nominate(story, nominator, reason=f"Reason {index}")

    nominate_more(2)
    few = query_count(client, reverse("awards_manage"))
    nominate_more(12)
    assert query_count(client, reverse("awards_manage")) == few <= 8


def test_the_slideshow_costs_the_same_queries_for_a_few_award_slides_or_many(crowd, manager):
    reader = client_for(crowd[0][1])
    _grow(2, crowd, manager)
    few = query_count(reader, reverse("slideshow_slides"))
    _grow(12, crowd, manager)
    assert query_count(reader, reverse("slideshow_slides")) == few
    slides = reader.get(reverse("slideshow_slides")).json()["slides"]
    assert [slide["layout"] for slide in slides].count("award") == 28


def test_on_the_awards_page_a_winner_comes_before_its_runners_up(make_story, employee, other_employee, manager):
    second, first = (
        make_story(author=employee, headline="The runner-up"),
        make_story(author=employee, headline="The one"),
    )
    start = nominate(second, other_employee).period_start
    nominate(first, other_employee)
    choose(second, manager, start=start, place=Award.Place.RUNNER_UP)
    choose(first, manager, start=start)
    services.awards_announce(period_start=start, by=manager)
    page = client_for(other_employee).get(reverse("awards")).text
    assert page.index("The one") < page.index("The runner-up")
