"""The featured wall: feature / unfeature (with "why we love this"), the
managers' order (move, pin, drag), which is Story.objects.featured() — the
slideshow's order — and the /featured/ page that shows it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Story, Tag
from tests.helpers.people import crowd, linked_name
from tests.helpers.queries import cold_and_warm
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

# With the cards in the cache: session, user (with may-curate), the page's
# wins (their cards' keys) = 3 — the wall's tags and count are kept in the
# cache with the wins' version (5 when it moved). With none, the missing
# cards add the wins (with cheer and comment counts, video joined), heroes,
# tags, photos, the latest cheers and the cards' awards (their badges) = 11.
WALL_MAX_QUERIES = 3
WALL_COLD_MAX_QUERIES = 11


def wall_order():
    return list(Story.objects.featured().values_list("headline", flat=True))


def page_order(response):
    return re.findall(r'id="wall-\d+-title">\s*<a class="stretched-link" href="/wins/\d+/">([^<]+)</a>', response.text)


@pytest.fixture
def wall(make_story, manager):
    """Four featured wins: A, B, C, D top to bottom."""
    stories = {name: make_story(headline=name) for name in "DCBA"}
    for name in "DCBA":  # each new one goes to the top
        services.story_feature(story=stories[name], by=manager)
    return stories


def post(client, name, story=None, **data):
    args = [story.pk] if story is not None else []
    return client.post(reverse(name, args=args), data)


# --- feature / unfeature -------------------------------------------------------------


def test_featuring_records_who_and_when_and_puts_the_win_at_the_top(manager_client, manager, wall, make_story):
    newcomer = make_story(headline="New")
    response = post(manager_client, "curate_feature", newcomer, note="  Went   the extra mile ")
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.featured_by == manager
    assert timezone.now() - newcomer.featured_at < timedelta(minutes=1)
    assert newcomer.feature_note == "Went the extra mile"
    assert newcomer.reviewed_by == manager  # featuring it is reviewing it
    assert wall_order() == ["New", "A", "B", "C", "D"]


def test_featuring_again_changes_the_note_and_keeps_the_place(manager_client, wall):
    post(manager_client, "curate_feature", wall["C"], note="Calm under pressure")
    assert wall_order() == ["A", "B", "C", "D"]
    wall["C"].refresh_from_db()
    assert wall["C"].feature_note == "Calm under pressure"
    post(manager_client, "curate_feature", wall["C"])  # the one-click button sends no note: it is kept
    wall["C"].refresh_from_db()
    assert wall["C"].feature_note == "Calm under pressure"


def test_a_too_long_note_is_refused_and_nothing_changes(manager_client, make_story):
    story = make_story()
    response = post(manager_client, "curate_feature", story, note="x" * 201)
    assert response.status_code == 400
    assert "Keep “Why we love this” to 200 characters (it has 201)." in response.text
    assert not Story.objects.featured().exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"hidden_at": timezone.now(), "hidden_reason": "x"}, "Unhide it before featuring it."),
        ({"status": Story.Status.PENDING}, "Approve it before featuring it."),
    ],
)
def test_a_hidden_or_pending_win_cannot_be_featured(manager_client, make_story, state, message):
    story = make_story()
    Story.objects.filter(pk=story.pk).update(**state)
    response = post(manager_client, "curate_feature", story)
    assert response.status_code == 400
    assert message in response.text
    assert Story.objects.get(pk=story.pk).featured_at is None


def test_unfeaturing_takes_the_win_off_the_wall_and_the_slideshow(manager_client, wall):
    post(manager_client, "curate_pin", wall["C"])
    response = post(manager_client, "curate_unfeature", wall["C"])
    assert response.status_code == 302
    wall["C"].refresh_from_db()
    assert (wall["C"].featured_at, wall["C"].featured_by, wall["C"].wall_position) == (None, None, None)
    assert (wall["C"].pinned, wall["C"].feature_note) == (False, "")
    assert wall_order() == ["A", "B", "D"]
    assert list(Story.objects.featured().values_list("wall_position", flat=True)) == [0, 1, 2]


def test_the_messages_say_what_really_happened(manager_client, wall, make_story):
    def said(response):
        return [str(message) for message in response.context["messages"]][-1:]

    outsider = make_story(headline="Outsider")
    response = manager_client.post(reverse("curate_unfeature", args=[outsider.pk]), follow=True)
    assert said(response) == ["“Outsider” wasn't on the featured wall; nothing changed."]
    response = manager_client.post(reverse("curate_unhide", args=[outsider.pk]), follow=True)
    assert said(response) == ["“Outsider” wasn't hidden; nothing changed."]
    post(manager_client, "curate_pin", wall["C"])
    response = manager_client.post(reverse("curate_feature", args=[outsider.pk]), follow=True)
    assert said(response) == ["“Outsider” is on the featured wall, just below the pinned win."]
    response = manager_client.post(reverse("curate_wall_reorder"), {"ids": "999999"}, follow=True)
    assert said(response) == ["The wall's order is unchanged."]


# --- arranging -----------------------------------------------------------------------


def test_move_up_and_down_swap_with_the_neighbour(manager_client, wall):
    post(manager_client, "curate_move_up", wall["C"])
    assert wall_order() == ["A", "C", "B", "D"]
    post(manager_client, "curate_move_down", wall["A"])
    assert wall_order() == ["C", "A", "B", "D"]


def test_moving_past_either_end_changes_nothing(manager_client, wall):
    post(manager_client, "curate_move_up", wall["A"])
    post(manager_client, "curate_move_down", wall["D"])
    assert wall_order() == ["A", "B", "C", "D"]


def test_a_move_says_where_the_win_now_is(manager_client, wall):
    response = manager_client.post(reverse("curate_move_up", args=[wall["C"].pk]), follow=True)
    assert "“C” is now number 2 of 4 on the wall." in response.text


def test_pinning_puts_a_win_first_and_keeps_it_there(manager_client, wall, make_story):
    post(manager_client, "curate_pin", wall["C"])
    assert wall_order() == ["C", "A", "B", "D"]
    services.story_feature(story=make_story(headline="Newer"), by=None)
    assert wall_order() == ["C", "Newer", "A", "B", "D"]
    post(manager_client, "curate_move_up", wall["A"])
    post(manager_client, "curate_move_up", wall["A"])  # nothing moves above the pinned win
    assert wall_order() == ["C", "A", "Newer", "B", "D"]


def test_only_one_win_is_pinned_at_a_time(manager_client, wall):
    post(manager_client, "curate_pin", wall["C"])
    post(manager_client, "curate_pin", wall["D"])
    assert list(Story.objects.filter(pinned=True).values_list("headline", flat=True)) == ["D"]
    assert wall_order()[0] == "D"


def test_unpinning_leaves_the_win_first_until_something_moves_above_it(manager_client, wall):
    post(manager_client, "curate_pin", wall["C"])
    post(manager_client, "curate_unpin", wall["C"])
    assert wall_order() == ["C", "A", "B", "D"]
    post(manager_client, "curate_move_up", wall["A"])
    assert wall_order() == ["A", "C", "B", "D"]


def test_dragging_saves_the_new_order(manager_client, wall):
    ids = ",".join(str(wall[name].pk) for name in "DBAC")
    assert post(manager_client, "curate_wall_reorder", ids=ids).status_code == 302
    assert wall_order() == ["D", "B", "A", "C"]


def test_dragging_part_of_the_wall_reorders_just_those_places(manager_client, wall):
    """A page of the wall reorders its own places; the rest stays put."""
    ids = f"{wall['C'].pk},{wall['B'].pk}"
    post(manager_client, "curate_wall_reorder", ids=ids)
    assert wall_order() == ["A", "C", "B", "D"]


def test_a_dragged_order_ignores_unknown_repeated_and_unfeatured_ids(manager_client, wall, make_story):
    outsider = make_story(headline="Not featured")
    ids = f"{wall['D'].pk},{outsider.pk},999999,{wall['D'].pk},{wall['A'].pk}"
    post(manager_client, "curate_wall_reorder", ids=ids)
    assert wall_order() == ["D", "B", "C", "A"]
    assert not Story.objects.filter(pk=outsider.pk, wall_position__isnull=False).exists()


@pytest.mark.parametrize("ids", ["", "a,b", "1;2", "-1", "1" * 30, ",".join(["1"] * 1001)])
def test_a_garbled_order_is_refused_and_nothing_changes(manager_client, wall, ids):
    response = post(manager_client, "curate_wall_reorder", ids=ids)
    assert response.status_code == 400
    assert wall_order() == ["A", "B", "C", "D"]


def test_a_dragged_order_keeps_the_pinned_win_first(manager_client, wall):
    post(manager_client, "curate_pin", wall["C"])
    ids = ",".join(str(wall[name].pk) for name in "DBCA")
    post(manager_client, "curate_wall_reorder", ids=ids)
    assert wall_order() == ["C", "D", "B", "A"]


def test_arranging_a_win_that_is_not_on_the_wall_is_refused(manager_client, make_story):
    story = make_story()
    for name in ["curate_move_up", "curate_pin"]:
        response = post(manager_client, name, story)
        assert response.status_code == 400
        assert "Only wins on the featured wall can be arranged" in response.text


def test_the_order_persists_and_is_the_walls_the_slideshows_and_the_pages(manager_client, employee, wall):
    post(manager_client, "curate_move_down", wall["A"])
    post(manager_client, "curate_pin", wall["D"])
    ids = ",".join(str(wall[name].pk) for name in "DCAB")
    post(manager_client, "curate_wall_reorder", ids=ids)
    expected = ["D", "C", "A", "B"]
    assert wall_order() == expected
    # positions are stored densely, in that order
    assert list(Story.objects.featured().values_list("wall_position", flat=True)) == [0, 1, 2, 3]
    # the wall page shows the same order to everyone
    assert page_order(manager_client.get("/featured/")) == expected
    manager_client.force_login(employee)
    assert page_order(manager_client.get("/featured/")) == expected


def test_a_win_featured_without_a_position_comes_first_among_the_unpinned(wall):
    Story.objects.filter(pk=wall["C"].pk).update(wall_position=None)
    assert wall_order() == ["C", "A", "B", "D"]


def test_hiding_a_featured_win_takes_it_off_the_wall(manager_client, wall):
    post(manager_client, "curate_hide", wall["B"], reason="Customer withdrew consent")
    assert wall_order() == ["A", "C", "D"]
    wall["B"].refresh_from_db()
    assert wall["B"].featured_at is None


# --- the /featured/ page ---------------------------------------------------------------


def test_the_wall_shows_heroes_quote_and_why_we_love_this(employee_client, make_story, manager, other_employee):
    story = make_story(
        headline="Rescued a wedding",
        heroes=[other_employee],
        quote="You saved our day!",
        quote_by="The Smiths",
        customer_consent=True,
    )
    services.story_feature(story=story, by=manager, note="Calm & kind")
    response = employee_client.get("/featured/")
    assert response.status_code == 200
    assert '<p class="wall-heroes mb-1">' in response.text
    assert linked_name(other_employee, "Oscar Other", initials="OO") in response.text
    assert "“You saved our day!”" in response.text and "— The Smiths" in response.text
    assert "<strong>Why we love this:</strong> Calm &amp; kind" in response.text
    assert 'class="wall-quote wall-quote-lead mb-2"' in response.text  # no photo: the quote leads


def test_the_wall_filters_by_tag(employee_client, wall, manager):
    services.tag_add(story=wall["B"], name="Kindness", by=manager)
    services.tag_add(story=wall["D"], name="Kindness", by=manager)
    services.tag_add(story=wall["A"], name="Speed", by=manager)
    response = employee_client.get("/featured/", {"tag": "kindness"})
    assert page_order(response) == ["B", "D"]
    assert "Featured wins tagged #Kindness" in response.text
    assert 'href="/featured/?tag=kindness" aria-current="page">#Kindness</a>' in response.text
    assert 'href="/featured/?tag=speed">#Speed</a>' in response.text
    # tags on wall cards filter the wall
    assert 'href="/featured/?tag=speed">#Speed</a>' in employee_client.get("/featured/").text


def test_the_walls_kept_tags_and_count_follow_every_change_at_once(employee_client, wall, manager, make_story):
    """The tag list and the page count come from the cache while the wins'
    version stands: featuring, tagging, unfeaturing and a rename show on
    the very next page."""
    employee_client.get("/featured/")  # kept
    services.tag_add(story=wall["B"], name="Kindness", by=manager)
    assert 'href="/featured/?tag=kindness">#Kindness</a>' in employee_client.get("/featured/").text
    services.tag_rename(tag=Tag.objects.get(name="Kindness"), name="Warmth", by=manager)
    text = employee_client.get("/featured/").text
    assert "#Warmth</a>" in text and "#Kindness</a>" not in text
    services.story_unfeature(story=wall["B"], by=manager)
    assert "#Warmth</a>" not in employee_client.get("/featured/").text
    seed_wins(24, authors=[manager], featured_at=timezone.now())  # moves the version as the services do: 27 on the wall
    assert 'href="?page=2"' in employee_client.get("/featured/").text
    assert len(page_order(employee_client.get("/featured/", {"page": "2"}))) == 3


@pytest.mark.parametrize("tag", ["nope", "<script>alert(1)</script>", "x" * 500, "a\x00b"])
def test_an_unknown_or_hostile_tag_filter_shows_an_empty_wall_safely(employee_client, wall, tag):
    response = employee_client.get("/featured/", {"tag": tag})
    assert response.status_code == 200
    assert page_order(response) == []
    assert "No featured wins are tagged" in response.text
    assert "<script>alert(1)" not in response.text


def test_an_empty_wall_says_what_it_is_for(client, employee, manager):
    client.force_login(employee)
    assert "Managers pick the best wins for this wall" in client.get("/featured/").text
    client.force_login(manager)
    assert "Feature a win from the" in client.get("/featured/").text


def test_employees_see_the_wall_without_any_controls(employee_client, wall):
    response = employee_client.get("/featured/")
    text = response.text
    assert page_order(response) == ["A", "B", "C", "D"]
    for marker in ["curation-bar", "Move up", "Pin to top", "wall-reorder", "curation.js", "Unfeature", "Hide…"]:
        assert marker not in text


def test_managers_arrange_the_whole_wall_but_not_a_filtered_part(manager_client, wall, manager):
    services.tag_add(story=wall["B"], name="Kindness", by=manager)
    whole = manager_client.get("/featured/").text
    assert whole.count('id="move-up-') == 4 and 'id="wall-reorder"' in whole and "data-wall-reorder" in whole
    filtered = manager_client.get("/featured/", {"tag": "kindness"}).text
    assert "Move up" not in filtered and "wall-reorder" not in filtered
    assert "to arrange it" in filtered


def test_the_wall_pages_after_24_wins_so_a_big_wall_costs_what_the_feed_does(employee_client, employee):
    """51 featured wins once rendered on one page (28 req/s): 24 a page now."""
    seed_wins(51, authors=[employee], featured_at=timezone.now())
    first = employee_client.get("/featured/")
    assert len(page_order(first)) == 24
    assert 'href="?page=2"' in first.text
    third = employee_client.get("/featured/", {"page": "3"})
    assert len(page_order(third)) == 3
    assert employee_client.get("/featured/", {"page": "abc"}).status_code == 200


def test_moving_in_place_answers_the_rearranged_wall(manager_client, wall):
    response = manager_client.post(
        reverse("curate_move_up", args=[wall["C"].pk]),
        {"panel": "wall", "next": "/featured/"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="wall"')
    assert page_order(response) == ["A", "C", "B", "D"]
    assert "“C” is now number 2 of 4 on the wall." in response.text
    assert 'name="next" value="/featured/"' in response.text  # the forms still go back to the wall


def test_the_wall_costs_the_same_queries_for_5_or_50_wins(client, django_user_model, manager):
    people, tags = crowd(django_user_model)
    client.force_login(manager)  # the manager's page renders every control too
    seed_wins(5, authors=people, tags=tags, featured_at=timezone.now())
    small = cold_and_warm(client, "/featured/")
    seed_wins(45, authors=people, tags=tags, featured_at=timezone.now())
    assert cold_and_warm(client, "/featured/") == small
    assert small[0] <= WALL_COLD_MAX_QUERIES and small[1] <= WALL_MAX_QUERIES
