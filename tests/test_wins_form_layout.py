"""The post form for people on a phone: photos offered early, the team of
their last post remembered, and an error summary whose items link to the
fields to fix (the alt text of a photo included)."""

import re

import pytest

from stories.models import Team
from tests.helpers import media_files as files
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

NEW = "/wins/new/"


def position(page, marker):
    index = page.find(marker)
    assert index != -1, marker
    return index


def test_photos_are_offered_right_after_the_story(employee_client):
    page = employee_client.get(NEW).text
    assert position(page, 'id="id_kind_0"') < position(page, 'name="photos"') < position(page, 'id="id_heroes"')
    assert position(page, 'name="photos"') < position(page, 'id="id_team"') < position(page, 'id="id_cost"')


def test_the_team_of_my_last_post_is_chosen_for_the_next(employee_client, make_story, employee):
    desk, bar = Team.objects.create(name="Desk"), Team.objects.create(name="Bar")
    make_story(team=bar)
    make_story(team=desk)  # the latest
    page = employee_client.get(NEW).text
    assert f'<option value="{desk.pk}" selected>Desk</option>' in page
    assert f'<option value="{bar.pk}">Bar</option>' in page


def test_someone_s_first_post_starts_without_a_team(employee_client, make_story, other_employee):
    desk = Team.objects.create(name="Desk")
    make_story(team=desk, author=other_employee)  # somebody else's
    page = employee_client.get(NEW).text
    assert f'<option value="{desk.pk}">Desk</option>' in page and "selected>Desk" not in page


def test_editing_keeps_the_win_s_own_team(employee_client, make_story):
    desk, bar = Team.objects.create(name="Desk"), Team.objects.create(name="Bar")
    story = make_story(team=desk)
    make_story(team=bar)
    page = employee_client.get(f"/wins/{story.pk}/edit/").text
    assert f'<option value="{desk.pk}" selected>Desk</option>' in page


def summary_links(page):
    summary = re.search(r'<div class="alert alert-danger error-summary"[^>]*id="form-errors".*?</div>', page, re.S)[0]
    return re.findall(r'<a class="alert-link" href="#([^"]+)">([^<]+)</a>', summary)


def test_the_error_summary_links_each_problem_to_its_field(employee_client, employee):
    data = story_post_data(employee, headline="", quote="Lovely", cost="-1")
    response = employee_client.post(NEW, data)
    assert response.status_code == 400
    links = summary_links(response.text)
    assert [anchor for anchor, _ in links] == ["id_headline", "id_cost", "id_customer_consent"]
    assert "Please fix the 3 problems below." in response.text
    assert ("id_headline", "Give your win a headline.") in links


def test_a_photo_without_alt_text_is_linked_to_its_alt_text_field(employee_client, employee):
    data = story_post_data(employee)
    data.update({"photo-TOTAL_FORMS": "6", "photo-INITIAL_FORMS": "6"})
    for index in range(6):
        data.update({f"photo-{index}-position": str(index + 1), f"photo-{index}-alt_text": ""})
    data["photos"] = [files.upload("cake.jpg", files.jpeg())]
    response = employee_client.post(NEW, data)
    links = summary_links(response.text)
    assert [anchor for anchor, _ in links] == ["id_photo-0-alt_text"]
    assert "Add an alt text for “cake.jpg”" in links[0][1]
    page = " ".join(response.text.split())
    # The field says so too, and is described by it.
    assert 'aria-describedby="id_photo-0-alt_text_hint photo-alt-help id_photo-0-alt_text_error"' in page
    assert '<div class="invalid-feedback" id="id_photo-0-alt_text_error">Add an alt text for “cake.jpg”' in page
