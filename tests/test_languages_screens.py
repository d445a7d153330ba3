"""A display link speaks its own language: the lobby screen plays the
slideshow in it, whatever the screen's browser asks for."""

import pytest

from stories import services
from stories.models import DisplayLink
from tests.helpers.people import client_for
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db


@pytest.fixture
def lobby(manager):
    return services.display_link_create(name="Lobby", query="", by=manager, language="fr")


def test_a_manager_makes_a_display_link_that_speaks_french(manager):
    response = client_for(manager).post("/manage/displays/new/", {"name": "Bar TV", "language": "fr", "seconds": 12})
    assert response.status_code == 302
    assert DisplayLink.objects.get(name="Bar TV").language == "fr"


def test_a_display_links_language_can_be_changed_later(manager, lobby):
    response = client_for(manager).post(f"/manage/displays/{lobby.pk}/rename/", {"name": "Lobby", "language": "ar"})
    assert response.status_code == 302
    lobby.refresh_from_db()
    assert lobby.language == "ar"


@pytest.mark.parametrize("language", ["xx", "FR", "fr-FR"])
def test_a_language_we_do_not_ship_is_refused_for_a_display_link(manager, lobby, language):
    manager_client = client_for(manager)
    assert manager_client.post("/manage/displays/new/", {"name": "TV", "language": language}).status_code == 400
    assert (
        manager_client.post(f"/manage/displays/{lobby.pk}/rename/", {"name": "L", "language": language}).status_code
        == 400
    )
    lobby.refresh_from_db()
    assert (lobby.name, lobby.language) == ("Lobby", "fr")
    assert not DisplayLink.objects.filter(name="TV").exists()


def test_the_screen_speaks_the_display_links_language_not_its_browsers(client, lobby, make_story):
    feature(make_story(headline="Zimmer 412"))
    response = client.get(f"/slideshow/d/{lobby.token}/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in response.text
    slides = client.get(f"/slideshow/d/{lobby.token}/slides.json", HTTP_ACCEPT_LANGUAGE="es")
    assert slides.status_code == 200


def test_changing_a_screens_language_changes_its_slides_etag(client, lobby, make_story):
    feature(make_story(headline="Zimmer 412"))
    url = f"/slideshow/d/{lobby.token}/slides.json"
    before = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 304
    DisplayLink.objects.filter(pk=lobby.pk).update(language="de")
    after = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_a_screen_without_a_language_speaks_the_sites(client, manager, make_story, settings):
    link = services.display_link_create(name="Hall", query="", by=manager)
    assert client.get(f"/slideshow/d/{link.token}/", HTTP_ACCEPT_LANGUAGE="nl").headers["Content-Language"] == "en"


def test_what_people_write_keeps_its_own_direction_on_a_right_to_left_page(client, employee, make_story):
    """An English story on an Arabic page (or an Arabic one on an English page)
    is laid out in its own direction: `dir="auto"` on headlines, stories, quotes."""
    from stories.models import Profile

    win = make_story(headline="Ring found", quote="Thank you!", quote_by="A guest", customer_consent=True)
    Profile.objects.update_or_create(user=employee, defaults={"language": "ar"})
    client.force_login(employee)
    feed, detail = client.get("/").text, client.get(f"/wins/{win.pk}/").text
    assert '<html lang="ar" dir="rtl">' in feed
    assert f'dir="auto" id="story-{win.pk}-title"' in feed and 'class="card-text" dir="auto"' in feed
    assert 'dir="auto" id="story-title"' in detail and 'class="story-body fs-5" dir="auto"' in detail


def test_what_people_type_keeps_its_own_direction_in_the_forms(client, employee, story):
    client.force_login(employee)
    form, detail = client.get("/wins/new/").text, client.get(f"/wins/{story.pk}/").text
    for name in ("headline", "body", "quote"):
        field = form.split(f'name="{name}"')[0].rsplit("<", 1)[1] + form.split(f'name="{name}"')[1].split(">", 1)[0]
        assert 'dir="auto"' in field, name
    comment = detail.split('name="body"')[0].rsplit("<", 1)[1] + detail.split('name="body"')[1].split(">", 1)[0]
    assert 'dir="auto"' in comment


def test_arabic_dates_and_times_read_as_arabic_writes_them():
    from datetime import datetime

    from django.utils import formats, translation

    moment = datetime(2026, 11, 7, 15, 31)
    with translation.override("ar"):
        written = formats.date_format(moment, "DATETIME_FORMAT")
    assert written.startswith("7 ") and "2026، 3:31" in written and "," not in written
    with translation.override("en"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "7 Nov 2026, 15:31"
