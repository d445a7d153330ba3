"""@mentions (issue 24, item 5): "@priya" or "@Priya Nair" in a story or a
comment links the person's page and tells them — their e-mail choice
respected, never themselves, never a win they can't open, once per win
however often it is edited — and the box suggests colleagues as you type."""

import pytest
from django.core import mail
from django.urls import reverse

from stories import services
from stories.lib import mentions
from stories.models import Notification, NotificationPreferences, Story
from tests.helpers.people import client_for, make_user
from tests.helpers.queries import query_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(django_user_model):
    return make_user(django_user_model, "priya", first="Priya", last="Nair", email="priya@example.com")


@pytest.fixture
def sam(django_user_model):
    return make_user(django_user_model, "sam", first="Sam", last="Okafor")


def told(person, **lookups):
    return list(Notification.objects.filter(recipient=person, kind="mentioned", **lookups))


# --- finding mentions in text ---------------------------------------------------------------------


def test_mentions_are_found_by_user_name_or_name_never_inside_an_address():
    text = (
        "Thanks @priya and @Priya Nair! Mail ana@example.com, see https://x.example/@sam, (@Sam) and @Ana María López."
    )
    people = {"priya": "P1", "priya nair": "P2", "sam": "S", "ana maría lópez": "A"}
    assert [(text[start:end], who) for start, end, who in mentions.spans(text, people)] == [
        ("@priya", "P1"),
        ("@Priya Nair", "P2"),
        ("@Sam", "S"),
        ("@Ana María López", "A"),
    ]
    assert mentions.candidates("no at sign here") == set()
    assert mentions.spans("@Priya Nair", {"priya nair": None, "priya": "P1"}) == []  # two Priya Nairs: nobody


def test_a_suggestion_is_written_as_the_name_unless_it_would_not_read_back():
    assert mentions.written("Priya Nair", "priya") == "Priya Nair"
    assert mentions.written("Priya Nair", "pnair", name_shared=True) == "pnair"
    assert mentions.written("Ana de la Cruz", "acruz") == "acruz"  # "de" would end the mention


# --- links ----------------------------------------------------------------------------------------


def test_a_comment_links_the_people_it_mentions_escaped(employee, story, priya, sam, other_employee):
    services.comment_create(
        story=story, author=other_employee, body="<b>Bravo</b> @priya & @Sam Okafor!\nhttps://ok.example"
    )
    page = client_for(employee).get(story.get_absolute_url()).text
    assert (
        '&lt;b&gt;Bravo&lt;/b&gt; <a class="mention" href="/people/priya/">@priya</a> &amp; '
        '<a class="mention" href="/people/sam/">@Sam Okafor</a>!<br>\n'
        '<a href="https://ok.example" rel="nofollow noopener">https://ok.example</a>'
    ) in page


def test_a_story_links_the_people_it_mentions_in_its_paragraphs(employee, make_story, priya):
    win = make_story(body="With @Priya Nair <3\n\nThe end, @nobody.")
    page = client_for(employee).get(win.get_absolute_url()).text
    assert '<p>With <a class="mention" href="/people/priya/">@Priya Nair</a> &lt;3</p>' in page
    assert "<p>The end, @nobody.</p>" in page


def test_a_win_page_looks_people_up_in_one_query_or_none(employee, make_story, other_employee, django_user_model):
    plain = make_story(body="No mentions at all.")
    reader = client_for(employee)
    without = query_count(reader, plain.get_absolute_url())
    people = [make_user(django_user_model, f"p{index}", first=f"P{index}") for index in range(6)]
    win = make_story(body=" ".join(f"@{person.username}" for person in people))
    for person in people[:3]:
        services.comment_create(story=win, author=other_employee, body=f"Yes @{person.username}")
    services.comment_create(story=plain, author=other_employee, body="Plain")
    assert query_count(reader, win.get_absolute_url()) == without + 1


def test_a_deactivated_person_or_a_shared_name_is_not_linked(employee, make_story, priya, django_user_model):
    make_user(django_user_model, "pnair2", first="Priya", last="Nair")  # a second Priya Nair
    gone = make_user(django_user_model, "gone", first="Gone", is_active=False)
    win = make_story(body="@Priya Nair and @gone and @priya")
    page = client_for(employee).get(win.get_absolute_url()).text
    assert "<p>@Priya Nair and @gone and" in page and '<a class="mention" href="/people/priya/">@priya</a>' in page
    assert told(gone) == []


# --- notifications --------------------------------------------------------------------------------


def test_a_mention_in_a_comment_tells_the_person_in_the_app_and_by_email(
    story, priya, other_employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(story=story, author=other_employee, body="Well done @priya")
    notification = told(priya)[0]
    assert notification.detail == "comment" and list(notification.actors.all()) == [other_employee]
    page = client_for(priya).get("/notifications/").text
    assert "Oscar mentioned you in a comment on “Saved a guest&#x27;s anniversary”." in page
    assert [message.to for message in mail.outbox] == [["priya@example.com"]]
    assert mail.outbox[0].subject == "You were mentioned: “Saved a guest's anniversary”"


def test_who_chose_the_app_only_is_not_emailed(story, priya, other_employee, django_capture_on_commit_callbacks):
    services.preferences_update(user=priya, email_mentioned=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(story=story, author=other_employee, body="@priya!")
    assert len(told(priya)) == 1 and mail.outbox == []


def test_nobody_is_told_of_mentioning_themselves(story, priya):
    services.comment_create(story=story, author=priya, body="As I, @priya, said")
    assert told(priya) == []


def test_a_story_mention_tells_once_however_often_the_win_is_edited(employee, make_story, priya, sam):
    win = make_story(body="Thanks @priya")
    assert len(told(priya, detail="")) == 1
    data = {"headline": win.headline, "kind": win.kind}
    services.story_update(story=win, heroes=[employee], by=employee, body="Thanks again @priya", **data)
    services.story_update(story=win, heroes=[employee], by=employee, body="Thanks @priya and @sam", **data)
    assert len(told(priya)) == 1 and len(told(sam)) == 1


def test_an_edited_comment_tells_only_the_people_it_newly_mentions(story, priya, sam, other_employee):
    comment = services.comment_create(story=story, author=other_employee, body="@priya")
    services.comment_edit(comment=comment, by=other_employee, body="@priya and @sam")
    assert len(told(priya)) == 1 and len(told(sam)) == 1


def test_a_pending_win_tells_nobody_until_it_is_approved(employee, make_story, priya, manager, settings):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    win = make_story(body="Thanks @priya")
    assert win.status == Story.Status.PENDING and told(priya) == []
    services.story_approve(story=win, by=manager)
    assert len(told(priya)) == 1


def test_a_hidden_win_tells_nobody_until_it_is_shown_again(employee, make_story, priya, manager):
    win = make_story(body="A win")
    services.story_hide(story=win, by=manager, reason="Check it")
    services.story_update(story=win, heroes=[employee], by=manager, body="Now @priya", headline="A", kind="fixed")
    assert told(priya) == []
    services.story_unhide(story=win, by=manager)
    assert len(told(priya)) == 1


# --- suggestions ----------------------------------------------------------------------------------


def test_suggestions_list_active_colleagues_matching_what_was_typed(employee_client, priya, sam, django_user_model):
    make_user(django_user_model, "pat", first="Pat", last="Gone", is_active=False)
    answer = employee_client.get(reverse("people_suggest"), {"q": "pri"})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer.json() == {"people": [{"name": "Priya Nair", "username": "priya", "mention": "Priya Nair"}]}
    assert employee_client.get(reverse("people_suggest"), {"q": "pa"}).json() == {"people": []}
    assert employee_client.get(reverse("people_suggest"), {"q": " "}).json() == {"people": []}


def test_suggestions_are_for_signed_in_colleagues_and_write_nothing(client, priya):
    assert client.get(reverse("people_suggest"), {"q": "pri"}).status_code == 302
    assert client_for(priya).post(reverse("people_suggest"), {"q": "pri"}).status_code == 405
    assert not NotificationPreferences.objects.exists()


def test_the_story_and_comment_boxes_ask_for_suggestions(employee_client, story):
    for url in ("/wins/new/", story.get_absolute_url()):
        page = employee_client.get(url).text
        assert 'data-mentions="/people/suggest.json"' in page and "/static/js/mentions.js" in page
