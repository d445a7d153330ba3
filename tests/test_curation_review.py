"""Review: the /manage/ queue (wins nobody reviewed yet, newest first, with
counts and over-budget flags), and review before publishing
(WINSBOARD_REVIEW_BEFORE_PUBLISH): a pending win is seen only by its author
and managers until approved; its author is told, once — a notification
(the bell's count on every page, the sentence on /notifications/) until
they mark it read."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Notification, Story
from tests.helpers.people import client_for, crowd
from tests.helpers.queries import captured_queries, cold_and_warm
from tests.helpers.wins import listed, seed_wins, story_post_data

pytestmark = pytest.mark.django_db

# With the cards in the cache: session, user (with may-curate), the counts,
# the page's wins (their cards' keys) = 4. With none, the missing cards add
# the wins (video and who hid them joined), heroes, tags, photos and the
# latest cheers = 9; and the filters' choices (teams, tags, people), read once
# into the shared cache = 12.
QUEUE_MAX_QUERIES = 4
QUEUE_COLD_MAX_QUERIES = 13  # 13th: the cards' awards (their badges)
GOOD_NEWS = "Good news: your win"


def inbox(client):
    return client.get("/notifications/").text


def queue_headlines(response):
    return [story.headline for story in listed(response)]


@pytest.fixture
def review_first(settings):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True


# --- review before publishing --------------------------------------------------------


def test_with_review_first_a_new_win_waits_and_only_its_author_and_managers_see_it(
    review_first, employee, other_employee, manager
):
    author = client_for(employee)
    response = author.post("/wins/new/", story_post_data(employee, other_employee, headline="Pending passport"))
    story = Story.objects.get(headline="Pending passport")
    assert story.is_pending
    assert response["Location"] == story.get_absolute_url()
    # the author: "waiting for review" on the win and on their page
    detail = author.get(story.get_absolute_url())
    assert "<strong>Waiting for review.</strong>" in detail.text
    own_page = author.get("/people/erin/")
    assert "Pending passport" in own_page.text
    assert '<span class="badge text-bg-warning">Waiting for review</span>' in own_page.text
    # a colleague (even one it credits): nowhere
    colleague = client_for(other_employee)
    assert colleague.get(story.get_absolute_url()).status_code == 404
    for url in ["/", "/?q=passport", "/people/erin/", "/people/oscar/", "/featured/"]:
        assert "Pending passport" not in colleague.get(url).text, url
    # managers: in the queue, counted and listed as waiting
    queue = client_for(manager).get("/manage/", {"show": "pending"})
    assert queue_headlines(queue) == ["Pending passport"]
    assert queue.context["counts"]["pending"] == 1
    assert "Approve and publish" in queue.text


def test_approving_publishes_the_win_and_tells_its_author_until_they_mark_it_read(
    review_first, employee, other_employee, manager
):
    services.story_create(author=employee, heroes=[employee], headline="Pending passport", body="b")
    story = Story.objects.get()
    response = client_for(manager).post(reverse("curate_approve", args=[story.pk]), {"next": "/manage/?show=pending"})
    assert response["Location"] == "/manage/?show=pending"
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED and story.reviewed_by == manager
    assert "Pending passport" in client_for(other_employee).get("/").text
    author = client_for(employee)
    assert "Notifications, 1 unread" in author.get("/featured/").text  # the bell, on any page
    listed = author.get("/notifications/")
    assert "Good news: your win “Pending passport” was approved and is now shared with everyone." in listed.text
    assert '<span class="badge text-bg-primary me-1">New</span>' in listed.text
    assert "Notifications, 1 unread" in author.get("/").text  # reading pages never marks it read
    notice = Notification.objects.get(kind=Notification.Kind.APPROVED)
    read = author.post(reverse("notifications_read"), {"ids": [notice.pk], "next": "/"})
    assert read.status_code == 302 and read["Location"] == "/"
    assert "Notifications, 1 unread" not in author.get("/").text
    assert '<span class="badge text-bg-primary me-1">New</span>' not in inbox(author)
    assert GOOD_NEWS in inbox(author)  # still listed, as read


def test_the_approval_is_told_on_pages_not_in_json_and_nothing_marks_it_read(review_first, employee, manager):
    services.story_create(author=employee, heroes=[employee], headline="Pending", body="b")
    story = Story.objects.get()
    services.story_approve(story=story, by=manager)
    author = client_for(employee)
    assert "Notifications" not in author.get(reverse("slideshow_slides")).text
    assert "Notifications, 1 unread" in author.get("/").text
    assert GOOD_NEWS in inbox(author)
    assert Notification.objects.get().read_at is None


def test_each_approved_win_is_its_own_notification(review_first, employee, manager):
    for number in range(5):
        services.story_create(author=employee, heroes=[employee], headline=f"Win {number}", body="b")
    for story in Story.objects.all():
        services.story_approve(story=story, by=manager)
    author = client_for(employee)
    assert "Notifications, 5 unread" in author.get("/").text
    text = inbox(author)
    for number in range(5):
        assert f"Good news: your win “Win {number}” was approved and is now shared with everyone." in text


def test_the_bell_costs_no_query_of_its_own_and_reading_never_writes(employee, manager, story, settings):
    settings.WINSBOARD_PAGE_CACHE = False  # the page made each time: the bell's own cost shows
    client = client_for(employee)
    client.get("/")
    with captured_queries() as quiet:
        client.get("/")
    services.notify_approved(story=story, by=manager)
    with captured_queries() as telling:
        assert "Notifications, 1 unread" in client.get("/").text
    with captured_queries() as reading:
        assert GOOD_NEWS in inbox(client)
    assert len(telling) == len(quiet)  # the count comes with the signed-in user
    statements = [query["sql"].lstrip().upper() for query in [*telling, *reading]]
    assert [sql for sql in statements if sql.startswith(("UPDATE", "INSERT", "DELETE"))] == []
    assert Notification.objects.get().read_at is None


def test_marking_read_marks_only_your_own_notifications(review_first, employee, other_employee, manager):
    services.story_create(author=employee, heroes=[employee], headline="Mine", body="b")
    services.story_approve(story=Story.objects.get(), by=manager)
    notice = Notification.objects.get()
    client_for(other_employee).post(reverse("notifications_read"), {"ids": [notice.pk]})
    assert Notification.objects.get().read_at is None
    assert client_for(employee).get(reverse("notifications_read")).status_code == 405


def test_only_the_author_is_told(review_first, employee, other_employee, manager):
    services.story_create(author=employee, heroes=[employee, other_employee], headline="Pending", body="b")
    services.story_approve(story=Story.objects.get(), by=manager)
    assert GOOD_NEWS not in inbox(client_for(other_employee))  # a hero: told they were credited, not this
    assert GOOD_NEWS not in inbox(client_for(manager))
    assert GOOD_NEWS in inbox(client_for(employee))


def test_without_review_first_new_wins_are_published_at_once(employee):
    services.story_create(author=employee, heroes=[employee], headline="Straight out", body="b")
    assert Story.objects.get().status == Story.Status.PUBLISHED


def test_marking_a_published_win_reviewed_tells_nobody(story, manager, employee):
    client_for(manager).post(reverse("curate_approve", args=[story.pk]))
    story.refresh_from_db()
    assert story.reviewed_by == manager and not Notification.objects.exists()
    assert GOOD_NEWS not in inbox(client_for(employee))


def test_with_review_first_an_edit_by_its_author_waits_for_review_again(
    review_first, employee, other_employee, manager
):
    story = services.story_create(author=employee, heroes=[employee], headline="Clean win", body="b")
    services.story_approve(story=story, by=manager)
    services.story_feature(story=story, by=manager)
    author = client_for(employee)
    response = author.post(
        f"/wins/{story.pk}/edit/", story_post_data(employee, headline="Edited after approval"), follow=True
    )
    assert "Your changes are saved. They wait for a manager&#x27;s review before they are shared." in response.text
    story.refresh_from_db()
    assert story.is_pending and story.reviewed_at is None
    colleague = client_for(other_employee)
    assert colleague.get(story.get_absolute_url()).status_code == 404
    assert "Edited after approval" not in colleague.get("/featured/").text
    assert "Edited after approval" not in colleague.get(reverse("slideshow_slides")).text
    assert "Edited after approval" in client_for(manager).get("/manage/?show=pending").text
    # Approved again, it is back in its place on the wall.
    services.story_approve(story=story, by=manager)
    assert "Edited after approval" in colleague.get(reverse("slideshow_slides")).text


def test_without_review_first_an_edit_by_its_author_puts_the_win_back_in_the_queue(employee, manager, story):
    services.story_approve(story=story, by=manager)
    client_for(employee).post(f"/wins/{story.pk}/edit/", story_post_data(employee, headline="Edited by its author"))
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED and story.reviewed_at is None
    assert "Edited by its author" in client_for(manager).get("/manage/").text


def test_an_edit_by_a_manager_keeps_the_win_reviewed_and_published(review_first, employee, manager):
    story = services.story_create(author=employee, heroes=[employee], headline="Clean win", body="b")
    services.story_approve(story=story, by=manager)
    client_for(manager).post(f"/wins/{story.pk}/edit/", story_post_data(employee, headline="Typo fixed"))
    story.refresh_from_db()
    assert story.headline == "Typo fixed"
    assert story.status == Story.Status.PUBLISHED and story.reviewed_by == manager


def test_approving_a_hidden_pending_win_keeps_it_hidden_and_tells_nobody_it_is_shared(
    review_first, employee, other_employee, manager
):
    story = services.story_create(author=employee, heroes=[employee], headline="Hidden one", body="b")
    services.story_hide(story=story, by=manager, reason="Names a guest")
    response = client_for(manager).post(reverse("curate_approve", args=[story.pk]), follow=True)
    assert "“Hidden one” is approved. It stays hidden until you unhide it." in response.text
    assert client_for(other_employee).get(story.get_absolute_url()).status_code == 404
    assert GOOD_NEWS not in inbox(client_for(employee))


# --- the queue -------------------------------------------------------------------------


def test_the_queue_lists_unreviewed_wins_newest_first(manager_client, make_story, manager):
    now = timezone.now()
    make_story(headline="Older", created_at=now - timedelta(days=2))
    make_story(headline="Newest", created_at=now - timedelta(hours=1))
    reviewed = make_story(headline="Reviewed already")
    services.story_approve(story=reviewed, by=manager)
    featured = make_story(headline="Featured already")
    services.story_feature(story=featured, by=manager)
    response = manager_client.get("/manage/")
    assert response.status_code == 200
    assert queue_headlines(response) == ["Newest", "Older"]
    counts = response.context["counts"]
    assert (counts["review"], counts["featured"], counts["hidden"], counts["pending"]) == (2, 1, 0, 0)


def test_marking_reviewed_takes_a_win_off_the_queue(manager_client, make_story):
    story = make_story(headline="Look at me")
    manager_client.post(reverse("curate_approve", args=[story.pk]), {"next": "/manage/"})
    assert queue_headlines(manager_client.get("/manage/")) == []
    assert "All caught up" in manager_client.get("/manage/").text


def test_over_budget_wins_are_flagged_in_the_queue(manager_client, make_story, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    make_story(headline="Within", cost=Decimal("1999.99"))
    make_story(headline="Over", cost=Decimal("2400"))
    response = manager_client.get("/manage/")
    assert response.context["counts"]["over_budget"] == 1
    assert response.text.count('<span class="badge badge-over-budget">Over budget</span>') == 1
    text = " ".join(response.text.split())
    assert "Cost to make it right: 2,400.00 USD — over the 2,000 USD empowerment budget" in text
    assert "Cost to make it right: 1,999.99 USD </p>" in text
    assert "Only over the 2,000 USD budget (1)" in text


def test_the_queue_offers_every_quick_action(manager_client, story):
    text = manager_client.get("/manage/").text
    for action in ["tags/add/", "feature/", "hide/", "approve/"]:
        assert f'action="/wins/{story.pk}/{action}"' in text
    assert "Mark reviewed" in text and 'name="panel" value="queue"' in text


def test_a_quick_action_in_place_answers_the_updated_queue(manager_client, make_story):
    first, second = make_story(headline="First"), make_story(headline="Second")
    response = manager_client.post(
        reverse("curate_approve", args=[second.pk]),
        {"panel": "queue", "next": "/manage/"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="queue"')
    assert "First" in response.text and ">Second</a>" not in response.text
    assert 'To review <span class="badge text-bg-light">1</span>' in response.text
    assert "“Second” is marked reviewed." in response.text
    assert first.pk


def test_the_queue_pages_and_refuses_a_broken_page_link(manager_client, employee):
    seed_wins(25, authors=[employee])
    first = manager_client.get("/manage/")
    assert len(listed(first)) == 20
    cursor = first.context["page"].next_cursor
    assert len(listed(manager_client.get("/manage/", {"before": cursor}))) == 5
    broken = manager_client.get("/manage/", {"before": "garbage"})
    assert broken.status_code == 400 and 'href="/manage/">Back to the review queue</a>' in broken.text
    assert manager_client.get("/manage/", {"show": "<script>"}).status_code == 200


def test_the_queue_costs_the_same_queries_for_5_or_50_wins(client, django_user_model, manager):
    people, tags = crowd(django_user_model)
    client.force_login(manager)
    hidden = {"hidden_at": timezone.now(), "hidden_by": manager, "hidden_reason": "r"}

    def both_lists():
        return [cold_and_warm(client, "/manage/"), cold_and_warm(client, "/manage/", {"show": "hidden"})]

    seed_wins(5, authors=people, tags=tags, cost=Decimal("5000"))
    seed_wins(5, authors=people, tags=tags, **hidden)
    small = both_lists()
    seed_wins(45, authors=people, tags=tags, cost=Decimal("5000"))
    seed_wins(45, authors=people, tags=tags, **hidden)
    assert both_lists() == small
    assert max(cold for cold, _ in small) <= QUEUE_COLD_MAX_QUERIES
    assert max(warm for _, warm in small) <= QUEUE_MAX_QUERIES
