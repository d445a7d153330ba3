"""Managers rename and merge tags in the app (/manage/tags/edit/): every tag
with its win count in a fixed number of queries; a rename keeps the tag's
links; a merge moves every win (once) and deletes the old tag; the cards,
search and display links follow. Migration 0012 merges the tags that the
new matching rule makes duplicates."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from stories import services
from stories.lib.search import parse
from stories.models import DisplayLink, Story, Tag
from tests.helpers.cards import card_versions, changed_cards
from tests.helpers.people import client_for
from tests.helpers.queries import query_count

pytestmark = pytest.mark.django_db

PAGE = "/manage/tags/edit/"


def _found(words):
    return set(Story.objects.search(parse(words)).values_list("pk", flat=True))


def rename(client, tag, name):
    return client.post(reverse("tag_rename", args=[tag.pk]), {"name": name})


def merge(client, tag, into, *, confirm=True):
    return client.post(reverse("tag_merge", args=[tag.pk]), {"into": into, **({"confirm": "yes"} if confirm else {})})


@pytest.fixture
def tagged(make_story, manager):
    """Two tags meaning the same ("Small touches", "Small steps" — typed
    differently enough to be two tags), a third, and wins: one with both."""
    names = ("touches", "steps", "both", "other")
    wins = {name: make_story(headline=f"Win number {number}") for number, name in enumerate(names)}
    touches = services.tag_add(story=wins["touches"], name="Small touches", by=manager)
    steps = services.tag_add(story=wins["steps"], name="Small steps", by=manager)
    for tag in (touches, steps):
        services.tag_add(story=wins["both"], name=tag.name, by=manager)
    speed = services.tag_add(story=wins["other"], name="Speed", by=manager)
    return {"touches": touches, "steps": steps, "speed": speed, "wins": wins}


# --- the page -----------------------------------------------------------------------


def test_the_page_lists_every_tag_with_its_win_count(manager_client, tagged):
    response = manager_client.get(PAGE)
    assert response.status_code == 200
    text = response.text
    assert text.index("#Small steps") < text.index("#Small touches") < text.index("#Speed")
    assert f'id="tag-{tagged["touches"].pk}"' in text
    assert text.count("2 wins") == 2 and "1 win<" in text
    assert f'href="/?tag={tagged["touches"].slug}"' in text
    assert '<datalist id="tag-names">' in text and 'list="tag-names"' in text


def test_the_page_costs_the_same_few_queries_however_many_tags_and_wins(
    manager_client, make_story, manager, django_assert_max_num_queries
):
    story = make_story()
    services.tag_add(story=story, name="First", by=manager)
    few = query_count(manager_client, PAGE)
    for number in range(30):
        win = make_story(headline=f"Win {number}")
        for name in (f"Tag {number}", "First", f"Also {number % 5}"):
            services.tag_add(story=win, name=name, by=manager)
    assert Tag.objects.count() == 36
    assert query_count(manager_client, PAGE) == few
    with django_assert_max_num_queries(4):  # session, user, its groups' permission, the tags with their counts
        manager_client.get(PAGE)


def test_the_managers_menu_links_the_page_and_employees_see_no_link(manager, employee):
    menu = " ".join(client_for(manager).get("/").text.split())
    assert f'href="{PAGE}" >Tags</a>' in menu or f'href="{PAGE}">Tags</a>' in menu
    assert f'href="{PAGE}">Rename and merge tags</a>' in client_for(manager).get("/manage/").text
    assert PAGE not in client_for(employee).get("/").text


def test_reading_the_page_writes_nothing(manager_client, tagged):
    before = list(Tag.objects.values_list("pk", "name", "key", "slug"))
    versions = card_versions()
    manager_client.get(PAGE)
    assert list(Tag.objects.values_list("pk", "name", "key", "slug")) == before
    assert changed_cards(versions) == set()


# --- who may ------------------------------------------------------------------------


def test_employees_get_403_and_change_nothing(employee_client, tagged):
    touches, steps = tagged["touches"], tagged["steps"]
    assert employee_client.get(PAGE).status_code == 403
    assert rename(employee_client, touches, "Tiny touches").status_code == 403
    assert merge(employee_client, steps, "Small touches").status_code == 403
    assert set(Tag.objects.values_list("name", flat=True)) == {"Small touches", "Small steps", "Speed"}


def test_signed_out_people_are_sent_to_sign_in_and_change_nothing(client, tagged):
    for response in (rename(client, tagged["touches"], "Tiny touches"), merge(client, tagged["steps"], "Speed")):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Tag.objects.count() == 3 and Tag.objects.filter(name="Small touches").exists()


def test_renaming_and_merging_are_posts_only(manager_client, tagged):
    touches = tagged["touches"]
    assert manager_client.get(reverse("tag_rename", args=[touches.pk]), {"name": "X"}).status_code == 405
    assert manager_client.get(reverse("tag_merge", args=[touches.pk]), {"into": "Speed"}).status_code == 405
    assert Tag.objects.filter(name="Small touches").exists()


def test_a_post_without_its_csrf_token_is_refused(manager, tagged):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert rename(client, tagged["touches"], "Tiny touches").status_code == 403
    assert merge(client, tagged["steps"], "Small touches").status_code == 403
    assert Tag.objects.count() == 3


def test_an_unknown_tag_is_404(manager_client, tagged):
    assert manager_client.post(reverse("tag_rename", args=[999_999]), {"name": "X"}).status_code == 404
    assert manager_client.post(reverse("tag_merge", args=[999_999]), {"into": "Speed"}).status_code == 404


# --- rename -------------------------------------------------------------------------


def test_a_manager_renames_a_tag_its_wins_cards_and_search_follow(manager_client, tagged):
    touches, wins = tagged["touches"], tagged["wins"]
    versions = card_versions()
    response = rename(manager_client, touches, "  kind   gestures ")
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#tag-{touches.pk}"
    touches.refresh_from_db()
    assert (touches.name, touches.slug) == ("Kind gestures", "small-touches")  # tidied; its links keep working
    assert changed_cards(versions) == {wins["touches"].pk, wins["both"].pk}
    assert _found("gestures") == {wins["touches"].pk, wins["both"].pk}
    assert "Renamed “Small touches” to “Kind gestures” on 2 wins." in manager_client.get(PAGE).text


def test_a_rename_that_only_changes_case_is_the_same_tag(manager_client, tagged):
    touches = tagged["touches"]
    assert rename(manager_client, touches, "Small Touches").status_code == 302
    touches.refresh_from_db()
    assert touches.name == "Small Touches" and Tag.objects.count() == 3


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type the tag&#x27;s new name."),
        ("  #  ", "Type a tag name"),
        ("x" * 51, "Keep tag names to 50 characters (this one has 51)."),
        ("x" * 201, "That name is too long."),
        ("speed", "There is already a tag “Speed”. Merge “Small touches” into it instead."),
        ("#small-steps", "There is already a tag “Small steps”."),
        ("bad\x00name", "Null characters are not allowed."),
    ],
)
def test_a_bad_rename_is_refused_beside_the_field_and_changes_nothing(manager_client, tagged, typed, message):
    touches = tagged["touches"]
    versions = card_versions()
    response = rename(manager_client, touches, typed)
    assert response.status_code == 400
    assert message in response.text
    assert f'aria-describedby="rename-{touches.pk}-error"' in response.text
    touches.refresh_from_db()
    assert touches.name == "Small touches"
    assert changed_cards(versions) == set()


# --- merge --------------------------------------------------------------------------


def test_merging_asks_first_and_changes_nothing_until_confirmed(manager_client, tagged):
    response = merge(manager_client, tagged["steps"], "small-touches", confirm=False)
    assert response.status_code == 200
    assert "Merge #Small steps into #Small touches?" in response.text
    assert "Its 2 wins will be tagged #Small touches instead" in response.text
    assert '<input type="hidden" name="into" value="Small touches">' in response.text
    assert Tag.objects.filter(pk=tagged["steps"].pk).exists()


def test_a_manager_merges_a_tag_every_win_moves_once_and_the_old_tag_is_gone(manager_client, tagged):
    touches, steps, wins = tagged["touches"], tagged["steps"], tagged["wins"]
    versions = card_versions()
    response = merge(manager_client, steps, "#small_touches")
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#tag-{touches.pk}"
    assert not Tag.objects.filter(pk=steps.pk).exists()
    assert set(touches.stories.values_list("pk", flat=True)) == {wins["touches"].pk, wins["steps"].pk, wins["both"].pk}
    assert list(wins["both"].tags.all()) == [touches]  # once, though it had both
    assert Story.tags.through.objects.filter(tag=touches).count() == 3
    assert changed_cards(versions) == {wins["steps"].pk, wins["both"].pk}
    assert wins["steps"].pk in _found("touches") and wins["steps"].pk not in _found("steps")
    page = manager_client.get(PAGE).text
    assert "Merged “Small steps” into “Small touches”: 2 wins moved." in page
    assert "#Small steps" not in page and "3 wins" in page


def test_a_merged_tags_display_links_play_the_tag_it_was_merged_into(manager, tagged):
    steps, touches = tagged["steps"], tagged["touches"]
    playing = services.display_link_create(name="Lobby", query=f"tag={steps.slug}&seconds=20", by=manager)
    other = services.display_link_create(name="Café", query=f"tag={tagged['speed'].slug}", by=manager)
    services.tag_merge(tag=steps, into=touches, by=manager)
    assert DisplayLink.objects.get(pk=playing.pk).query == f"tag={touches.slug}&seconds=20"
    assert DisplayLink.objects.get(pk=other.pk).query == f"tag={tagged['speed'].slug}"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type the tag to merge into."),
        ("SMALL-STEPS", "Pick another tag to merge “Small steps” into: that is the tag itself."),
        ("Nothing like it", "There is no tag “Nothing like it”."),
        ("x" * 201, "That name is too long."),
        ("bad\x00name", "Null characters are not allowed."),
    ],
)
def test_a_bad_merge_is_refused_beside_the_field_and_changes_nothing(manager_client, tagged, typed, message):
    steps = tagged["steps"]
    for confirm in (False, True):
        response = merge(manager_client, steps, typed, confirm=confirm)
        assert response.status_code == 400
        assert message in response.text
        assert f'aria-describedby="merge-{steps.pk}-error"' in response.text
    assert Tag.objects.filter(pk=steps.pk).exists() and steps.stories.count() == 2


def test_the_merge_service_refuses_a_tag_into_itself_or_one_gone(manager, tagged):
    from stories.lib.curation import CurationError

    steps, touches = tagged["steps"], tagged["touches"]
    with pytest.raises(CurationError, match="that is the tag itself"):
        services.tag_merge(tag=steps, into=steps, by=manager)
    gone = Tag.objects.get(pk=touches.pk)
    Tag.objects.filter(pk=touches.pk).delete()
    with pytest.raises(CurationError, match="gone already"):
        services.tag_merge(tag=steps, into=gone, by=manager)
    assert steps.stories.count() == 2


def test_a_confirmed_merge_of_a_tag_merged_meanwhile_says_so(manager_client, tagged, manager):
    steps, touches = tagged["steps"], tagged["touches"]
    services.tag_merge(tag=Tag.objects.get(pk=touches.pk), into=tagged["speed"], by=manager)
    response = merge(manager_client, steps, "Small touches")
    assert response.status_code == 400  # "Small touches" is no more
    assert "There is no tag “Small touches”." in response.text
    assert client_for(manager).post(reverse("tag_merge", args=[touches.pk]), {"into": "Speed"}).status_code == 404


# --- migration 0012: keys computed, duplicates merged ---------------------------------


def _as_before_the_migration(tag, name):
    """`tag` called `name` with the key it had before keys were computed
    (a queryset update skips Tag.save, which would compute it)."""
    Tag.objects.filter(pk=tag.pk).update(name=name, key=f"unset-{tag.pk}")


def test_the_migration_merges_tags_that_now_match_keeping_the_tidy_one(make_story, manager):
    migration = importlib.import_module("stories.migrations.0012_tag_keys")
    wins = [make_story(headline=f"Win {number}") for number in range(5)]
    raw = services.tag_add(story=wins[0], name="Placeholder one", by=manager)  # the oldest
    tidy = services.tag_add(story=wins[1], name="Small touches", by=manager)
    accented = services.tag_add(story=wins[2], name="Placeholder two", by=manager)
    lone = services.tag_add(story=wins[3], name="Kindness", by=manager)
    wins[4].tags.add(raw, tidy)  # a win with two of them
    _as_before_the_migration(raw, "small-touches")
    _as_before_the_migration(accented, "#Smäll Touches")
    _as_before_the_migration(lone, "Kindness")
    versions = card_versions()

    migration.tags_merge_by_key(apps)

    assert list(Tag.objects.order_by("pk").values_list("pk", "name", "key")) == [
        (tidy.pk, "Small touches", "smalltouches"),
        (lone.pk, "Kindness", "kindness"),
    ]
    assert set(tidy.stories.values_list("pk", flat=True)) == {wins[0].pk, wins[1].pk, wins[2].pk, wins[4].pk}
    assert list(wins[4].tags.all()) == [tidy]  # once
    assert changed_cards(versions) == {wins[0].pk, wins[2].pk, wins[4].pk}  # the wins whose tag changed


def test_the_migration_keeps_the_oldest_when_no_name_is_tidy(make_story, manager):
    migration = importlib.import_module("stories.migrations.0012_tag_keys")
    older = services.tag_add(story=make_story(), name="One", by=manager)
    newer = services.tag_add(story=make_story(), name="Two", by=manager)
    _as_before_the_migration(older, "guest-recovery")
    _as_before_the_migration(newer, "guest_recovery")
    migration.tags_merge_by_key(apps)
    assert list(Tag.objects.values_list("pk", "name", "key")) == [(older.pk, "guest-recovery", "guestrecovery")]
    assert older.stories.count() == 2
