"""Cached cards (stories.views.cards): every change a card shows moves its
win's card version — exactly its card, no other — so a page served from the
cache is the page rendered afresh; and no viewer ever sees another viewer's
part of a card (their cheer, curation controls, CSRF token, address)."""

import pickle
import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils.html import escape

from stories import services
from stories.models import Comment, Story, Tag, Team, Video
from stories.services.wins import STORY_FIELDS
from tests.helpers.cards import card_of, card_versions, changed_cards, per_request_free, rendered_afresh
from tests.helpers.media_files import jpeg, upload
from tests.helpers.people import admin_save, client_for, make_user
from tests.helpers.slideshow import add_photo, add_upload_video, feature

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model, employee, manager):
    """The author (employee), a hero, a colleague who cheers, a reader, a manager."""
    return {
        "author": employee,
        "hero": make_user(django_user_model, "hero", first="Hana", last="Hero"),
        "fan": make_user(django_user_model, "fan", first="Fred", last="Fan"),
        "reader": make_user(django_user_model, "reader", first="Rita", last="Reader"),
        "manager": manager,
    }


@pytest.fixture
def wins(make_story, people, django_user_model):
    """The win whose changes are tried (its own team, tag, hero, photo, video
    being processed, a cheer and a comment), and two others beside it on
    the feed and the wall."""
    own_team, other_team = Team.objects.create(name="Concierge"), Team.objects.create(name="Front desk")
    bystander = make_user(django_user_model, "bystander", first="Bo")
    target = make_story(headline="The target win", heroes=[people["hero"]], team=own_team)
    others = [
        make_story(headline=f"Another win {index}", heroes=[bystander], team=other_team, author=bystander)
        for index in range(2)
    ]
    services.tag_add(story=target, name="Kindness", by=people["manager"])
    services.tag_add(story=others[0], name="Speed", by=people["manager"])
    for story in [target, *others]:
        feature(story)
    add_photo(target)
    add_upload_video(target, status=Video.Status.PROCESSING)
    services.cheer_set(story=target, user=people["fan"], on=True)
    services.comment_create(story=target, author=people["reader"], body="Lovely!")
    target.refresh_from_db()
    return target, others


def _edit(target, people):
    fields = {name: getattr(target, name) for name in STORY_FIELDS if name != "team"}
    services.story_update(
        story=target, heroes=[people["hero"]], by=people["manager"], team=target.team, **{**fields, "headline": "New!"}
    )


def _rename_in_settings(person):
    def change(target, people):
        client_for(people[person]).post("/settings/", {"display_name": "Someone New", "team": ""})

    return change


def _admin(url_of, **changes):
    def change(target, people):
        superuser = type(people["author"]).objects.create_superuser("root", "root@example.com", "pw")
        response = admin_save(client_for(superuser), url_of(target, people), **changes)
        assert response.status_code == 302, (
            f"the admin refused the change: {response.context and response.context.get('errors')}"
        )

    return change


CHANGES = {
    "an edit": _edit,
    "a photo removed": lambda target, people: services.photo_delete(photo=target.photos.get()),
    "its video refused": lambda target, people: services.video_reject(video=target.video, reason="Damaged"),
    "its video removed": lambda target, people: services.video_delete(video=target.video),
    "a tag added": lambda target, people: services.tag_add(story=target, name="Calm", by=people["manager"]),
    "a tag removed": lambda target, people: services.tag_remove(story=target, tag=Tag.objects.get(name="Kindness")),
    "a feature note": lambda target, people: services.story_feature(story=target, by=people["manager"], note="Yes!"),
    "unfeatured": lambda target, people: services.story_unfeature(story=target, by=people["manager"]),
    "hidden": lambda target, people: services.story_hide(story=target, by=people["manager"], reason="Names a guest"),
    "marked reviewed": lambda target, people: services.stories_mark_reviewed(
        stories=Story.objects.filter(pk=target.pk), by=people["manager"]
    ),
    "cheered": lambda target, people: services.cheer_set(story=target, user=people["reader"], on=True),
    "a cheer taken back": lambda target, people: services.cheer_set(story=target, user=people["fan"], on=False),
    "commented on": lambda target, people: services.comment_create(story=target, author=people["fan"], body="Yes"),
    "a comment deleted": lambda target, people: services.comment_delete(
        comment=Comment.objects.get(story=target), by=people["reader"]
    ),
    "a comment hidden": lambda target, people: services.comment_hide(
        comment=Comment.objects.get(story=target), by=people["manager"], reason="Off topic"
    ),
    "its hero renamed": _rename_in_settings("hero"),
    "its author renamed": _rename_in_settings("author"),
    "its hero's photo": lambda target, people: client_for(people["hero"]).post(
        "/settings/", {"display_name": "", "team": "", "photo": upload("me.jpg", jpeg(120, 90))}
    ),
    "its team renamed in the admin": _admin(
        lambda target, people: f"/admin/stories/team/{target.team_id}/change/", name="Guest care"
    ),
    "its tag renamed in the admin": _admin(
        lambda target, people: f"/admin/stories/tag/{Tag.objects.get(name='Kindness').pk}/change/", name="Care"
    ),
    "a cheerer's first name in the admin": _admin(
        lambda target, people: f"/admin/auth/user/{people['fan'].pk}/change/", first_name="Frederica"
    ),
    "its headline in the admin": _admin(
        lambda target, people: f"/admin/stories/story/{target.pk}/change/", headline="Edited by an admin"
    ),
}
PAGES = ["/", "/featured/", "/people/hero/"]
MANAGER_PAGES = [*PAGES, "/manage/", "/manage/?show=hidden"]


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_renews_exactly_its_card_and_every_list_then_shows_it(change, wins, people):
    target, others = wins
    readers = {"reader": client_for(people["reader"]), "manager": client_for(people["manager"])}
    for name, client in readers.items():
        for url in MANAGER_PAGES if name == "manager" else PAGES:
            assert client.get(url).status_code == 200  # every card in the cache, for both kinds of viewer
    before = card_versions()

    change(target, people)

    assert changed_cards(before) == {target.pk}
    served = {
        (name, url): per_request_free(client.get(url).text)
        for name, client in readers.items()
        for url in (MANAGER_PAGES if name == "manager" else PAGES)
    }  # every page from the cache first, then each rendered afresh
    for (name, url), html in served.items():
        assert html == rendered_afresh(readers[name], url), f"{url} as the {name} shows an old card"


def test_what_a_change_shows_reaches_the_cached_card(wins, people):
    target, _ = wins
    reader = client_for(people["reader"])
    assert "The target win" in card_of(reader.get("/").text, target)
    _edit(target, people)
    card = card_of(reader.get("/").text, target)
    assert "New!" in card and "The target win" not in card


def test_pinning_renews_the_card_it_pins_and_the_card_it_unpins(wins, people):
    target, others = wins
    services.story_pin(story=others[0])
    manager = client_for(people["manager"])
    manager.get("/featured/")
    before = card_versions()
    services.story_pin(story=target)
    assert changed_cards(before) == {target.pk, others[0].pk}
    assert per_request_free(manager.get("/featured/").text) == rendered_afresh(manager, "/featured/")


def test_a_deleted_win_leaves_the_lists_and_no_other_card_changes(wins, people):
    target, _ = wins
    reader = client_for(people["reader"])
    reader.get("/")
    before = card_versions()
    services.story_delete(story=target)
    assert changed_cards(before) == set()  # only the deleted one, whose version went with it
    page = reader.get("/").text
    assert "The target win" not in page
    assert per_request_free(page) == rendered_afresh(reader, "/")


def test_reading_lists_moves_no_card_version(wins, people):
    before = card_versions()
    for client, pages in ((client_for(people["reader"]), PAGES), (client_for(people["manager"]), MANAGER_PAGES)):
        for url in pages:
            assert client.get(url).status_code == 200
    assert changed_cards(before) == set()


def test_a_cached_card_is_reused_not_rendered_again(wins, people, django_assert_max_num_queries):
    reader = client_for(people["reader"])
    reader.get("/")
    with django_assert_max_num_queries(3):  # session, user, the page's card keys: no card rendered
        reader.get("/")


def test_a_change_to_what_every_card_shows_in_settings_renews_them(wins, people, settings):
    manager = client_for(people["manager"])
    manager.get("/manage/")
    settings.WINSBOARD_CURRENCY = "EUR"
    assert per_request_free(manager.get("/manage/").text) == rendered_afresh(manager, "/manage/")


# --- no viewer sees another's part of a card -----------------------------------


def _cheer_button(html, story):
    card = card_of(html, story)
    match = re.search(r'id="cheer-button-\d+"\s+aria-pressed="(true|false)"', card)
    return match and match.group(1)


def test_each_viewer_sees_their_own_cheer_on_the_same_cached_card(wins, people):
    target, _ = wins
    fan, reader = client_for(people["fan"]), client_for(people["reader"])
    hero, author = client_for(people["hero"]), client_for(people["author"])
    for turn in range(2):  # first rendered, then from the cache, in both orders
        clients = [fan, reader, hero, author] if turn == 0 else [author, hero, reader, fan]
        pages = {client: client.get("/").text for client in clients}
        assert _cheer_button(pages[fan], target) == "true"
        assert _cheer_button(pages[reader], target) == "false"
        assert _cheer_button(pages[hero], target) is None  # the people it credits don't cheer themselves
        assert _cheer_button(pages[author], target) is None


def test_an_employee_never_gets_the_curation_controls_a_manager_warmed(wins, people):
    target, _ = wins
    manager, reader = client_for(people["manager"]), client_for(people["reader"])
    for url in PAGES[:3]:
        assert "curation-bar" in card_of(manager.get(url).text, target, kind="wall" if "featured" in url else "story")
        page = reader.get(url).text
        assert "curation-bar" not in page and 'name="reason"' not in page
        assert per_request_free(page) == rendered_afresh(reader, url)
        reader.get(url)
        assert "curation-bar" in card_of(manager.get(url).text, target, kind="wall" if "featured" in url else "story")


def test_a_cached_card_carries_the_viewers_own_csrf_token(wins, people):
    """Each viewer's card forms work with their own session only: the token
    in a card is the page's, never the one the card was first rendered with."""
    target, _ = wins
    fan, reader = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    fan.force_login(people["fan"])
    reader.force_login(people["reader"])
    token = {}
    for name, client in (("fan", fan), ("reader", reader)):
        card = card_of(client.get("/").text, target)
        token[name] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card).group(1)
    refused = reader.post(f"/wins/{target.pk}/cheer/", {"cheer": "1", "csrfmiddlewaretoken": token["fan"]})
    assert refused.status_code == 403
    sent = reader.post(f"/wins/{target.pk}/cheer/", {"cheer": "1", "csrfmiddlewaretoken": token["reader"]})
    assert sent.status_code == 302
    assert services.cheer_set(story=target, user=people["reader"], on=True) == 2  # the fan's and the reader's


def test_a_cards_forms_send_back_to_the_address_of_the_page_they_are_on(wins, people):
    target, _ = wins
    reader = client_for(people["reader"])
    reader.get("/")
    response = reader.get('/?from="><script>alert(1)</script>')
    card = card_of(response.text, target)
    assert "<script>alert(1)</script>" not in card
    next_value = re.search(r'name="next" value="([^"]*)"', card).group(1)
    assert next_value == escape(response.wsgi_request.get_full_path()) and "from=" in next_value
    card = card_of(reader.get("/").text, target)
    assert re.search(r'name="next" value="([^"]*)"', card).group(1) == "/"


def test_the_card_cache_holds_no_token_or_address_of_anyone(wins, people):
    target, _ = wins
    reader = client_for(people["reader"])
    page = reader.get("/?q=target")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card_of(page.text, target)).group(1)
    stored = [pickle.loads(value) for value in caches["cards"]._cache.values()]  # noqa: S301 - our own cache
    assert any(f'aria-labelledby="story-{target.pk}-title"' in html for html in stored), "the card was not cached"
    for html in stored:
        assert token not in html and "q=target" not in html


def test_a_card_cache_that_fails_leaves_the_page_whole(wins, people, monkeypatch):
    """Redis down: every card is rendered, nothing is stored, the page is as ever."""
    reader = client_for(people["reader"])
    expected = rendered_afresh(reader, "/")

    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(caches["cards"], "get_many", broken)
    monkeypatch.setattr(caches["cards"], "set_many", broken)
    response = reader.get("/")
    assert response.status_code == 200
    assert per_request_free(response.text) == expected
