"""Choosing and announcing awards (issue 23): /manage/awards/ for managers
only, each category's nominees ranked (nominations, then cheers, then the
customer's rating), every reason readable; a winner (and runners-up) with a
citation; announcing tells the win's people (in the app; by e-mail as each
prefers), posts to the chat, puts an award slide before the wins for a
week and a section in the weekly digest — and announcing twice sends
nothing twice."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.lib.periods import week_label
from stories.models import Award, Notification, Story
from stories.models.award_reads import Nominee, nominee_rank
from stories.models.awards import AwardError
from tests.helpers.awards import CREATIVE, ON_THE_SPOT, category, choose, nominate
from tests.helpers.people import client_for, make_user
from tests.test_celebrate_chat import Webhook

pytestmark = pytest.mark.django_db
SITE = "https://wins.example.com"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.WINSBOARD_SITE_URL = SITE


@pytest.fixture
def crowd(django_user_model):
    return [make_user(django_user_model, f"c{i}", first=f"C{i}") for i in range(4)]


@pytest.fixture
def hero(django_user_model):
    return make_user(django_user_model, "hana", first="Hana", email="hana@example.com")


@pytest.fixture
def win(make_story, employee, hero):
    employee.email = "erin@example.com"
    employee.save()
    return make_story(author=employee, heroes=[hero], headline="Turned a delay into a party")


@pytest.fixture
def chosen(win, other_employee, manager):
    """`win` nominated for Most creative idea and chosen as its winner."""
    nomination = nominate(win, other_employee, reason="Nobody had thought of it.")
    choose(win, manager, citation="For a party nobody expected.", start=nomination.period_start)
    return nomination.period_start


def _announce(client, start):
    return client.post(reverse("awards_announce"), {"period_start": start.isoformat()})


# --- who may ------------------------------------------------------------------------------


def test_only_managers_choose_and_announce(employee, win, other_employee, chosen):
    client = client_for(employee)
    assert client.get(reverse("awards_manage")).status_code == 403
    award = Award.objects.get()
    posts = [
        (
            reverse("award_choose"),
            {"category": category().pk, "period_start": chosen, "story": win.pk, "place": "winner", "citation": "Mine"},
        ),
        (reverse("award_remove", args=[award.pk]), {}),
        (reverse("awards_announce"), {"period_start": chosen}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    award.refresh_from_db()
    assert (award.citation, award.announced_at) == ("For a party nobody expected.", None)


def test_the_manage_menu_leads_to_the_awards_page(manager_client):
    page = manager_client.get(reverse("awards_manage")).text
    assert 'href="/manage/awards/"' in page and 'aria-current="page">Awards</a>' in page


# --- ranking ---------------------------------------------------------------------------------


def test_nominees_rank_by_nominations_then_cheers_with_every_reason(make_story, crowd, manager_client, employee):
    most_nominated = make_story(author=employee, headline="Two nominations, no cheers")
    most_cheered = make_story(author=employee, headline="One nomination, three cheers")
    least = make_story(author=employee, headline="One nomination, one cheer")
    nominate(most_nominated, crowd[0], reason="First reason")
    nominate(most_nominated, crowd[1], reason="Second reason")
    nominate(least, crowd[2], reason="Third reason")
    nominate(most_cheered, crowd[3], reason="Fourth reason")
    for person in crowd[:3]:
        services.cheer_set(story=most_cheered, user=person, on=True)
    services.cheer_set(story=least, user=crowd[0], on=True)

    page = manager_client.get(reverse("awards_manage")).text

    board = page[page.index("Most creative idea, ") :]
    order = [board.index(story.headline) for story in (most_nominated, most_cheered, least)]
    assert order == sorted(order)
    assert all(f"{reason} reason" in board for reason in ("First", "Second", "Third", "Fourth"))
    assert "2 nominations · 0 cheers" in board and "1 nomination · 3 cheers" in board


def test_the_customers_rating_decides_after_nominations_and_cheers(make_story, employee):
    a, b, c, d = (make_story(author=employee, headline=h) for h in "abcd")
    for story in (a, b, c, d):
        story.cheer_count = 1
    a.customer_rating, b.customer_rating, c.customer_rating, d.customer_rating = 3.0, None, 5.0, None
    nominees = [Nominee(story, reasons=[object()]) for story in (a, b, c, d)]
    assert [n.story for n in sorted(nominees, key=nominee_rank)] == [c, a, b, d]


def test_the_board_ranks_by_the_customers_own_rating_from_their_answer(manager_client, make_story, employee, crowd):
    """Equal nominations and cheers: the win its customer rated 5 comes
    before the one rated 2, and both before one nobody rated."""
    wins = [make_story(author=employee, headline=f"Rated {name}") for name in ("none", "two", "five")]
    Story.objects.filter(pk=wins[1].pk).update(customer_rating=2)
    Story.objects.filter(pk=wins[2].pk).update(customer_rating=5)
    for story in wins:
        nominate(story, crowd[0])
    board = manager_client.get(reverse("awards_manage")).text
    board = board[board.index("Most creative idea, ") :]
    assert [board.index(f"Rated {name}") for name in ("five", "two", "none")] == sorted(
        board.index(f"Rated {name}") for name in ("five", "two", "none")
    )


# --- choosing --------------------------------------------------------------------------------


def test_a_manager_chooses_a_winner_with_a_citation(win, other_employee, manager_client):
    start = nominate(win, other_employee).period_start
    data = {"category": category().pk, "period_start": start, "story": win.pk, "place": "winner"}

    assert manager_client.post(reverse("award_choose"), {**data, "citation": " "}).status_code == 400
    response = manager_client.post(reverse("award_choose"), {**data, "citation": "For the party."})

    assert response.status_code == 302
    award = Award.objects.get()
    assert (award.place, award.citation, award.announced_at) == ("winner", "For the party.", None)
    assert "Chosen: <strong>Winner</strong>" in manager_client.get(reverse("awards_manage")).text


def test_a_new_winner_replaces_the_one_chosen_before_and_runners_up_stay(make_story, crowd, manager, employee):
    first, second, third = (make_story(author=employee, headline=h) for h in ("One", "Two", "Three"))
    start = nominate(first, crowd[0]).period_start
    nominate(second, crowd[0])
    nominate(third, crowd[0])
    choose(first, manager, start=start)
    choose(third, manager, start=start, place=Award.Place.RUNNER_UP)
    choose(second, manager, start=start)
    assert dict(Award.objects.values_list("story__headline", "place")) == {"Two": "winner", "Three": "runner_up"}


def test_only_a_nominee_of_the_category_and_period_can_win(win, other_employee, manager):
    start = nominate(win, other_employee, name=ON_THE_SPOT).period_start
    with pytest.raises(AwardError, match="Only a win nominated for this category"):
        choose(win, manager, name=CREATIVE, start=start)
    assert Award.objects.count() == 0


def test_runners_up_alone_are_not_announced(win, other_employee, manager):
    start = nominate(win, other_employee).period_start
    choose(win, manager, start=start, place=Award.Place.RUNNER_UP)
    with pytest.raises(AwardError, match="Choose a winner for Most creative idea first"):
        services.awards_announce(period_start=start, by=manager)
    assert not Award.objects.announced().exists()


# --- announcing ------------------------------------------------------------------------------


def test_announcing_tells_the_wins_people_in_the_app_and_by_email(
    win, employee, hero, chosen, manager_client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _announce(manager_client, chosen)

    assert response.status_code == 302 and response["Location"] == reverse("awards")
    assert sorted(message.to[0] for message in mail.outbox) == ["erin@example.com", "hana@example.com"]
    message = mail.outbox[0]
    assert message.subject == "Your win won an award: “Turned a delay into a party”"
    assert "For a party nobody expected." in message.body
    label = f"Most creative idea, {chosen:%B %Y}"
    page = client_for(hero).get(reverse("notifications")).text
    assert f"Your win “Turned a delay into a party” won an award: {label}." in page


def test_who_chose_the_app_only_for_awards_gets_no_email(
    win, hero, chosen, manager, django_capture_on_commit_callbacks
):
    services.preferences_update(user=hero, email_awarded=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.awards_announce(period_start=chosen, by=manager)
    assert [message.to for message in mail.outbox] == [["erin@example.com"]]
    assert Notification.objects.filter(recipient=hero, kind="awarded").exists()


def test_announcing_twice_sends_nothing_twice(
    win, chosen, manager, settings, django_capture_on_commit_callbacks, make_story, other_employee
):
    settings.WINSBOARD_CHAT_RETRY_DELAYS = (0,)
    with Webhook() as webhook:
        settings.WINSBOARD_CHAT_WEBHOOK_URL = webhook.url
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            first = services.awards_announce(period_start=chosen, by=manager)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            second = services.awards_announce(period_start=chosen, by=manager)
        page = client_for(manager).post(reverse("awards_announce"), {"period_start": chosen}, follow=True)

    assert (len(first), second, callbacks) == (1, [], [])
    assert len(mail.outbox) == 2 and Notification.objects.filter(kind="awarded").count() == 2
    assert len(webhook.received) == 1
    assert "Nothing new to announce" in page.text


def test_the_chat_hears_of_the_awards(win, chosen, manager, settings, django_capture_on_commit_callbacks):
    settings.WINSBOARD_CHAT_RETRY_DELAYS = (0,)
    with Webhook() as webhook:
        settings.WINSBOARD_CHAT_WEBHOOK_URL = webhook.url
        with django_capture_on_commit_callbacks(execute=True):
            services.awards_announce(period_start=chosen, by=manager)
    (posted,) = webhook.received
    text = posted["body"]["text"]
    assert text.startswith("🏆 Awards announced")
    assert f"Most creative idea, {chosen:%B %Y}: Turned a delay into a party" in text
    assert f"“For a party nobody expected.” {SITE}/wins/{win.pk}/" in text and text.endswith(f"{SITE}/awards/")


def test_the_awards_page_lists_announced_awards_newest_first(win, chosen, manager, employee_client, make_story):
    assert "No awards announced yet" in employee_client.get(reverse("awards")).text
    services.awards_announce(period_start=chosen, by=manager)
    page = employee_client.get(reverse("awards")).text
    assert f"Award:</span> Most creative idea, {chosen:%B %Y}" in page and "For a party nobody expected." in page


# --- the slideshow and the digest --------------------------------------------------------------


def _slides(client):
    return client.get(reverse("slideshow_slides")).json()["slides"]


def test_an_award_slide_plays_before_the_wins_for_a_week(win, chosen, manager, employee_client, monkeypatch):
    services.story_feature(story=win, by=manager)
    services.awards_announce(period_start=chosen, by=manager)

    ids = [slide["id"] for slide in _slides(employee_client)]
    award = Award.objects.get()
    assert ids.index(f"award-{award.pk}") < ids.index(f"win-{win.pk}")
    (slide,) = [slide for slide in _slides(employee_client) if slide["layout"] == "award"]
    assert (slide["headline"], slide["citation"]) == ("Turned a delay into a party", "For a party nobody expected.")

    today = timezone.localdate()
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=6))
    assert f"award-{award.pk}" in [slide["id"] for slide in _slides(employee_client)]
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=7))
    assert f"award-{award.pk}" not in [slide["id"] for slide in _slides(employee_client)]


def test_the_weekly_digest_has_a_section_for_the_weeks_awards(win, chosen, manager, django_user_model):
    reader = make_user(django_user_model, "rita", first="Rita", email="rita@example.com")
    services.preferences_update(user=reader, weekly_digest=True)
    services.awards_announce(period_start=chosen, by=manager)
    mail.outbox.clear()

    call_command("send_digest", "--week", week_label(timezone.localdate()), stdout=StringIO())

    (message,) = mail.outbox
    assert "AWARDS ANNOUNCED THIS WEEK" in message.body
    assert f"Most creative idea, {chosen:%B %Y}: Turned a delay into a party" in message.body
    assert "For a party nobody expected." in message.alternatives[0][0]
