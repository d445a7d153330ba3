"""Hiding a win: gone for everyone but its author (who sees it marked, with
the reason) and managers — in every list, by direct URL, on the wall and in
the slideshow — and back when unhidden."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from stories import services
from stories.lib.media import new_name
from stories.models import Photo, Story
from tests.helpers.people import client_for, linked_name

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar"  # a word only the hidden win contains


@pytest.fixture
def hidden_win(make_story, employee, other_employee, manager):
    """Erin's win crediting Oscar too, with a photo: tagged, featured, then hidden."""
    story = make_story(headline=f"The {SECRET} upgrade", heroes=[employee, other_employee])
    large, card = new_name("photos", "webp"), new_name("photos", "webp")
    for name in (large, card):
        default_storage.save(name, ContentFile(b"RIFF0000WEBP"))
    Photo.objects.create(story=story, alt_text="The suite", large=large, card=card)
    services.tag_add(story=story, name="Kindness", by=manager)
    services.story_feature(story=story, by=manager, note="So kind")
    make_story(headline="A visible win")  # so no list is empty by accident
    services.story_hide(story=story, by=manager, reason="The customer asked us not to share it")
    return Story.objects.get(pk=story.pk)


def test_a_hidden_win_is_absent_everywhere_for_everyone_else(hidden_win, django_user_model, manager):
    """Every place a win can show up, for a colleague who did not write it —
    a third employee, and Oscar, who is credited on it."""
    third = django_user_model.objects.create_user(username="tess", password="x")
    for user in [third, hidden_win.heroes.get(username="oscar")]:
        client = client_for(user)
        places = {
            "feed": client.get("/"),
            "feed search": client.get("/", {"q": SECRET}),
            "feed tag filter": client.get("/", {"tag": "kindness"}),
            "featured wall": client.get("/featured/"),
            "featured wall tag filter": client.get("/featured/", {"tag": "kindness"}),
            "author's people page": client.get("/people/erin/"),
            "hero's people page": client.get("/people/oscar/"),
            "slideshow deck JSON": client.get(reverse("slideshow_slides")),
        }
        for place, response in places.items():
            assert response.status_code == 200, place
            content = response.content.decode()
            for trace in [hidden_win.headline, f"/wins/{hidden_win.pk}/", "So kind"]:
                assert trace not in content, f"the hidden win leaks on the {place} for {user}"
        assert "A visible win" in places["feed"].text
        assert client.get(hidden_win.get_absolute_url()).status_code == 404
        assert client.get(reverse("story_edit", args=[hidden_win.pk])).status_code == 404
        for photo_file in photo_urls(hidden_win):  # its media, even with the unguessable name known
            assert client.get(photo_file).status_code == 404
    # the slideshow plays Story.objects.featured(): it is not there
    assert not Story.objects.featured().filter(pk=hidden_win.pk).exists()
    assert not Story.objects.published().filter(pk=hidden_win.pk).exists()
    # people pages count only what others may see
    assert "1 win credited" in client_for(manager).get("/people/erin/").text


def photo_urls(story):
    photo = story.photos.get()
    return [photo.large.url, photo.card.url]


def test_the_author_still_sees_their_hidden_win_marked_with_the_reason(hidden_win, employee):
    client = client_for(employee)
    for photo_file in photo_urls(hidden_win):
        assert client.get(photo_file).status_code == 200
    detail = client.get(hidden_win.get_absolute_url())
    assert detail.status_code == 200
    assert "<strong>Hidden by a manager.</strong>" in detail.text
    assert "Reason: The customer asked us not to share it" in detail.text
    own_page = client.get("/people/erin/")
    assert SECRET in own_page.text
    assert '<span class="badge text-bg-danger">Hidden</span>' in own_page.text
    assert "Reason: The customer asked us not to share it" in own_page.text
    assert SECRET not in client.get("/").text  # the feed stays everyone's feed


def test_managers_find_hidden_wins_in_the_queue_and_unhide_them(hidden_win, manager, employee):
    client = client_for(manager)
    hidden_list = client.get("/manage/", {"show": "hidden"})
    assert SECRET in hidden_list.text
    assert "The customer asked us not to share it" in hidden_list.text
    assert "Hidden by " + linked_name(manager, "Mona Manager") in hidden_list.text
    assert hidden_list.context["counts"]["hidden"] == 1
    assert SECRET not in client.get("/manage/").text  # hiding it reviewed it
    response = client.post(reverse("curate_unhide", args=[hidden_win.pk]), {"next": "/manage/?show=hidden"})
    assert response["Location"] == "/manage/?show=hidden"
    hidden_win.refresh_from_db()
    assert (hidden_win.hidden_at, hidden_win.hidden_by, hidden_win.hidden_reason) == (None, None, "")
    assert SECRET in client_for(employee).get("/").text
    assert hidden_win.featured_at is None  # unhiding does not put it back on the wall


def test_hiding_needs_a_reason(manager_client, story):
    for reason in ["", "   ", "\u200b"]:
        response = manager_client.post(reverse("curate_hide", args=[story.pk]), {"reason": reason})
        assert response.status_code == 400
        assert "Give a reason for hiding this win" in response.text
    too_long = manager_client.post(reverse("curate_hide", args=[story.pk]), {"reason": "x" * 301})
    assert too_long.status_code == 400
    assert "Keep the reason to 300 characters (it has 301)." in too_long.text
    assert not Story.objects.filter(hidden_at__isnull=False).exists()


def test_a_refused_hide_offers_the_form_again_with_what_was_typed(manager_client, story):
    response = manager_client.post(
        reverse("curate_hide", args=[story.pk]), {"reason": "y" * 400, "next": "/?q=x", "panel": "card"}
    )
    assert response.status_code == 400
    assert "y" * 400 in response.text
    assert 'name="next" value="/?q=x"' in response.text
    assert f'action="/wins/{story.pk}/hide/"' in response.text


def test_hiding_in_place_shows_the_card_marked_hidden_with_an_unhide_button(manager_client, story):
    response = manager_client.post(
        reverse("curate_hide", args=[story.pk]),
        {"reason": "Duplicate of another win", "panel": "card", "next": "/"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert '<span class="badge text-bg-danger">Hidden</span>' in response.text
    assert "Duplicate of another win" in response.text
    assert f'id="hide-toggle-{story.pk}"' in response.text and "Unhide" in response.text
    assert "is hidden. Only its author (with the reason) and managers see it." in response.text


def test_the_hidden_reason_is_escaped(manager_client, story, employee):
    manager_client.post(reverse("curate_hide", args=[story.pk]), {"reason": "<b>rude</b>"})
    client = client_for(employee)
    text = client.get(story.get_absolute_url()).text + client.get("/people/erin/").text
    assert "<b>rude</b>" not in text
    assert "&lt;b&gt;rude&lt;/b&gt;" in text
