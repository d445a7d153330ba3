"""5. A form sent twice saves once: each post/edit form carries a token; the
same token again (a double-click, a retry, two requests at the same moment)
answers the win already saved instead of a second one."""

import re
import threading

import pytest
from django.db import connections
from django.test import Client

from stories.models import Photo, Story
from tests.helpers import media_files as files
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db


def form_token(page):
    return re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)


def test_each_drawn_form_carries_its_own_token(employee_client):
    first, second = (form_token(employee_client.get("/wins/new/")) for _ in range(2))
    assert len(first) >= 32 and first != second


def test_the_same_post_form_sent_twice_posts_one_win(employee_client, employee):
    data = story_post_data(employee) | {"form_token": form_token(employee_client.get("/wins/new/"))}
    first = employee_client.post("/wins/new/", data)
    second = employee_client.post("/wins/new/", data, follow=True)
    assert Story.objects.count() == 1
    assert first["Location"] == second.redirect_chain[-1][0] == Story.objects.get().get_absolute_url()
    assert "That form was sent twice; it was saved once." in second.text


def test_the_upload_script_gets_the_same_win_back_for_a_second_copy(employee_client, employee):
    data = story_post_data(employee) | {"form_token": form_token(employee_client.get("/wins/new/"))}
    answers = [employee_client.post("/wins/new/", data, headers={"X-Winsboard-Upload": "1"}) for _ in range(2)]
    assert [answer.json() for answer in answers] == [{"redirect": Story.objects.get().get_absolute_url()}] * 2


def test_a_form_that_comes_back_with_an_error_keeps_its_token(employee_client, employee):
    token = form_token(employee_client.get("/wins/new/"))
    refused = employee_client.post("/wins/new/", story_post_data(employee, headline="") | {"form_token": token})
    assert refused.status_code == 400 and form_token(refused) == token


def test_two_new_forms_post_two_wins(employee_client, employee):
    for _ in range(2):
        token = form_token(employee_client.get("/wins/new/"))
        employee_client.post("/wins/new/", story_post_data(employee) | {"form_token": token})
    assert Story.objects.count() == 2


def test_a_form_without_a_token_still_posts(employee_client, employee):
    """A page opened before tokens existed (or a damaged one) is not refused."""
    assert employee_client.post("/wins/new/", story_post_data(employee) | {"form_token": "x"}).status_code == 302
    assert Story.objects.get().form_token is None


def test_someone_elses_token_neither_shows_their_win_nor_blocks_the_post(employee_client, employee, other_employee):
    other = Client()
    other.force_login(other_employee)
    token = form_token(other.get("/wins/new/"))
    other.post("/wins/new/", story_post_data(other_employee, headline="Oscar's") | {"form_token": token})
    response = employee_client.post("/wins/new/", story_post_data(employee, headline="Erin's") | {"form_token": token})
    mine = Story.objects.get(author=employee)
    assert response.status_code == 302 and response["Location"] == mine.get_absolute_url()
    assert mine.headline == "Erin's"


def test_an_edit_with_new_photos_sent_twice_adds_them_once(employee_client, employee, story, media_storage):
    page = employee_client.get(f"/wins/{story.pk}/edit/")
    rows = {
        "photo-TOTAL_FORMS": "6",
        "photo-INITIAL_FORMS": "0",
        "photo-MIN_NUM_FORMS": "0",
        "photo-MAX_NUM_FORMS": "6",
    }
    rows |= {"photo-0-alt_text": "The thank-you card", "photo-0-position": "1"}
    data = story_post_data(employee) | rows | {"form_token": form_token(page)}
    for _ in range(2):
        response = employee_client.post(
            f"/wins/{story.pk}/edit/", data | {"photos": [files.upload("a.jpg", files.jpeg())]}
        )
        assert response.status_code == 302
    assert Photo.objects.filter(story=story).count() == 1
    assert len(files.stored_files(media_storage)) == 2  # one photo's two renditions: the second copy's were removed


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_the_same_moment_posts_one_win(employee):
    """A double-click without JavaScript: two requests race; the database's
    unique token lets one win through, the other answers it."""
    client = Client()
    client.force_login(employee)
    data = story_post_data(employee) | {"form_token": form_token(client.get("/wins/new/"))}
    start, answers = threading.Barrier(2), []

    def post():
        try:
            start.wait()
            answers.append(client.post("/wins/new/", data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert answers == [302, 302]
    assert Story.objects.count() == 1
