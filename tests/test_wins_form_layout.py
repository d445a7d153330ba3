"""The post form for people on a phone: photos offered early, the team of
their last post remembered, and an error summary whose items link to the
fields to fix (the alt text of a photo included)."""

import re

import pytest

from stories.models import Team
from tests.helpers import media_files as files
from tests.helpers.slideshow import add_hosted_video
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

NEW = "/wins/new/"


def position(page, marker):
    index = page.find(marker)
    assert index != -1, marker
    return index


def test_what_most_wins_need_comes_first_photos_right_after_the_story_and_heroes(employee_client):
    page = employee_client.get(NEW).text
    assert position(page, 'id="id_kind_0"') < position(page, 'id="id_heroes"') < position(page, 'name="photos"')
    assert position(page, 'name="photos"') < position(page, 'id="id_quote"') < position(page, 'id="id_cost"')
    assert position(page, 'id="id_cost"') < position(page, 'name="video_link"') < position(page, 'id="id_team"')


def open_folds(page):
    """The summaries of the folded sections that open themselves."""
    return re.findall(r'<details class="form-fold" open>\s*<summary class="h5">([^<]+)', page)


def test_an_empty_form_folds_every_optional_section(employee_client):
    assert open_folds(employee_client.get(NEW).text) == []


def test_a_folded_section_opens_itself_for_an_error_or_a_value(employee_client, employee):
    data = story_post_data(employee, quote="Lovely!", cost="25")  # a quote without consent: an error
    page = employee_client.post(NEW, data).text
    assert open_folds(page) == ["Customer quote ", "Cost and approval"]


def test_team_and_date_open_when_changed_or_wrong_but_not_for_their_defaults(employee_client, employee):
    page = employee_client.post(NEW, story_post_data(employee, headline="", happened_on="2001-13-40")).text
    assert open_folds(page) == ["Team and date"]


def test_editing_a_win_opens_the_sections_it_fills(employee_client, make_story):
    story = make_story(quote="Thank you!", quote_by="A guest", customer_consent=True, needed_approval=True)
    add_hosted_video(story)
    page = employee_client.get(f"/wins/{story.pk}/edit/").text
    assert open_folds(page) == ["Customer quote ", "Cost and approval", "Video "]


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
