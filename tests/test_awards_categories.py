"""Award categories, set by managers on /manage/awards/ (issue 23): add one,
rename one (its badges on cached cards follow), turn one off; its period
stays once it has nominations; only managers."""

import pytest
from django.urls import reverse

from stories.models import AwardCategory
from tests.helpers.awards import CREATIVE, category, nominate, nominate_choose_announce
from tests.helpers.cards import card_of
from tests.helpers.people import client_for

pytestmark = pytest.mark.django_db


def _save(client, creative=None, **fields):
    prefix = f"category-{creative.pk}" if creative else "new"
    url = reverse("award_category_save", args=[creative.pk]) if creative else reverse("award_category_add")
    data = {"name": CREATIVE, "description": "", "period": "month", "active": "on", **fields}
    return client.post(url, {f"{prefix}-{name}": value for name, value in data.items() if value is not None})


def test_a_manager_adds_a_category_that_takes_nominations_at_once(manager_client):
    category()
    response = _save(manager_client, name="Kindest word", description="Said at the right moment", period="quarter")
    assert response.status_code == 302
    added = AwardCategory.objects.get(name="Kindest word")
    assert (added.period, added.active, added.position > category().position) == ("quarter", True, True)
    assert "Kindest word, Q" in manager_client.get(reverse("awards_manage")).text


def test_a_renamed_category_renews_its_badges(make_story, employee, other_employee, manager, manager_client):
    win = make_story(author=employee, headline="The kind word")
    nominate_choose_announce(win, nominator=other_employee, manager=manager)
    reader = client_for(other_employee)
    assert "Most creative idea" in card_of(reader.get("/").text, win)

    assert _save(manager_client, category(), name="Most inventive idea").status_code == 302

    assert "Most inventive idea" in card_of(reader.get("/").text, win)


def test_a_category_turned_off_takes_no_nominations(make_story, employee, other_employee, manager_client):
    assert _save(manager_client, category(), active=None).status_code == 302
    win = make_story(author=employee)
    page = client_for(other_employee).get(win.get_absolute_url()).text
    assert f'<option value="{category().pk}"' not in page


def test_its_period_stays_once_it_has_nominations(make_story, employee, other_employee, manager_client):
    nominate(make_story(author=employee), other_employee)
    response = _save(manager_client, category(), period="quarter")
    assert response.status_code == 400 and "its period stays" in response.text
    assert category().period == "month"


def test_two_categories_never_share_a_name(manager_client):
    category()
    response = _save(manager_client, name=CREATIVE)
    assert response.status_code == 400 and "There is a category called “Most creative idea” already." in response.text
    assert _save(manager_client, name="  ").status_code == 400


def test_only_managers_set_categories(employee_client):
    assert _save(employee_client, name="Mine").status_code == 403
    assert _save(employee_client, category(), name="Mine").status_code == 403
    assert not AwardCategory.objects.filter(name="Mine").exists()
