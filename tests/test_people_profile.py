"""Your profile at /settings/: display name, team and photo — and how a
person is then shown everywhere: the chosen name, a link to their page, their
photo (or initials)."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from stories import services
from stories.lib.photos import process_avatar
from stories.models import Profile, Story, Team
from tests.helpers.faults import read_only_disk
from tests.helpers.media_files import (
    decompression_bomb_png,
    jpeg,
    jpeg_with_gps_and_rotation,
    stored_files,
    upload,
)
from tests.helpers.people import client_for, linked_name, make_user
from tests.helpers.queries import query_count
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

CARD_NAME = "fw-semibold text-body"  # a hero's name on a card


def save_profile(client, **fields):
    data = {"display_name": "", "team": "", **fields}
    return client.post("/settings/", data)


def test_the_settings_page_shows_the_form_and_reading_it_creates_nothing(employee_client, employee):
    response = employee_client.get("/settings/")
    assert response.status_code == 200
    for field in ("display_name", "team", "photo"):
        assert f'for="id_{field}"' in response.text
    assert "Remove my photo" not in response.text  # nothing to remove yet
    assert not Profile.objects.exists()


def test_the_settings_page_leads_to_the_notification_settings(employee_client):
    response = employee_client.get("/settings/")
    assert '<a href="/settings/notifications/">Notifications and the Atom feed</a>' in response.text
    assert employee_client.get("/settings/notifications/").status_code == 200


def test_settings_need_sign_in(client):
    response = client.get("/settings/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_display_name_and_team_are_saved_and_shown(employee_client, employee, team, make_story):
    make_story(headline="Mine")
    response = save_profile(employee_client, display_name="  Erin  the Great ", team=str(team.pk))
    assert response.status_code == 302 and response["Location"] == "/settings/"
    profile = Profile.objects.get(user=employee)
    assert (profile.display_name, profile.team) == ("Erin the Great", team)
    assert "Your profile is saved." in employee_client.get("/settings/").text
    feed = employee_client.get("/").text
    assert linked_name(employee, "Erin the Great", initials="EG", css=CARD_NAME) in feed
    person = employee_client.get("/people/erin/").text
    assert "Erin the Great" in person and "Front desk team" in person


def test_an_empty_display_name_falls_back_to_the_full_name(employee_client, employee):
    save_profile(employee_client, display_name="Nickname")
    save_profile(employee_client, display_name="")
    assert linked_name(employee, "Erin Employee", initials="EE") in employee_client.get("/people/").text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"display_name": "x" * 81}, "Keep your display name to 80 characters"),
        ({"team": "99999999999999999999999"}, "Choose a team from the list."),
        ({"team": "abc"}, "Choose a team from the list."),
    ],
)
def test_bad_input_is_a_400_with_a_message_and_nothing_saved(employee_client, fields, message):
    response = save_profile(employee_client, **fields)
    assert response.status_code == 400
    assert message in response.text
    assert "Nothing was saved" in response.text
    assert not Profile.objects.exists()


def test_a_photo_becomes_square_renditions_without_metadata(employee_client, employee):
    photo = upload("me.jpg", jpeg_with_gps_and_rotation(400, 300))
    response = employee_client.post("/settings/", {"display_name": "", "team": "", "photo": photo})
    assert response.status_code == 302
    profile = Profile.objects.get(user=employee)
    assert profile.photo.name.startswith("avatars/") and profile.photo_small.name.startswith("avatars/")
    for name, side in ((profile.photo.name, 256), (profile.photo_small.name, 64)):
        with default_storage.open(name, "rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
            assert image.size == (side, side)
            assert not image.getexif() and "icc_profile" not in image.info


def test_a_photo_on_read_only_media_is_a_503_with_a_message_and_nothing_saved(
    employee_client, employee, settings, tmp_path
):
    with read_only_disk(tmp_path / "read-only-media") as media:
        settings.MEDIA_ROOT = media
        photo = upload("me.jpg", jpeg_with_gps_and_rotation(400, 300))
        response = employee_client.post("/settings/", {"display_name": "New name", "team": "", "photo": photo})
    assert response.status_code == 503
    assert "could not be stored just now, so nothing was saved" in response.text
    assert 'value="New name"' in response.text  # what was typed is still on the form
    assert not Profile.objects.filter(user=employee, display_name="New name").exists()


def test_the_photo_shows_next_to_the_name_on_cards(employee_client, employee, make_story):
    make_story(headline="With a face")
    employee_client.post("/settings/", {"display_name": "", "team": "", "photo": upload("me.jpg", jpeg(120, 90))})
    small_url = Profile.objects.get(user=employee).photo_small.url
    page = employee_client.get("/").text
    assert re.search(rf'<img class="avatar me-1"\s+src="{small_url}"\s+alt=""\s+width="24"\s+height="24">', page)
    response = employee_client.get(small_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"


def test_any_colleague_may_see_a_profile_photo_but_not_a_stranger(client, employee, other_employee):
    services.profile_update(user=employee, display_name="", team=None, photo=_renditions())
    url = Profile.objects.get(user=employee).photo.url
    assert client_for(other_employee).get(url).status_code == 200
    assert client.get(url).status_code == 302  # signed out: to the sign-in page


def test_a_new_photo_replaces_the_old_files_after_commit(employee, django_capture_on_commit_callbacks):
    services.profile_update(user=employee, display_name="", team=None, photo=_renditions())
    old = Profile.objects.get(user=employee).file_names()
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_update(user=employee, display_name="", team=None, photo=_renditions())
    new = Profile.objects.get(user=employee).file_names()
    assert stored_files(default_storage, "avatars") == sorted(new)
    assert not set(old) & set(new)


def test_removing_the_photo_deletes_its_files_and_shows_initials(
    employee_client, employee, make_story, django_capture_on_commit_callbacks
):
    services.profile_update(user=employee, display_name="", team=None, photo=_renditions())
    make_story(headline="Mine")
    assert "Remove my photo" in employee_client.get("/settings/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post("/settings/", {"display_name": "", "team": "", "remove_photo": "on"})
    assert response.status_code == 302
    assert stored_files(default_storage, "avatars") == []
    assert linked_name(employee, "Erin Employee", initials="EE", css=CARD_NAME) in employee_client.get("/").text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an image at all", "isn&#x27;t a complete"),
        (b"", "the file is empty"),
        (decompression_bomb_png(), "too many pixels"),
    ],
)
def test_a_bad_photo_is_refused_and_nothing_is_stored(employee_client, employee, data, message):
    response = employee_client.post(
        "/settings/", {"display_name": "New name", "team": "", "photo": upload("bad.png", data, "image/png")}
    )
    assert response.status_code == 400
    assert message in response.text
    assert not Profile.objects.exists()  # the name was not saved either
    assert stored_files(default_storage) == []


def test_a_new_photo_and_remove_at_once_is_refused(employee_client, employee):
    services.profile_update(user=employee, display_name="", team=None, photo=_renditions())
    response = employee_client.post(
        "/settings/", {"display_name": "", "team": "", "remove_photo": "on", "photo": upload("me.jpg", jpeg())}
    )
    assert response.status_code == 400
    assert "not both" in response.text


def test_the_post_form_offers_your_profiles_team(employee_client, employee, team):
    services.profile_update(user=employee, display_name="", team=team)
    assert f'<option value="{team.pk}" selected>' in employee_client.get("/wins/new/").text


# --- names everywhere ---------------------------------------------------------------


def test_names_link_to_the_persons_page_on_the_win_page(employee_client, employee, other_employee, make_story):
    story = make_story(headline="Shared", heroes=[employee, other_employee])
    page = employee_client.get(story.get_absolute_url()).text
    assert linked_name(other_employee, "Oscar Other", initials="OO") in page
    assert "Posted by</dt>" in page and linked_name(employee, "Erin Employee") + "," in page


def test_a_closed_accounts_name_is_shown_without_a_link(employee_client, django_user_model, employee, make_story):
    gone = make_user(django_user_model, "gone", first="Gone", last="Away")
    make_story(headline="With a former colleague", heroes=[employee, gone])
    gone.is_active = False
    gone.save()
    page = employee_client.get("/").text
    assert '<span class="person-name">Gone Away</span>' in page
    assert 'href="/people/gone/"' not in page


def test_the_navigation_shows_your_display_name_and_settings(employee_client, employee):
    services.profile_update(user=employee, display_name="Erin E.", team=None)
    page = employee_client.get("/").text
    assert "Erin E." in page and 'href="/settings/">Settings</a>' in page


def test_slides_name_heroes_in_plain_text_with_their_display_name(manager_client, manager, employee, make_story):
    story = make_story(headline="On the wall")
    services.story_feature(story=story, by=manager)
    services.profile_update(user=employee, display_name="Erin <b>E</b>", team=None)
    slides = manager_client.get("/slideshow/slides.json").json()
    win = next(slide for slide in slides["slides"] if slide.get("win") == story.pk)
    assert win["heroes"] == ["Erin <b>E</b>"]  # JSON text; the slideshow sets it as text


def test_cards_cost_no_extra_query_for_names_and_photos(employee_client, django_user_model, employee):
    """Heroes and authors come with their profiles: 20 cards of people with
    photos cost what 20 cards of people without do."""
    people = [make_user(django_user_model, f"h{i}", first=f"H{i}") for i in range(5)]
    seed_wins(25, authors=people, heroes_per_win=3)
    before = query_count(employee_client, "/")
    for person in people:
        services.profile_update(user=person, display_name=f"Hero {person.pk}", team=None, photo=_renditions())
    assert query_count(employee_client, "/") == before
    assert Story.objects.count() == 25


def _renditions():
    return process_avatar(io.BytesIO(jpeg(100, 80)))


def test_a_teams_members_are_listed_by_it(employee, other_employee):
    team = Team.objects.create(name="Concierge")
    services.profile_update(user=employee, display_name="", team=team)
    assert list(team.members.values_list("user__username", flat=True)) == ["erin"]
