"""Who may open, edit and delete a win: author, manager, superuser, another
employee, and someone who is not signed in."""

import pytest
from django.test import Client
from django.utils import timezone

from stories.models import Story
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

MAY_CHANGE = ["employee", "manager", "superuser"]  # employee is the author of `story`


def edit_url(story):
    return f"/wins/{story.pk}/edit/"


def delete_url(story):
    return f"/wins/{story.pk}/delete/"


@pytest.fixture
def signed_in(client, request):
    """A client signed in as the fixture named by the test's `who` parameter."""

    def _as(who):
        client.force_login(request.getfixturevalue(who))
        return client

    return _as


# --- edit ----------------------------------------------------------------------


@pytest.mark.parametrize("who", MAY_CHANGE)
def test_author_manager_and_superuser_may_open_the_edit_form(signed_in, story, who):
    response = signed_in(who).get(edit_url(story))
    assert response.status_code == 200
    assert response.context["form"].instance == story


@pytest.mark.parametrize("who", MAY_CHANGE)
def test_author_manager_and_superuser_may_edit_a_win(signed_in, story, employee, who):
    data = story_post_data(employee, headline="Edited headline")
    response = signed_in(who).post(edit_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Edited headline"
    assert story.author == employee  # editing never changes who posted it


def test_another_employee_cannot_open_the_edit_form(signed_in, story):
    response = signed_in("other_employee").get(edit_url(story))
    assert response.status_code == 403
    assert "Only the win" in response.text


def test_another_employee_cannot_edit_a_win(signed_in, story, other_employee):
    response = signed_in("other_employee").post(edit_url(story), story_post_data(other_employee, headline="Mine now"))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Saved a guest's anniversary"
    assert list(story.heroes.all()) == [story.author]


def test_an_invalid_edit_answers_400_and_changes_nothing(signed_in, story, employee):
    response = signed_in("employee").post(edit_url(story), story_post_data(employee, headline=""))
    assert response.status_code == 400
    story.refresh_from_db()
    assert story.headline == "Saved a guest's anniversary"


def test_the_edit_form_keeps_the_current_heroes_not_the_editor(signed_in, make_story, employee, other_employee):
    story = make_story(heroes=[other_employee])
    form = signed_in("employee").get(edit_url(story)).context["form"]
    assert list(form["heroes"].value()) == [other_employee.pk]


def test_editing_a_win_that_does_not_exist_is_404(signed_in):
    assert signed_in("manager").get("/wins/999999/edit/").status_code == 404


# --- delete --------------------------------------------------------------------


@pytest.mark.parametrize("who", MAY_CHANGE)
def test_opening_delete_shows_a_confirmation_and_deletes_nothing(signed_in, story, who):
    response = signed_in(who).get(delete_url(story))
    assert response.status_code == 200
    assert "Delete this win?" in response.text
    assert 'method="post"' in response.text
    assert Story.objects.filter(pk=story.pk).exists()


@pytest.mark.parametrize("who", MAY_CHANGE)
def test_author_manager_and_superuser_may_delete_a_win(signed_in, story, who):
    response = signed_in(who).post(delete_url(story))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not Story.objects.filter(pk=story.pk).exists()


def test_another_employee_cannot_delete_a_win(signed_in, story):
    assert signed_in("other_employee").get(delete_url(story)).status_code == 403
    assert signed_in("other_employee").post(delete_url(story)).status_code == 403
    assert Story.objects.filter(pk=story.pk).exists()


def test_delete_without_the_csrf_token_is_refused(story, employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    response = client.post(delete_url(story))
    assert response.status_code == 403
    assert "That form expired" in response.text
    assert Story.objects.filter(pk=story.pk).exists()


def test_delete_with_the_csrf_token_from_the_confirmation_works(story, employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    token = client.get(delete_url(story)).context["csrf_token"]
    response = client.post(delete_url(story), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    assert not Story.objects.filter(pk=story.pk).exists()


def test_edit_without_the_csrf_token_is_refused(story, employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    assert client.post(edit_url(story), story_post_data(employee, headline="Forged")).status_code == 403
    story.refresh_from_db()
    assert story.headline == "Saved a guest's anniversary"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_and_delete_answer_only_get_and_post(signed_in, story, method):
    client = signed_in("employee")
    assert getattr(client, method)(delete_url(story)).status_code == 405
    assert getattr(client, method)(edit_url(story)).status_code == 405
    assert Story.objects.filter(pk=story.pk).exists()


# --- not signed in -------------------------------------------------------------


@pytest.mark.parametrize("url", ["/wins/{pk}/", "/wins/{pk}/edit/", "/wins/{pk}/delete/", "/wins/new/"])
def test_someone_not_signed_in_is_sent_to_sign_in(client, story, url):
    url = url.format(pk=story.pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_someone_not_signed_in_cannot_delete_or_edit(client, story, employee):
    assert client.post(delete_url(story)).status_code == 302
    assert client.post(edit_url(story), story_post_data(employee, headline="Anon")).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Saved a guest's anniversary"


def test_someone_not_signed_in_cannot_post_a_win(client, employee):
    assert client.post("/wins/new/", story_post_data(employee)).status_code == 302
    assert Story.objects.count() == 0


# --- seeing a win, and the buttons it offers --------------------------------------


def test_edit_and_delete_buttons_show_only_to_those_who_may_use_them(signed_in, story):
    assert edit_url(story) in signed_in("employee").get(story.get_absolute_url()).text
    assert edit_url(story) in signed_in("manager").get(story.get_absolute_url()).text
    page = signed_in("other_employee").get(story.get_absolute_url()).text
    assert edit_url(story) not in page
    assert delete_url(story) not in page


@pytest.mark.parametrize("state", ["hidden", "pending"])
def test_a_hidden_or_pending_win_is_404_for_other_employees(signed_in, story, state):
    if state == "hidden":
        Story.objects.filter(pk=story.pk).update(hidden_at=timezone.now())
    else:
        Story.objects.filter(pk=story.pk).update(status=Story.Status.PENDING)
    for url in (story.get_absolute_url(), edit_url(story), delete_url(story)):
        assert signed_in("other_employee").get(url).status_code == 404
    assert signed_in("employee").get(story.get_absolute_url()).status_code == 200
    assert signed_in("manager").get(story.get_absolute_url()).status_code == 200


def test_an_unknown_win_is_404(signed_in):
    assert signed_in("employee").get("/wins/999999/").status_code == 404
