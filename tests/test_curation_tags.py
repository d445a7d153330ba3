"""Tags: names normalised and unique whatever their case, slugs that always
work, clear limits, autocomplete, the feed's tag filter — and adding or
removing one in place (htmx) or by a plain form post."""

import pytest
from django.urls import reverse

from stories import services
from stories.lib import curation as curation_rules
from stories.models import Story, Tag
from tests.helpers.wins import listed

pytestmark = pytest.mark.django_db


def add_tag(client, story, name, headers=None, **extra):
    return client.post(reverse("curate_tag_add", args=[story.pk]), {"name": name, **extra}, headers=headers)


# --- names and slugs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Above   and beyond ", "Above and beyond"),
        ("#Kindness", "Kindness"),
        ("Q3\t2026\ncampaign", "Q3 2026 campaign"),
        ("Zero\u200bwidth", "Zerowidth"),
        ("Cafe\u0301", "Café"),  # decomposed é is stored composed (NFC)
        ("Nul\x00byte", "Nul byte"),
    ],
)
def test_tag_names_are_trimmed_and_spaces_collapsed(story, manager, typed, stored):
    tag = services.tag_add(story=story, name=typed, by=manager)
    assert tag.name == stored
    assert list(story.tags.all()) == [tag]


def test_tag_names_are_unique_whatever_their_case(make_story, manager):
    first, second, third = make_story(), make_story(), make_story()
    tag = services.tag_add(story=first, name="Above and beyond", by=manager)
    assert services.tag_add(story=second, name="above AND Beyond", by=manager) == tag
    assert services.tag_add(story=third, name="  ABOVE and   beyond ", by=manager) == tag
    assert Tag.objects.count() == 1
    assert tag.name == "Above and beyond"  # the first spelling stays


def test_tag_names_are_unique_ignoring_case_beyond_ascii_too(make_story, manager):
    tag = services.tag_add(story=make_story(), name="Ärger über Öl", by=manager)
    assert services.tag_add(story=make_story(), name="ärger ÜBER öl", by=manager) == tag
    assert Tag.objects.count() == 1


def test_look_alike_tag_names_are_one_tag(make_story, manager):
    tag = services.tag_add(story=make_story(), name="Kudos", by=manager)
    for look_alike in ["Ku\u200ddos", "Ku\u034fdos", "Kudos\u3164", "Ｋｕｄｏｓ", "Ku\u2066dos", "Ku\ufe0fdos"]:
        assert services.tag_add(story=make_story(), name=look_alike, by=manager) == tag, repr(look_alike)
    assert Tag.objects.count() == 1
    assert curation_rules.tag_clean_name("Smiles \U0001f60a") == "Smiles \U0001f60a"  # emoji themselves stay


@pytest.mark.parametrize(
    "typed",
    [
        "small-touches",
        "#Small Touches",
        "small_touches",
        "Smäll touches",
        "SMALL TOUCHES",
        "  small   touches ",
        "small—touches",
        "## small touches",
        "Small-Touches",
        "smalltouches",
    ],
)
def test_a_tag_typed_another_way_finds_the_existing_tag(make_story, manager, typed):
    tag = services.tag_add(story=make_story(), name="Small touches", by=manager)
    story = make_story()
    assert services.tag_add(story=story, name=typed, by=manager) == tag
    assert list(Tag.objects.values_list("name", flat=True)) == ["Small touches"]
    assert list(story.tags.all()) == [tag]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("#guest-recovery", "Guest recovery"),
        ("small_touches", "Small touches"),
        ("above and beyond", "Above and beyond"),
        ("Q3-2026", "Q3-2026"),  # a capital: kept as typed, hyphen too
        ("eBay orders", "eBay orders"),
        ("Guest_Recovery", "Guest Recovery"),  # underscores always become spaces
    ],
)
def test_a_new_tag_is_stored_in_its_tidy_form(story, manager, typed, stored):
    assert services.tag_add(story=story, name=typed, by=manager).name == stored


@pytest.mark.parametrize(
    ("first", "second"),
    [("C", "C#"), ("Kindness", "Kindness!"), ("Q3 2026", "Q3 2027"), ("Small touches", "Small touch")],
)
def test_names_that_differ_in_more_than_case_accents_spaces_and_hyphens_are_two_tags(
    make_story, manager, first, second
):
    tag = services.tag_add(story=make_story(), name=first, by=manager)
    assert services.tag_add(story=make_story(), name=second, by=manager) != tag
    assert Tag.objects.count() == 2


def test_the_database_refuses_a_second_tag_with_the_same_name_in_another_case(db):
    from django.db import IntegrityError, transaction

    Tag.objects.create(name="Kindness", slug="kindness")
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="KINDNESS", slug="kindness-2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.bulk_create([Tag(name="#kind-ness", slug="kindness-3")])


@pytest.mark.parametrize(
    ("names", "slugs"),
    [
        (["Above and beyond"], ["above-and-beyond"]),
        (["!!!", "???"], ["tag", "tag-2"]),
        (["日本", "Ωμέγα"], ["tag", "tag-2"]),
        (["Q3 2026", "Q3 2026!", "q3_2026?"], ["q3-2026", "q3-2026-2", "q3-2026-3"]),
        (["Tag", "!!!"], ["tag", "tag-2"]),
    ],
)
def test_every_tag_gets_a_unique_working_slug(make_story, manager, employee_client, names, slugs):
    story = make_story()
    tags = [services.tag_add(story=story, name=name, by=manager) for name in names]
    assert [tag.slug for tag in tags] == slugs
    for tag in tags:  # each slug filters the feed to the win
        response = employee_client.get("/", {"tag": tag.slug})
        assert [s.pk for s in listed(response)] == [story.pk]


def test_a_long_name_gets_a_slug_that_fits(story, manager):
    tag = services.tag_add(story=story, name="x" * 50, by=manager)
    assert len(tag.slug) <= 60
    other = services.tag_add(story=story, name="x" * 49 + "!", by=manager)
    assert other.slug != tag.slug and len(other.slug) <= 60


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a tag name"),
        ("   ", "Type a tag name"),
        ("#", "Type a tag name"),
        ("# - _", "Type a tag name"),
        ("\u200b", "Type a tag name"),
        ("x" * 51, "Keep tag names to 50 characters (this one has 51)."),
    ],
)
def test_a_bad_tag_name_is_refused_with_a_clear_message_and_nothing_saved(manager_client, story, typed, message):
    response = add_tag(manager_client, story, typed)
    assert response.status_code == 400
    assert message in response.text
    assert not Tag.objects.exists()
    assert not story.tags.exists()


def test_a_long_name_with_many_spaces_is_judged_after_collapsing_them(manager_client, story):
    response = add_tag(manager_client, story, "a" + " " * 100 + "b")
    assert response.status_code == 302
    assert story.tags.get().name == "A b"


def test_a_win_has_at_most_12_tags(manager_client, story, manager):
    for number in range(curation_rules.TAGS_PER_WIN_MAX):
        services.tag_add(story=story, name=f"Tag {number}", by=manager)
    response = add_tag(manager_client, story, "One too many")
    assert response.status_code == 400
    assert "A win can have up to 12 tags" in response.text
    assert not Tag.objects.filter(name="One too many").exists()
    # adding a tag it already has is fine
    assert add_tag(manager_client, story, "tag 3").status_code == 302
    assert story.tags.count() == curation_rules.TAGS_PER_WIN_MAX


def test_adding_a_tag_twice_keeps_one(manager_client, story):
    add_tag(manager_client, story, "Kindness")
    add_tag(manager_client, story, "kindness")
    assert list(story.tags.values_list("name", flat=True)) == ["Kindness"]


def test_a_tag_merged_away_while_a_manager_adds_it_is_a_message_not_a_server_error(
    manager_client, story, manager, monkeypatch
):
    """The tag was found, then another manager merged it into another (its
    row is gone) before this one was saved: a 400 saying so, nothing half-saved."""
    going = Tag.objects.create(name="Going", slug="going")
    found = Tag.objects.get(pk=going.pk)
    Tag.objects.filter(pk=going.pk).delete()  # the merge, committed in between
    monkeypatch.setattr(Tag.objects.__class__, "find", lambda self, name: found)
    response = add_tag(manager_client, story, "Going")
    assert response.status_code == 400 and "just merged or removed by another manager" in response.text
    assert story.tags.count() == 0


# --- in the app ------------------------------------------------------------------


def test_a_manager_tags_a_win_and_goes_back_where_they_were(manager_client, story):
    response = add_tag(manager_client, story, "Above and beyond", next="/?kind=fixed")
    assert response.status_code == 302
    assert response["Location"] == "/?kind=fixed"
    page = manager_client.get("/?kind=fixed")
    assert "Tagged “Saved a guest&#x27;s anniversary” #Above and beyond." in page.text
    assert '<a class="badge rounded-pill text-bg-light border" href="/?tag=above-and-beyond">' in page.text


def test_a_manager_removes_a_tag_and_the_tag_itself_stays_for_others(manager_client, make_story, manager):
    story, other = make_story(), make_story()
    tag = services.tag_add(story=story, name="Kindness", by=manager)
    services.tag_add(story=other, name="Kindness", by=manager)
    response = manager_client.post(reverse("curate_tag_remove", args=[story.pk, tag.pk]))
    assert response.status_code == 302
    assert not story.tags.exists()
    assert list(other.tags.all()) == [tag]


def test_tag_add_in_place_answers_the_updated_card_and_the_message(manager_client, story):
    response = add_tag(manager_client, story, "Kindness", panel="card", next="/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'class="card story-card' in response.text
    assert "#Kindness" in response.text
    assert 'hx-swap-oob="innerHTML:.messages"' in response.text
    assert "Tagged “Saved a guest&#x27;s anniversary” #Kindness." in response.text
    assert "<html" not in response.text


def test_a_bad_tag_in_place_keeps_the_page_and_says_why(manager_client, story):
    response = add_tag(manager_client, story, "x" * 60, panel="card", headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response["HX-Reswap"] == "none"
    assert "Keep tag names to 50 characters" in response.text
    assert 'role="alert"' in response.text
    assert not story.tags.exists()


def test_tag_suggestions_list_existing_tags_matching_what_is_typed(manager_client, story, manager):
    for name in ["Kindness", "Kind words", "Speed", "<script>"]:
        Tag.objects.create(name=name, slug=name.lower().replace(" ", "-").strip("<>"))
    response = manager_client.get(reverse("curate_tag_suggestions"), {"name": "kind"})
    assert response.status_code == 200
    assert response.text.strip() == '<option value="Kind words"></option><option value="Kindness"></option>'
    escaped = manager_client.get(reverse("curate_tag_suggestions"), {"name": "<scr"}).text
    assert '<option value="&lt;script&gt;"></option>' in escaped


def test_tag_suggestions_match_the_way_tags_match(manager_client, manager, story):
    services.tag_add(story=story, name="Small touches", by=manager)
    services.tag_add(story=story, name="Speed", by=manager)
    for typed in ["small-t", "#smäll_T", "ALL TOU"]:
        response = manager_client.get(reverse("curate_tag_suggestions"), {"name": typed})
        assert response.text.strip() == '<option value="Small touches"></option>', typed


@pytest.mark.parametrize("typed", ["\x00", "a\x00b", "%", "_", "x" * 5000, "#"])
def test_tag_suggestions_survive_hostile_input(manager_client, typed):
    Tag.objects.create(name="Kindness", slug="kindness")
    assert manager_client.get(reverse("curate_tag_suggestions"), {"name": typed}).status_code == 200


@pytest.mark.parametrize("field", ["name", "note", "reason"])
def test_a_null_byte_in_any_curation_field_is_never_a_server_error(manager_client, story, field):
    action = {"name": "curate_tag_add", "note": "curate_feature", "reason": "curate_hide"}[field]
    response = manager_client.post(reverse(action, args=[story.pk]), {field: "bad\x00value"})
    assert response.status_code in (302, 400)


def test_tag_suggestions_are_capped(manager_client, db):
    Tag.objects.bulk_create(Tag(name=f"Tag {i:02}", slug=f"tag-{i}") for i in range(40))
    response = manager_client.get(reverse("curate_tag_suggestions"), {"name": ""})
    assert response.text.count("<option") == 15


def test_the_tag_field_is_labelled_and_offers_suggestions(manager_client, story):
    response = manager_client.get(story.get_absolute_url())
    assert f'<label class="form-label fw-semibold" for="tag-name-{story.pk}">Tags</label>' in response.text
    assert f'list="tag-options-{story.pk}"' in response.text
    assert f'<datalist id="tag-options-{story.pk}"></datalist>' in response.text


def test_tag_names_are_escaped_everywhere(client, employee, story, manager):
    services.tag_add(story=story, name='<img src=x onerror="alert(1)">', by=manager)
    services.story_feature(story=story, by=manager)
    Story.objects.update(reviewed_at=None)  # keep it in the review queue
    for user in (manager, employee):
        client.force_login(user)
        for url in ["/", story.get_absolute_url(), "/featured/", "/manage/"][: 4 if user == manager else 3]:
            text = client.get(url).text
            assert "<img src=x" not in text
            assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text


# --- the feed's tag filter ---------------------------------------------------------


def test_the_feed_filters_by_tag_and_tags_link_to_that_filter(employee_client, make_story, manager):
    tagged = make_story(headline="Tagged win")
    make_story(headline="Untagged win")
    tag = services.tag_add(story=tagged, name="Above and beyond", by=manager)
    response = employee_client.get("/", {"tag": tag.slug})
    assert [story.headline for story in listed(response)] == ["Tagged win"]
    assert "Wins tagged #Above and beyond" in response.text
    card_link = f'href="/?tag={tag.slug}"'
    assert card_link in employee_client.get("/").text


def test_employees_see_tags_but_no_tag_controls(employee_client, story, manager):
    services.tag_add(story=story, name="Kindness", by=manager)
    for url in ["/", story.get_absolute_url(), "/people/erin/"]:
        text = employee_client.get(url).text
        assert "#Kindness" in text
        assert "curate_" not in text
        assert "/tags/add/" not in text and "/remove/" not in text and "Remove tag" not in text
        assert 'name="name"' not in text


def test_a_deleted_tag_leaves_its_wins_alone(story, manager):
    tag = services.tag_add(story=story, name="Kindness", by=manager)
    tag.delete()
    assert Story.objects.filter(pk=story.pk).exists()
