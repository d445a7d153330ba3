"""Managing people (/manage/people/): managers and superusers list every
account, add one person, edit them, deactivate and reactivate them; an
employee gets 403 everywhere; the list costs a constant number of queries."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from stories import services
from stories.models import Profile, Story, Team, display_name
from stories.services import NAMES, version_of
from tests.helpers.people import PASSWORD, make_user

pytestmark = pytest.mark.django_db

# Session, user (may-curate read with it), the teams (the filter's choices), the
# count, the page (team, profile, role and status in the same query) = 5, at 3
# people or 300.
MANAGE_MAX_QUERIES = 5


def listed(response):
    return [person.username for person in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/manage/people/"),
        ("get", "/manage/people/new/"),
        ("post", "/manage/people/new/"),
        ("get", "/manage/people/{pk}/edit/"),
        ("post", "/manage/people/{pk}/edit/"),
        ("post", "/manage/people/{pk}/deactivate/"),
        ("post", "/manage/people/{pk}/reactivate/"),
    ],
)
def test_an_employee_gets_403_on_every_manage_people_address(employee_client, other_employee, method, url):
    response = getattr(employee_client, method)(url.format(pk=other_employee.pk), {"confirm": "yes", "name": "X"})
    assert response.status_code == 403
    other_employee.refresh_from_db()
    assert other_employee.is_active


def test_a_superuser_may_manage_people(client, superuser):
    client.force_login(superuser)
    assert client.get("/manage/people/").status_code == 200


def test_the_list_shows_every_account_with_role_status_and_number(manager_client, manager, employee, django_user_model):
    make_user(django_user_model, "gone", first="Gone", is_active=False)
    invited = services.person_add(name="Ivy Invited", team=None, employee_id="E-17")
    response = manager_client.get("/manage/people/")
    assert set(listed(response)) == {"mona", "erin", "gone", invited.username}
    rows = {person.username: person for person in response.context["page"].object_list}
    assert rows["gone"].status == "deactivated"
    assert rows[invited.username].status == "invited"
    assert rows["erin"].status == "active"
    assert rows["mona"].is_manager and not rows["erin"].is_manager
    assert "E-17" in response.text
    assert 'href="/manage/people/"' in response.text and ">Staff</a>" in response.text  # the Manage menu's entry


def test_the_list_finds_people_by_email_or_employee_number(manager_client, manager):
    services.person_add(name="Priya Nair", team=None, email="priya@example.com", employee_id="4711")
    services.person_add(name="Sam Okafor", team=None)
    assert [p.profile.display_name for p in manager_client.get("/manage/people/", {"q": "priya@"}).context["page"]] == [
        "Priya Nair"
    ]
    assert len(manager_client.get("/manage/people/", {"q": "4711"}).context["page"].object_list) == 1


@pytest.mark.parametrize("count", [3, 300])
def test_the_list_costs_a_constant_number_of_queries(manager_client, manager, count, django_assert_max_num_queries):
    team = Team.objects.create(name="Housekeeping")
    for n in range(count):
        services.person_add(name=f"Person {n:03}", team=team, employee_id=f"N{n}", manager=n % 2 == 0)
    with django_assert_max_num_queries(MANAGE_MAX_QUERIES):
        response = manager_client.get("/manage/people/", {"page": 1})
    assert response.status_code == 200


@pytest.fixture
def three_hundred(manager, django_user_model):
    """300 people in two teams: every third a manager, every fifth deactivated, the rest invited."""
    desk, spa = Team.objects.create(name="Front desk"), Team.objects.create(name="Spa")
    made = [
        services.person_add(name=f"Person {n:03}", team=desk if n % 2 else spa, manager=n % 3 == 0) for n in range(300)
    ]
    for person in made[::5]:
        services.person_set_active(user=person, active=False)
    return {"desk": desk, "spa": spa, "people": made}


def test_at_300_people_the_list_filters_by_team_status_and_role(manager_client, three_hundred):
    desk = three_hundred["desk"]

    def names(**params):
        page = manager_client.get("/manage/people/", params).context["page"]
        return page.paginator.count, {display_name(person) for person in page.object_list}

    count, _ = names(team=desk.pk)
    assert count == 150
    count, shown = names(team=desk.pk, status="deactivated", role="manager")
    assert shown == {f"Person {n:03}" for n in range(300) if n % 2 and n % 5 == 0 and n % 3 == 0} and count == 10
    assert names(status="invited", role="employee")[0] == len([n for n in range(300) if n % 5 and n % 3])
    assert names(q="Person 29", team=desk.pk)[1] == {f"Person {n:03}" for n in range(1, 300, 2) if "29" in f"{n:03}"}
    assert names(team="nope", status="sleeping")[0] == 301  # values it can't use are left out; the manager too


def test_the_pages_keep_the_filters(manager_client, three_hundred):
    desk = three_hundred["desk"]
    first = manager_client.get("/manage/people/", {"team": desk.pk, "status": "invited"})
    assert "120 accounts match." in " ".join(first.text.split())
    assert f'href="?team={desk.pk}&amp;status=invited&amp;page=2"' in first.text
    second = manager_client.get("/manage/people/", {"team": desk.pk, "status": "invited", "page": 2})
    assert len(second.context["page"].object_list) == 50 and second.context["page"].number == 2


def test_a_manager_adds_one_person_who_is_invited(manager_client, manager, team):
    response = manager_client.post(
        "/manage/people/new/",
        {"name": "  Ana   Lima ", "team": team.pk, "email": "ana@example.com", "employee_id": "A1", "role": "manager"},
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(email="ana@example.com")
    assert person.profile.display_name == "Ana Lima"
    assert person.profile.team == team and person.profile.employee_id == "A1"
    assert person.groups.filter(name="Managers").exists()
    assert not person.has_usable_password()


def test_a_taken_employee_number_is_refused_and_nothing_is_saved(manager_client, manager):
    services.person_add(name="First", team=None, employee_id="A1")
    response = manager_client.post("/manage/people/new/", {"name": "Second", "employee_id": "A1", "role": "employee"})
    assert response.status_code == 400
    assert "already has this employee number" in response.text
    assert not Profile.objects.filter(display_name="Second").exists()


def test_editing_a_name_moves_the_cards_and_the_names_version(manager_client, employee, make_story):
    story = make_story(heroes=[employee])
    before_card, before_names = Story.objects.get(pk=story.pk).card_version, version_of(NAMES)
    response = manager_client.post(
        f"/manage/people/{employee.pk}/edit/", {"name": "Erin Renamed", "employee_id": "", "role": "employee"}
    )
    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).card_version != before_card
    assert version_of(NAMES) != before_names
    assert Profile.objects.get(user=employee).display_name == "Erin Renamed"


def test_deactivating_asks_first_then_needs_a_post_with_csrf(manager, employee):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    assert browser.post(f"/manage/people/{employee.pk}/deactivate/", {"confirm": "yes"}).status_code == 403
    assert browser.get(f"/manage/people/{employee.pk}/deactivate/").status_code == 405
    browser = Client()
    browser.force_login(manager)
    question = browser.post(f"/manage/people/{employee.pk}/deactivate/")
    assert question.status_code == 200 and "signed out everywhere" in question.text
    employee.refresh_from_db()
    assert employee.is_active


def test_a_deactivated_persons_open_session_ends_at_once_and_they_cannot_sign_in(manager_client, employee, make_story):
    story = make_story(heroes=[employee])
    theirs = Client()
    theirs.force_login(employee)
    assert theirs.get("/").status_code == 200
    assert manager_client.post(f"/manage/people/{employee.pk}/deactivate/", {"confirm": "yes"}).status_code == 302
    assert theirs.get("/").status_code == 302  # signed out: to the sign-in page
    assert not Client().login(username="erin", password=PASSWORD)
    assert Story.objects.filter(pk=story.pk, heroes=employee).exists()  # their wins stay
    assert manager_client.post(f"/manage/people/{employee.pk}/reactivate/", {"confirm": "yes"}).status_code == 302
    assert Client().login(username="erin", password=PASSWORD)


def test_a_manager_cannot_deactivate_themselves(manager_client, manager):
    manager_client.post(f"/manage/people/{manager.pk}/deactivate/", {"confirm": "yes"})
    manager.refresh_from_db()
    assert manager.is_active


def test_a_role_is_the_curate_permission_not_a_groups_name(manager_client, django_user_model, employee):
    from django.contrib.auth.models import Group, Permission

    leads = Group.objects.create(name="Shift leads")
    leads.permissions.add(Permission.objects.get(codename="curate_story"))
    employee.groups.add(leads)
    rows = {p.username: p for p in manager_client.get("/manage/people/").context["page"].object_list}
    assert rows["erin"].is_manager
    manager_client.post(f"/manage/people/{employee.pk}/edit/", {"name": "Erin Employee", "role": "employee"})
    assert not employee.groups.exists()
    assert not django_user_model.objects.get(pk=employee.pk).has_perm("stories.curate_story")
