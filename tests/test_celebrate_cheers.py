"""Cheers: any colleague cheers a win (once; pressing again takes it back),
in place with htmx or as a plain form; never its author or heroes; the count
and first names on cards, the win page, the wall and the slides; race-safe
(a real two-connection test against the file database)."""

import threading
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from stories import services
from stories.models import Cheer, Story
from tests.helpers.people import client_for, make_user

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def cheer_url(story):
    return reverse("cheer", args=[story.pk])


@pytest.fixture
def colleague_client(other_employee):
    return client_for(other_employee)


def test_a_colleague_cheers_with_a_plain_form_and_comes_back_to_the_page(colleague_client, story, other_employee):
    response = colleague_client.post(cheer_url(story), {"cheer": "1", "next": "/?kind=fixed"})
    assert response.status_code == 302 and response["Location"] == "/?kind=fixed"
    assert list(Cheer.objects.values_list("story_id", "user_id")) == [(story.pk, other_employee.pk)]
    card = colleague_client.get("/").text
    assert 'aria-pressed="true"' in card and "You cheered" in card and "Oscar cheered" not in card


def test_without_a_next_the_plain_form_goes_back_to_the_wins_cheers(colleague_client, story):
    response = colleague_client.post(cheer_url(story), {"cheer": "1", "next": "https://evil.example.com/"})
    assert response["Location"] == f"/wins/{story.pk}/#cheers"


def test_pressing_again_takes_the_cheer_back(colleague_client, story):
    colleague_client.post(cheer_url(story), {"cheer": "1"})
    colleague_client.post(cheer_url(story), {"cheer": "0"})
    assert not Cheer.objects.exists()
    assert 'aria-pressed="false"' in colleague_client.get("/").text


def test_the_button_posts_what_its_state_asks_for(colleague_client, story):
    before = colleague_client.get("/").text
    assert 'name="cheer" value="1"' in before and 'aria-pressed="false"' in before
    colleague_client.post(cheer_url(story), {"cheer": "1"})
    after = colleague_client.get("/").text
    assert 'name="cheer" value="0"' in after and 'aria-pressed="true"' in after


def test_a_double_click_or_two_tabs_make_one_cheer_not_none(colleague_client, story):
    for _ in range(3):
        colleague_client.post(cheer_url(story), {"cheer": "1"})
    assert Cheer.objects.count() == 1


def test_htmx_gets_the_cheer_line_back_with_the_new_state_and_count(colleague_client, story, django_user_model):
    for index, first in enumerate(["Ana", "Luis"]):
        services.cheer_set(story=story, user=make_user(django_user_model, f"u{index}", first=first), on=True)
    response = colleague_client.post(cheer_url(story), {"cheer": "1", "next": "/"}, headers=HTMX)
    assert response.status_code == 200
    text = response.text
    assert text.lstrip().startswith('<div class="cheer ') and f'id="cheer-{story.pk}"' in text.split(">")[0]
    assert 'aria-pressed="true"' in text and 'name="cheer" value="0"' in text
    assert "You, Luis and 1 other cheered" in " ".join(text.split())  # the latest first, the viewer as "You"
    assert "<html" not in text


def test_on_the_win_page_htmx_swaps_the_whole_cheers_panel_with_everyone(colleague_client, story):
    page = colleague_client.get(story.get_absolute_url()).text
    assert 'hx-target="#cheers"' in page and 'name="panel" value="detail"' in page
    response = colleague_client.post(cheer_url(story), {"cheer": "1", "panel": "detail"}, headers=HTMX)
    assert response.text.lstrip().startswith('<div class="cheers-panel" id="cheers">')
    listed = " ".join(response.text.split("Everyone who cheered:")[1].split("</ul>")[0].split())
    assert '<li class="list-inline-item"> You </li>' in listed and "Oscar" not in response.text  # "You", not their name


@pytest.mark.parametrize("who", ["author", "hero"])
def test_the_author_and_heroes_get_no_button_an_explanation_and_a_403(who, employee, other_employee, make_story):
    story = make_story(author=employee, heroes=[employee, other_employee])
    person = employee if who == "author" else other_employee
    client = client_for(person)
    page = client.get(story.get_absolute_url()).text
    assert "aria-pressed" not in page
    said = "You posted this win" if who == "author" else "You&#x27;re credited as a hero on this win"
    assert f"{said}. Your colleagues can cheer it." in page
    assert "aria-pressed" not in client.get("/").text
    plain = client.post(cheer_url(story), {"cheer": "1"})
    assert plain.status_code == 403 and "You can&#x27;t cheer" in plain.text
    htmx = client.post(cheer_url(story), {"cheer": "1"}, headers=HTMX)
    assert htmx.status_code == 403 and htmx["Content-Type"].startswith("text/plain") and "can't cheer" in htmx.text
    assert not Cheer.objects.exists()


def test_nobody_cheers_a_win_they_cannot_see_and_its_author_cannot_cheer_it_pending(
    settings, employee, other_employee, manager
):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    pending = services.story_create(author=employee, heroes=[employee], headline="Pending", body="b")
    assert client_for(other_employee).post(cheer_url(pending), {"cheer": "1"}).status_code == 404
    refused = client_for(manager).post(cheer_url(pending), {"cheer": "1"})
    assert refused.status_code == 400 and "Only wins shared with everyone" in refused.text
    assert not Cheer.objects.exists()


def test_a_hidden_win_cannot_be_cheered_and_shows_no_cheer_bar(story, manager, other_employee, employee):
    services.story_hide(story=story, by=manager, reason="Names a guest")
    assert client_for(other_employee).post(cheer_url(story), {"cheer": "1"}).status_code == 404
    own_page = client_for(employee).get("/people/erin/").text
    assert "celebrate-bar" not in own_page and "Names a guest" in own_page


def test_cheering_needs_a_post_with_csrf(story, other_employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_employee)
    assert client.post(cheer_url(story), {"cheer": "1"}).status_code == 403
    assert client.get(cheer_url(story)).status_code == 405
    assert not Cheer.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, story):
    response = client.post(cheer_url(story), {"cheer": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- who cheered, everywhere -----------------------------------------------------------


@pytest.fixture
def fourteen_cheers(story, django_user_model):
    """Ana and Luis cheered last, after twelve others."""
    people = [make_user(django_user_model, f"fan{i}", first=f"Fan{i}") for i in range(12)]
    people += [make_user(django_user_model, "luis", first="Luis"), make_user(django_user_model, "ana", first="Ana")]
    for person in people:
        services.cheer_set(story=story, user=person, on=True)
    return people


def test_cards_say_who_cheered_the_latest_first(employee_client, story, fourteen_cheers):
    assert "Ana, Luis and 12 others cheered" in " ".join(employee_client.get("/").text.split())


def test_the_win_page_lists_everyone_who_cheered_first_cheer_first(employee_client, story, fourteen_cheers):
    text = employee_client.get(story.get_absolute_url()).text
    assert "Ana, Luis and 12 others cheered" in " ".join(text.split())
    listed = text.split("Everyone who cheered:")[1].split("</ul>")[0]
    assert listed.index("Fan0") < listed.index("Fan11") < listed.index("Luis") < listed.index("Ana")
    assert listed.count("<li") == 14


def test_the_wall_and_the_slides_say_who_cheered(employee_client, story, fourteen_cheers, manager):
    services.story_feature(story=story, by=manager)
    assert "Ana, Luis and 12 others cheered" in " ".join(employee_client.get("/featured/").text.split())
    slides = employee_client.get(reverse("slideshow_slides")).json()["slides"]
    win = next(slide for slide in slides if slide["id"] == f"win-{story.pk}")
    assert win["cheers"] == {"count": 14, "text": "Ana, Luis and 12 others"}


def test_a_slide_nobody_cheered_says_so_with_a_zero(employee_client, story, manager):
    services.story_feature(story=story, by=manager)
    slides = employee_client.get(reverse("slideshow_slides")).json()["slides"]
    assert next(s for s in slides if s["id"] == f"win-{story.pk}")["cheers"] == {"count": 0, "text": ""}


def test_a_name_is_escaped_wherever_it_shows(story, django_user_model, employee_client, manager):
    services.cheer_set(story=story, user=make_user(django_user_model, "x", first="<b>Bo</b>"), on=True)
    services.story_feature(story=story, by=manager)
    for url in ["/", story.get_absolute_url(), "/featured/"]:
        text = employee_client.get(url).text
        assert "<b>Bo</b>" not in text and "&lt;b&gt;Bo&lt;/b&gt;" in text, url


# --- race-safe ----------------------------------------------------------------------------


def test_when_the_other_request_won_the_race_the_cheer_is_kept_once_without_an_error(story, other_employee):
    """Both requests saw "no cheer yet": the second INSERT hits the unique
    constraint, and the service takes that as done."""
    services.cheer_set(story=story, user=other_employee, on=True)
    with mock.patch("stories.services.celebrate.Cheer.objects.on") as on:
        on.return_value.by.return_value.exists.return_value = False  # as if the other insert were not visible yet
        on.return_value.count.return_value = 1
        assert services.cheer_set(story=story, user=other_employee, on=True) == 1
    assert Cheer.objects.count() == 1


def test_a_person_cannot_cheer_twice_even_straight_in_the_database(story, other_employee):
    Cheer.objects.create(story=story, user=other_employee)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cheer.objects.create(story=story, user=other_employee)


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_from_the_same_person_make_one_cheer(django_user_model):
    """Two threads, each with its own database connection to the test's
    file database, post the same cheer at the same moment."""
    author = make_user(django_user_model, "erin", first="Erin")
    fan = make_user(django_user_model, "oscar", first="Oscar")
    story = services.story_create(author=author, heroes=[author], headline="Race", body="b")
    start = threading.Barrier(2)
    answers, errors = [], []

    def press():
        try:
            client = client_for(fan)
            start.wait(timeout=10)
            answers.append(client.post(cheer_url(story), {"cheer": "1"}, headers=HTMX).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and answers == [200, 200]
    assert Cheer.objects.filter(story=story, user=fan).count() == 1
    assert Story.objects.with_cheers().get(pk=story.pk).cheer_count == 1


def test_a_credited_hero_is_told_warmly_how_many_colleagues_cheered(
    employee, other_employee, make_story, django_user_model
):
    story = make_story(author=employee, heroes=[other_employee])
    for n in range(3):
        fan = make_user(django_user_model, f"fan{n}")
        services.cheer_set(story=story, user=fan, on=True)
    page = client_for(other_employee).get(story.get_absolute_url()).text
    assert "You&#x27;re credited as a hero on this win — 3 colleagues cheered." in page
    assert "You posted this win — 3 colleagues cheered." in client_for(employee).get(story.get_absolute_url()).text
