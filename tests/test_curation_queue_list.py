"""The review queue at 300 people (issue 24, item 8): filtered by team,
kind, tag and dates (the feed's filters), shown as cards or as a compact
list (one line per win) with bulk actions on the ticked wins — approve,
hide with a reason, tag — each through the single-win services, with a
count; paginated; a constant number of queries."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from stories.models import Notification, Story, Tag, Team
from tests.helpers.people import make_user
from tests.helpers.queries import cold_and_warm
from tests.helpers.wins import listed, seed_wins

pytestmark = pytest.mark.django_db

BULK = "/manage/review/bulk/"


def ids(response):
    return {story.pk for story in listed(response)}


@pytest.fixture
def spread(employee, manager):
    """Wins of two teams, four kinds, tagged or not, on several dates, none reviewed."""
    desk, spa = Team.objects.create(name="Front desk"), Team.objects.create(name="Spa")
    kind = Tag.objects.create(name="Kindness", slug="kindness", key="kindness")
    wins = seed_wins(8, authors=[employee], teams=[desk, spa])
    for index, story in enumerate(wins):
        story.happened_on = date(2026, 11, 1) + timedelta(days=index)
        story.save(update_fields=["happened_on"])
    wins[0].tags.add(kind)
    wins[3].tags.add(kind)
    Story.objects.update(reviewed_at=None)
    return {"wins": wins, "desk": desk, "spa": spa, "tag": kind}


def test_the_queue_filters_by_team_kind_tag_and_dates(manager_client, spread):
    wins, desk = spread["wins"], spread["desk"]
    by_team = manager_client.get("/manage/", {"team": desk.pk})
    assert ids(by_team) == {story.pk for story in wins if story.team_id == desk.pk}
    assert ids(manager_client.get("/manage/", {"kind": "creative"})) == {s.pk for s in wins if s.kind == "creative"}
    assert ids(manager_client.get("/manage/", {"tag": "kindness"})) == {wins[0].pk, wins[3].pk}
    dated = manager_client.get("/manage/", {"since": "2026-11-03", "until": "2026-11-05"})
    assert ids(dated) == {wins[2].pk, wins[3].pk, wins[4].pk}
    both = manager_client.get("/manage/", {"team": desk.pk, "tag": "kindness", "view": "list"})
    assert ids(both) == {wins[0].pk}  # wins 0, 2, 4, 6 are the front desk's; 0 and 3 tagged
    assert "No win matches these filters." in manager_client.get("/manage/", {"since": "2030-01-01"}).text


def test_the_queue_ignores_the_feeds_other_filters_and_bad_values(manager_client, spread):
    everything = ids(manager_client.get("/manage/"))
    assert len(everything) == 8
    assert ids(manager_client.get("/manage/", {"q": "nothing matches this", "hero": "nobody"})) == everything
    assert ids(manager_client.get("/manage/", {"team": "x\x00", "since": "not a date"})) == everything


def test_the_list_shows_one_line_per_win_with_a_box_to_tick(manager_client, spread):
    page = manager_client.get("/manage/", {"view": "list"}).text
    rows = re.findall(r'<input class="form-check-input"\s+type="checkbox"\s+name="ids"\s+value="(\d+)"', page)
    assert sorted(map(int, rows)) == sorted(story.pk for story in spread["wins"])
    assert page.count("<tr>") == 9  # the heading and one line per win
    assert 'action="/manage/review/bulk/"' in page and "csrfmiddlewaretoken" in page
    assert '<label class="visually-hidden" for="row-' in page


def test_the_list_paginates_keeping_its_filters(manager_client, employee, spread):
    seed_wins(60, authors=[employee], teams=[spread["desk"]])
    Story.objects.update(reviewed_at=None)
    first = manager_client.get("/manage/", {"view": "list", "team": spread["desk"].pk})
    assert len(listed(first)) == 50
    older = re.search(r'rel="next" href="\?([^"]+)"', first.text)[1].replace("&amp;", "&")
    assert "view=list" in older and f"team={spread['desk'].pk}" in older
    second = manager_client.get("/manage/?" + older)
    assert len(listed(second)) == 14 and not ids(first) & ids(second)  # 60 + 4 of the spread's


def test_the_list_and_filtered_cards_cost_the_same_queries_for_few_or_many(
    manager_client, employee, django_user_model, spread
):
    authors = [employee, *(make_user(django_user_model, f"hero{i}") for i in range(3))]
    tags = [spread["tag"], Tag.objects.create(name="Speed", slug="speed", key="speed")]
    urls = ["/manage/?view=list", f"/manage/?view=list&tag=kindness&team={spread['desk'].pk}", "/manage/?tag=kindness"]
    few = [cold_and_warm(manager_client, url) for url in urls]
    seed_wins(70, authors=authors, tags=tags, teams=[spread["desk"]])
    Story.objects.update(reviewed_at=None)
    assert [cold_and_warm(manager_client, url) for url in urls] == few
    assert max(warm for _, warm in few) <= 6


def test_bulk_approve_publishes_the_waiting_and_marks_the_others_reviewed(manager_client, employee, spread, settings):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    waiting = seed_wins(2, authors=[employee], status=Story.Status.PENDING)
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = False
    chosen = [*waiting, spread["wins"][0]]
    response = manager_client.post(BULK, {"action": "approve", "ids": [s.pk for s in chosen], "next": "/manage/"})
    assert response.status_code == 302 and response["Location"] == "/manage/"
    assert "Approved 3 wins." in manager_client.get("/manage/").text
    for story in chosen:
        story.refresh_from_db()
        assert story.status == Story.Status.PUBLISHED and story.reviewed_at is not None
    assert Notification.objects.filter(kind="approved", story__in=waiting).count() == 2  # as with its own button
    assert Story.objects.filter(reviewed_at__isnull=True).count() == 7


def test_bulk_hide_needs_a_reason_and_then_hides_each_with_it(manager_client, spread):
    chosen = [story.pk for story in spread["wins"][:3]]
    refused = manager_client.post(BULK, {"action": "hide", "ids": chosen, "reason": "  "})
    assert refused.status_code == 400 and "Give a reason for hiding this win" in refused.text
    assert not Story.objects.filter(hidden_at__isnull=False).exists()
    done = manager_client.post(BULK, {"action": "hide", "ids": chosen, "reason": "Names a guest", "next": "/manage/"})
    assert done.status_code == 302
    assert set(Story.objects.filter(hidden_reason="Names a guest").values_list("pk", flat=True)) == set(chosen)
    assert "Hid 3 wins." in manager_client.get("/manage/").text


def test_bulk_tag_tags_each_win_with_the_one_tag_however_typed(manager_client, spread):
    chosen = [story.pk for story in spread["wins"][:4]]  # wins 0 and 3 already carry Kindness
    response = manager_client.post(BULK, {"action": "tag", "ids": chosen, "tag": "#kindness", "next": "/manage/"})
    assert response.status_code == 302
    assert Tag.objects.count() == 1
    assert set(Story.objects.filter(tags__key="kindness").values_list("pk", flat=True)) == set(chosen)
    assert "Tagged 4 wins #Kindness." in manager_client.get("/manage/").text
    assert manager_client.post(BULK, {"action": "tag", "ids": chosen, "tag": ""}).status_code == 400


def test_a_bulk_action_without_wins_or_with_a_made_up_action_changes_nothing(manager_client, spread):
    assert "Tick the wins first." in manager_client.post(BULK, {"action": "approve"}).text
    assert manager_client.post(BULK, {"action": "delete", "ids": [spread["wins"][0].pk]}).status_code == 400
    assert Story.objects.filter(reviewed_at__isnull=True).count() == 8


def test_bulk_actions_are_for_managers_with_a_csrf_token(employee_client, manager, spread):
    data = {"action": "hide", "ids": [spread["wins"][0].pk], "reason": "No"}
    assert employee_client.post(BULK, data).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager)
    assert strict.post(BULK, data).status_code == 403
    assert strict.get(reverse("curate_queue_bulk")).status_code == 405
    assert not Story.objects.filter(hidden_at__isnull=False).exists()
