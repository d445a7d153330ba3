"""A hidden win is no dead end: its author fixes it and asks for it to be
shown again; it comes back to the review queue marked "edited since hidden",
with what changed since it was hidden; a manager shows it again or keeps it
hidden. Only its author may ask; nothing else changes."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from stories import services
from stories.models import HiddenSnapshot, Story
from stories.views.wins import cached_feed_choices
from tests.helpers.people import client_for, make_user
from tests.helpers.queries import captured_queries
from tests.helpers.wins import listed, seed_wins, story_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(employee):
    return client_for(employee)  # its own client: author and manager_client share one


@pytest.fixture
def hidden(make_story, manager, employee, other_employee):
    story = make_story(
        headline="Mr. Jones Smith got his suit back",
        body="Mr. Jones Smith from room 12 lost his suit.",
        heroes=[employee, other_employee],
    )
    services.story_hide(story=story, by=manager, reason="Remove the surname and resubmit")
    return Story.objects.get(pk=story.pk)


def queue_headlines(client, query=""):
    response = client.get("/manage/" + query)
    return [story.headline for story in listed(response)]


def edit(client, story, *, resubmit=False, **changes):
    data = story_post_data(*story.heroes.all(), **{"headline": story.headline, "body": story.body, **changes})
    data.update({"photo-TOTAL_FORMS": "0", "photo-INITIAL_FORMS": "0"})
    if resubmit:
        data["resubmit"] = "1"
    return client.post(reverse("story_edit", args=[story.pk]), data)


def test_hiding_keeps_what_the_win_said(hidden):
    fields = HiddenSnapshot.objects.get(story=hidden).fields
    assert fields["Headline"] == "Mr. Jones Smith got his suit back"
    assert fields["Heroes"] == "Erin Employee and Oscar Other"


def test_editing_alone_keeps_it_hidden_and_out_of_the_queue_and_says_so(author, manager_client, hidden):
    response = edit(author, hidden, headline="A guest got his suit back")
    assert response.status_code == 302
    assert Story.objects.get(pk=hidden.pk).is_hidden
    message = "Your changes are saved. The win is still hidden: ask for it to be shown again when it's ready."
    assert message in unescape(author.get(hidden.get_absolute_url()).text)
    assert queue_headlines(manager_client) == []


def test_the_author_edits_and_asks_for_it_to_be_shown_again(author, manager_client, hidden):
    edit(author, hidden, resubmit=True, headline="A guest got his suit back")
    story = Story.objects.get(pk=hidden.pk)
    assert story.is_hidden  # until a manager shows it
    assert story.asked_to_show_again is not None
    page = author.get(story.get_absolute_url()).text
    assert "a manager will look at the win again" in page
    assert "You asked for it to be shown again on" in page

    assert queue_headlines(manager_client) == ["A guest got his suit back"]
    queue = " ".join(manager_client.get("/manage/").text.split())
    assert '<span class="badge text-bg-info">Edited since hidden</span>' in queue
    assert "Edited since hidden: its author asks for it to be shown again" in queue
    assert "<dt>Headline</dt>" in queue and "<dt>Story</dt>" not in queue  # only what changed
    assert "Mr. Jones Smith got his suit back" in queue and "A guest got his suit back" in queue
    assert manager_client.get("/manage/").context["counts"]["review"] == 1
    # The manager sees the same on the win's page.
    assert "Edited since hidden" in manager_client.get(story.get_absolute_url()).text


def test_the_button_on_the_win_s_page_asks_without_editing(author, manager_client, hidden):
    page = author.get(hidden.get_absolute_url()).text
    assert f'action="/wins/{hidden.pk}/show-again/"' in page and "Ask for it to be shown again" in page
    response = author.post(reverse("story_resubmit", args=[hidden.pk]))
    assert response.status_code == 302
    assert queue_headlines(manager_client) == ["Mr. Jones Smith got his suit back"]
    queue = manager_client.get("/manage/").text
    assert "Its author asks for it to be shown again" in queue and "Nothing changed since it was hidden." in queue


def test_a_manager_shows_it_again(author, manager_client, hidden):
    edit(author, hidden, resubmit=True, headline="A guest got his suit back")
    manager_client.post(reverse("curate_unhide", args=[hidden.pk]), {"next": "/manage/"})
    story = Story.objects.get(pk=hidden.pk)
    assert not story.is_hidden and story.reviewed_at is not None
    assert not HiddenSnapshot.objects.filter(story=story).exists()
    assert queue_headlines(manager_client) == []
    assert "A guest got his suit back" in author.get("/").text


def test_a_manager_keeps_it_hidden_and_the_author_may_ask_again_later(author, manager_client, hidden):
    edit(author, hidden, resubmit=True, headline="Still a surname: Mr. Jones")
    assert "Keep it hidden" in manager_client.get("/manage/").text
    response = manager_client.post(reverse("curate_approve", args=[hidden.pk]), {"next": "/manage/"}, follow=True)
    assert "stays hidden. Its author still sees the reason." in response.text
    story = Story.objects.get(pk=hidden.pk)
    assert story.is_hidden and story.asked_to_show_again is None
    assert queue_headlines(manager_client) == []
    # The next request compares with the version the manager kept hidden.
    edit(author, story, resubmit=True, headline="A guest got his suit back")
    queue = manager_client.get("/manage/").text
    assert "Still a surname: Mr. Jones" in queue and "Mr. Jones Smith got his suit back" not in queue


def test_only_the_author_may_ask(hidden, manager_client, other_employee):
    # A hero who did not post it cannot even see it; a manager just unhides instead.
    assert client_for(other_employee).post(reverse("story_resubmit", args=[hidden.pk])).status_code == 404
    assert manager_client.post(reverse("story_resubmit", args=[hidden.pk])).status_code == 403
    assert HiddenSnapshot.objects.get(story=hidden).resubmitted_at is None


def test_asking_is_a_post_with_the_csrf_token(hidden, employee, author):
    assert author.get(reverse("story_resubmit", args=[hidden.pk])).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(employee)
    assert strict.post(reverse("story_resubmit", args=[hidden.pk])).status_code == 403
    assert HiddenSnapshot.objects.get(story=hidden).resubmitted_at is None


def test_a_win_no_longer_hidden_has_nothing_to_ask(author, story):
    response = author.post(reverse("story_resubmit", args=[story.pk]), follow=True)
    assert "This win isn't hidden: everyone can see it already." in unescape(response.text)
    assert not HiddenSnapshot.objects.exists()


def test_the_edit_form_of_a_hidden_win_offers_to_ask(author, manager_client, hidden):
    page = author.get(reverse("story_edit", args=[hidden.pk])).text
    assert "Save and ask for it to be shown again" in page and "Remove the surname and resubmit" in page
    assert (
        "Save and ask for it to be shown again" not in manager_client.get(reverse("story_edit", args=[hidden.pk])).text
    )


def test_a_win_hidden_before_snapshots_existed_still_comes_back(author, manager_client, hidden):
    HiddenSnapshot.objects.all().delete()
    author.post(reverse("story_resubmit", args=[hidden.pk]))
    assert queue_headlines(manager_client) == ["Mr. Jones Smith got his suit back"]
    assert "It was hidden before Winsboard kept what a hidden win said" in manager_client.get("/manage/").text


def test_the_queue_with_many_resubmitted_wins_costs_the_same_queries(
    manager_client, manager, employee, django_user_model
):
    authors = [employee, *(make_user(django_user_model, f"a{i}") for i in range(3))]

    def hide_and_ask(count):
        for story in seed_wins(count, authors=authors):
            services.story_hide(story=story, by=manager, reason="Fix it")
            services.story_resubmit(story=story, by=story.author)

    hide_and_ask(2)
    cached_feed_choices()  # the filters' choices, read once into the shared cache (cards stay cold)
    with captured_queries() as few:
        assert manager_client.get("/manage/").status_code == 200
    hide_and_ask(18)
    with captured_queries() as many:
        response = manager_client.get("/manage/")
    assert len(listed(response)) == 20
    assert len(many) == len(few)
