"""Cached cards (stories.views.cards): every change a card shows moves its
win's card version — exactly its card, no other — so a page served from the
cache is the page rendered afresh; and no viewer ever sees another viewer's
part of a card (their cheer, curation controls, CSRF token, address)."""

import pickle
import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils.html import escape

from stories import services
from stories.lib.search import parse
from stories.models import POSTED_FIELDS as STORY_FIELDS
from stories.models import Comment, Story, Tag, Team, Video
from stories.services.versions import version_of
from tests.helpers.awards import category, nominate_choose_announce
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


def _award(target, people):
    nominate_choose_announce(target, nominator=people["reader"], manager=people["manager"])


def _award_renamed(target, people):
    _award(target, people)
    creative = category()
    services.award_category_save(
        category=creative, name="Most inventive idea", description="", period="month", active=True, by=None
    )


CHANGES = {
    "an edit": _edit,
    "an award announced": _award,
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
PAGES = ["/", "/featured/", "/people/hero/", "/people/"]
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


def _cheer_line(html, story):
    return " ".join(card_of(html, story).split("data-cheer-summary>")[1].split("</span>")[0].split())


def test_a_cached_card_says_you_cheered_only_to_the_one_who_did(wins, people, django_user_model):
    target, _ = wins
    second = make_user(django_user_model, "second", first="Sol")
    services.cheer_set(story=target, user=second, on=True)
    for index in range(3):  # the fan's cheer is no longer among the latest names
        services.cheer_set(
            story=target, user=make_user(django_user_model, f"late{index}", first=f"Late{index}"), on=True
        )
    fan, sol, reader = client_for(people["fan"]), client_for(second), client_for(people["reader"])
    for turn in range(2):  # first rendered, then from the cache, in both orders
        clients = [fan, sol, reader] if turn == 0 else [reader, sol, fan]
        pages = {client: client.get("/").text for client in clients}
        assert _cheer_line(pages[fan], target) == "You, Late2 and 3 others cheered"
        assert _cheer_line(pages[sol], target) == "You, Late2 and 3 others cheered"
        assert _cheer_line(pages[reader], target) == "Late2, Late1 and 3 others cheered"


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
    stored = [value for value in stored if isinstance(value, str)]  # cards (not the searches' budget counter)
    assert any(f'aria-labelledby="story-{target.pk}-title"' in html for html in stored), "the card was not cached"
    for html in stored:
        assert token not in html and "q=target" not in html


def test_a_searchs_cards_are_kept_minutes_not_a_day_and_for_so_many_searches_a_person(
    wins, people, monkeypatch, settings
):
    """Each search keeps its own marked cards: endless searches must not fill
    the cache with a day of cards each. A list's cards keep the cache's day."""
    from stories.views import cards

    monkeypatch.setattr(cards, "SEARCHES_KEPT_PER_PERSON", 2)
    real, kept = caches["cards"].set_many, []

    def recording(data, *args, **kwargs):
        kept.append((len(data), kwargs.get("timeout")))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(caches["cards"], "set_many", recording)
    reader = client_for(people["reader"])
    assert reader.get("/").status_code == 200
    assert kept == [(3, None)]  # the feed's three cards, for the cache's own day
    for words in ("target", "another", "win", "target win"):
        page = reader.get("/", {"q": words}).text
        assert "<mark>" in page, words  # answered in full, kept or not
    assert kept[1:] == [(1, settings.PAGE_SECONDS), (2, settings.PAGE_SECONDS)]  # two searches, minutes each
    client_for(people["fan"]).get("/", {"q": "win"})
    assert kept[-1] == (3, settings.PAGE_SECONDS)  # another person's budget is their own


def test_with_the_card_cache_off_a_search_counts_nothing_and_warns_of_nothing(wins, people, settings, caplog):
    settings.WINSBOARD_CARD_CACHE = False
    settings.CACHES = {**settings.CACHES, "cards": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    page = client_for(people["reader"]).get("/", {"q": "target"})
    assert "<mark>" in page.text
    assert [record.getMessage() for record in caplog.records if record.levelname == "WARNING"] == []


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


# --- every write path, one call -------------------------------------------------------------
# What a change moves is moved by one call, `services.wins_changed`: the wins'
# version (slides.json, display links), the cards' versions and the search
# index. Below, every service and admin action that changes what a card, a
# slide or a search result shows is walked, and every service is classified:
# a new one fails the classification test until it is walked or known to
# change nothing a win shows.

STORIES = Path(__file__).resolve().parent.parent / "stories"
BY_HAND = ("version_bump(", "cards_changed(", "search_index_refresh(", "search_index_remove(")
OWNERS = {"services/changes.py", "services/versions.py", "services/search.py"}


def _found(words):
    return set(Story.objects.search(parse(words)).values_list("pk", flat=True))


def _wall_move(target, people):
    services.wall_move(story=target, direction="down")


def _tag_rename(target, people):
    services.tag_rename(tag=Tag.objects.get(name="Kindness"), name="Compassion", by=people["manager"])


def _tag_merge(target, people):
    services.tag_merge(tag=Tag.objects.get(name="Kindness"), into=Tag.objects.get(name="Speed"), by=people["manager"])


def _customer_answers(target, people):
    Story.objects.filter(pk=target.pk).update(quote="Lovely", customer_consent=True)
    asked = services.consent_ask(story=Story.objects.get(pk=target.pk), by=people["author"])
    services.consent_answer(request=asked.request, answer="edit", words="They saved our anniversary")


WALK = {  # service or admin action: (the change, moves the target's card?, words that then find it)
    "story_update": (_edit, True, "New"),
    "tag_add": (lambda t, p: services.tag_add(story=t, name="Calmness", by=p["manager"]), True, "calmness"),
    "tag_remove": (CHANGES["a tag removed"], True, None),
    "tag_rename": (_tag_rename, True, "compassion"),
    "tag_merge": (_tag_merge, True, "speed"),
    "story_feature": (CHANGES["a feature note"], True, None),
    "story_unfeature": (CHANGES["unfeatured"], True, None),
    "story_hide": (CHANGES["hidden"], True, None),
    "story_unhide": (
        lambda t, p: (CHANGES["hidden"](t, p), services.story_unhide(story=t, by=p["manager"])),
        True,
        None,
    ),
    "story_resubmit": (
        lambda t, p: (CHANGES["hidden"](t, p), services.story_resubmit(story=t, by=p["author"])),
        True,
        None,
    ),
    "story_approve": (lambda t, p: services.story_approve(story=t, by=p["manager"]), True, None),
    "stories_mark_reviewed": (CHANGES["marked reviewed"], True, None),
    "stories_bulk": (
        lambda t, p: services.stories_bulk(
            action="tag", stories=Story.objects.filter(pk=t.pk), by=p["manager"], tag="Grace"
        ),
        True,
        "grace",
    ),
    "story_pin": (lambda t, p: services.story_pin(story=t), True, None),
    "wall_move": (_wall_move, False, None),
    "wall_reorder": (lambda t, p: services.wall_reorder(ids=[t.pk]), False, None),
    "photo_delete": (CHANGES["a photo removed"], True, None),
    "video_reject": (CHANGES["its video refused"], True, None),
    "video_delete": (CHANGES["its video removed"], True, None),
    "cheer_set": (CHANGES["cheered"], True, None),
    "awards_announce": (_award, True, None),
    "award_category_save": (_award_renamed, True, None),
    "comment_create": (CHANGES["commented on"], True, None),
    "comment_delete": (CHANGES["a comment deleted"], True, None),
    "comment_hide": (CHANGES["a comment hidden"], True, None),
    "profile_update": (
        lambda t, p: services.profile_update(user=p["hero"], display_name="Hanalei", team=None),
        True,
        "Hanalei",
    ),
    "slideshow_mark_shown": (
        lambda t, p: services.slideshow_mark_shown(stories=Story.objects.filter(pk=t.pk)),
        False,
        None,
    ),
    "person_set_active": (lambda t, p: services.person_set_active(user=p["hero"], active=False), True, None),
    "person_edit": (
        lambda t, p: services.person_edit(user=p["hero"], name="Hanalei Hero", team=None),
        True,
        "Hanalei",
    ),
    "consent_answer": (_customer_answers, True, "anniversary"),
    "admin: a team renamed": (CHANGES["its team renamed in the admin"], True, "guest care"),
    "admin: a tag renamed": (CHANGES["its tag renamed in the admin"], True, "care"),
    "admin: a person renamed": (
        _admin(lambda t, p: f"/admin/auth/user/{p['hero'].pk}/change/", first_name="Halcyon"),
        True,
        "Halcyon",
    ),
    "admin: a win edited": (CHANGES["its headline in the admin"], True, "edited admin"),
}
# Services that change nothing a card, a slide or a search result shows (or
# that are walked through another: the *_with_media ones call story_create
# and story_update; video_ready and story_create are walked in their own tests).
CHANGE_NO_WIN = {
    "award_choose",  # chosen, not announced: no card shows it
    "award_remove",
    "nomination_create",  # nominations show on the win's page (the nominator's own) and /manage/awards/ only
    "nomination_withdraw",
    "comment_edit",  # the comment's words show on the win's page only, never cached
    "comment_quota_take",
    "consent_ask",  # asking the customer: the win's page says so, no card, slide or index entry
    "consent_link_issue",
    "consent_addresses_erase",
    "digest_claim",
    "digest_release",
    "display_link_create",
    "display_link_record_use",
    "display_link_rename",
    "display_link_revoke",
    "feed_token_create",
    "feed_token_revoke",
    "notification_emailed",
    "notifications_mark_read",
    "notify_approved",
    "notify_credited",
    "preferences_update",
    "language_choose",  # the reader's language: cards are kept per language (the key says which)
    "search_index_rebuild",
    "share_forget",  # what another app shared: kept for the post form, no win yet
    "share_initial",
    "share_keep",
    "share_of",
    "share_quota_take",
    "inbound_address_renew",  # thank-you e-mails: a draft is no win (posting it is story_create_with_media)
    "inbound_draft_discard",
    "inbound_draft_posted",
    "inbound_drafts_sweep",
    "inbound_receive",
    "recipient_owner",  # a read
    "people_import_plan",  # a preview: reads only
    "invitation_accept",  # a password and the invitation's use: no name, team or win changes
    "invitation_issue",  # invitations: nothing a card shows
    "invitations_issue",
    "invitations_send",
    "version_of",  # reads
    "version_with",
    "versions_of",
    "without_waiting",  # a context for cache writes on reads
    "kept_under_version",  # a read kept in the cache under a version
    "wins_changed",
}
WALKED_ELSEWHERE = {
    "person_add",  # a new person is on no card yet
    "people_import_apply",  # renames, roles and leavers in bulk: tests/test_people_admin_import.py
    "story_create",
    "story_create_with_media",
    "story_update_with_media",
    "story_delete",
    "stories_delete",  # the admin's bulk delete (tests/test_admin_bulk_delete.py)
    "video_ready",
    "videos_delete",  # the admin's bulk delete; video_delete is walked and calls it
}


def test_no_write_path_moves_what_is_derived_by_hand():
    """Only `services.wins_changed` calls the three mechanisms: a new write
    path can't keep one in step and forget another."""
    by_hand = [
        f"{path.relative_to(STORIES)}: {line.strip()}"
        for path in sorted(STORIES.rglob("*.py"))
        if str(path.relative_to(STORIES)) not in OWNERS
        for line in path.read_text().splitlines()
        if any(call in line for call in BY_HAND) and not line.lstrip().startswith(("#", "def "))
    ]
    assert by_hand == []


def test_every_service_is_walked_or_known_to_change_nothing_a_win_shows():
    writes = {name for name in services.__all__ if callable(getattr(services, name)) and name[0].islower()}
    walked = {name for name in WALK if not name.startswith("admin:")}
    assert writes - walked - CHANGE_NO_WIN - WALKED_ELSEWHERE == set(), "walk the new service below, or classify it"
    assert (walked | CHANGE_NO_WIN | WALKED_ELSEWHERE) - writes == set()


@pytest.mark.parametrize("name", WALK.keys())
def test_each_write_path_moves_the_wins_version_the_card_and_the_index(name, wins, people):
    change, moves_card, finds = WALK[name]
    target, _ = wins
    before_cards, before_version = card_versions(), version_of()

    change(target, people)

    assert version_of() != before_version, "slides.json and display links would keep an old deck"
    assert changed_cards(before_cards) >= ({target.pk} if moves_card else set())
    if finds:
        assert target.pk in _found(finds), f"{finds!r} should find the win at once"


def test_a_new_win_and_a_deleted_one_move_the_version_and_the_index(make_story, employee):
    before = version_of()
    story = make_story(headline="Zephyr rescue", author=employee)
    assert version_of() != before and story.pk in _found("zephyr")
    before = version_of()
    services.story_delete(story=story)
    assert version_of() != before and _found("zephyr") == set()


def test_a_tag_deleted_in_the_admin_leaves_the_index_of_its_wins(wins, people):
    target, _ = wins
    assert target.pk in _found("kindness")
    superuser = type(people["author"]).objects.create_superuser("root", "root@example.com", "pw")
    tag = Tag.objects.get(name="Kindness")
    response = client_for(superuser).post(f"/admin/stories/tag/{tag.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert target.pk not in _found("kindness")
