"""The people directory (/people/): active colleagues by name, with their
team and counts; searchable by name, filterable by team, paginated, at a
constant number of queries."""

import pytest
from django.utils import timezone

from stories import services
from stories.models import Story, Team
from tests.helpers.people import make_user
from tests.helpers.queries import LIST_MAX_QUERIES
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

# Session, user (may-curate read with it), the team menu's count and teams,
# the count, the page of people (their counts as subqueries) = 6: the
# issue's bar for a list page (LIST_MAX_QUERIES).
DIRECTORY_MAX_QUERIES = LIST_MAX_QUERIES


def listed(response):
    return [person.username for person in response.context["page"].object_list]


def test_the_directory_lists_active_colleagues_by_name(employee_client, django_user_model, employee, other_employee):
    make_user(django_user_model, "zed", first="Aaron", last="Zed")
    make_user(django_user_model, "gone", first="Gone", is_active=False)
    response = employee_client.get("/people/")
    assert response.status_code == 200
    assert listed(response) == ["zed", "erin", "oscar"]  # Aaron Zed, Erin Employee, Oscar Other


def test_the_order_follows_display_names(employee_client, employee, other_employee):
    services.profile_update(user=other_employee, display_name="Aardvark", team=None)
    assert listed(employee_client.get("/people/")) == ["oscar", "erin"]


def test_each_row_shows_team_wins_credited_and_featured(employee_client, employee, other_employee, manager, make_story):
    team = Team.objects.create(name="Concierge")
    services.profile_update(user=other_employee, display_name="", team=team)
    featured = make_story(headline="One", heroes=[other_employee, employee])
    make_story(headline="Two", heroes=[other_employee])
    hidden = make_story(headline="Hidden", heroes=[other_employee])
    Story.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    services.story_feature(story=featured, by=manager)
    services.cheer_set(story=featured, user=manager, on=True)
    rows = {person.username: person for person in employee_client.get("/people/").context["page"].object_list}
    assert (rows["oscar"].win_count, rows["oscar"].featured_count, rows["oscar"].cheer_count) == (2, 1, 1)
    assert (rows["erin"].win_count, rows["erin"].featured_count, rows["erin"].cheer_count) == (1, 1, 1)
    assert (rows["mona"].win_count, rows["mona"].featured_count, rows["mona"].cheer_count) == (0, 0, 0)
    text = employee_client.get("/people/").text
    assert "<td>Concierge</td>" in text
    assert "Cheers received" in text


def test_the_directory_finds_people_by_any_part_of_their_name(employee_client, django_user_model):
    make_user(django_user_model, "pnair", first="Priya", last="Nair")
    make_user(django_user_model, "sam", first="Sam", last="Okafor")
    assert listed(employee_client.get("/people/", {"q": "pri"})) == ["pnair"]
    assert listed(employee_client.get("/people/", {"q": "priya nair"})) == ["pnair"]
    assert listed(employee_client.get("/people/", {"q": "okaf"})) == ["sam"]
    assert listed(employee_client.get("/people/", {"q": "pnair"})) == ["pnair"]


def test_the_directory_finds_a_display_name(employee_client, other_employee):
    services.profile_update(user=other_employee, display_name="Ozzie", team=None)
    assert listed(employee_client.get("/people/", {"q": "ozzie"})) == ["oscar"]


def test_the_directory_filters_by_team(employee_client, employee, other_employee):
    team = Team.objects.create(name="Concierge")
    services.profile_update(user=other_employee, display_name="", team=team)
    response = employee_client.get("/people/", {"team": str(team.pk)})
    assert listed(response) == ["oscar"]
    assert f'<option value="{team.pk}" selected>' in response.text


def test_nobody_matching_says_so_with_a_way_back(employee_client):
    response = employee_client.get("/people/", {"q": "nobody like this"})
    assert "Nobody matches." in response.text and 'href="/people/">Show everyone</a>' in response.text


@pytest.mark.parametrize(
    "params",
    [{"q": "a\x00b"}, {"team": "99999999999999999999999"}, {"team": "x"}, {"page": "-3"}, {"page": "9" * 30}],
)
def test_hostile_directory_input_never_fails(employee_client, params):
    assert employee_client.get("/people/", params).status_code == 200


def test_the_directory_pages_by_fifty_keeping_the_search(employee_client, django_user_model):
    for i in range(60):
        make_user(django_user_model, f"crowd{i:02}", first="Crowd", last=f"{i:02}")
    first = employee_client.get("/people/", {"q": "crowd"})
    assert len(listed(first)) == 50
    assert 'href="?q=crowd&amp;page=2"' in first.text
    assert len(listed(employee_client.get("/people/", {"q": "crowd", "page": "2"}))) == 10


@pytest.mark.parametrize("count", [3, 60])
def test_the_directory_costs_the_same_queries_however_many_people(
    employee_client, django_user_model, count, django_assert_max_num_queries
):
    team = Team.objects.create(name="Desk")
    people = [make_user(django_user_model, f"crowd{i:02}", first=f"C{i}") for i in range(count)]
    for person in people[:10]:
        services.profile_update(user=person, display_name=f"Crowd {person.pk}", team=team)
    seed_wins(40, authors=people, heroes_per_win=3)
    with django_assert_max_num_queries(DIRECTORY_MAX_QUERIES):
        response = employee_client.get("/people/")
    assert len(listed(response)) == min(count + 1, 50)


def test_the_people_link_is_in_the_navigation(employee_client):
    assert 'href="/people/">People</a>' in employee_client.get("/").text
