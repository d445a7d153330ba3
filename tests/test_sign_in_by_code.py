"""Sign-in without a password: "E-mail me a sign-in code" (django-allauth).
One code, by e-mail, single use, a few minutes, three tries, rate-limited,
and the same answer whether or not the address belongs to anyone."""

import re

import pytest
from django.core import mail

from stories.models import Profile
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db

REQUEST = "/accounts/login/code/"
CONFIRM = "/accounts/login/code/confirm/"


@pytest.fixture
def priya(django_user_model):
    return make_user(django_user_model, "priya", first="Priya", email="priya@example.com")


def ask_for_code(client, email):
    return client.post(REQUEST, {"email": email})


def code_in(message):
    return re.search(r"^([A-Z0-9]{4,}(?:-[A-Z0-9]+)?)$", message.body, re.M).group(1)


def signed_in_user(client):
    return client.session.get("_auth_user_id")


def test_the_sign_in_page_offers_an_emailed_code(client):
    page = client.get("/accounts/login/").text
    assert f'href="{REQUEST}"' in page and "E-mail me a sign-in code" in page


def test_a_person_signs_in_with_the_code_from_their_email(client, priya):
    asked = ask_for_code(client, "Priya@Example.com")
    assert asked.status_code == 302 and asked["Location"] == CONFIRM
    (message,) = mail.outbox
    assert message.to == ["priya@example.com"] and message.subject == "Winsboard: Your sign-in code"
    code = code_in(message)
    assert f"{CONFIRM}?code={code}" in message.body and "within 5 minutes" in message.body
    page = client.get(CONFIRM)
    assert "priya@example.com" in page.text
    done = client.post(CONFIRM, {"code": code})
    assert done.status_code == 302 and done["Location"] == "/"
    assert signed_in_user(client) == str(priya.pk)


def test_the_link_in_the_email_fills_the_code_in_but_only_a_post_signs_in(client, priya):
    ask_for_code(client, "priya@example.com")
    code = code_in(mail.outbox[0])
    page = client.get(f"{CONFIRM}?code={code}")
    assert f'value="{code}"' in page.text
    assert signed_in_user(client) is None


def test_an_unknown_address_reads_the_same_and_gets_no_email(client, priya):
    known = ask_for_code(client, "priya@example.com")
    stranger = client.__class__()
    unknown = ask_for_code(stranger, "nobody@example.com")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    page = stranger.get(CONFIRM)
    assert page.status_code == 200 and "If <strong>nobody@example.com</strong> belongs to someone here" in page.text
    assert [m.to for m in mail.outbox] == [["priya@example.com"]]
    # Any code typed for an unknown address fails the same way a wrong one does.
    assert "code" in stranger.post(CONFIRM, {"code": "ABC123"}).context["form"].errors


def test_a_code_works_once(client, priya):
    ask_for_code(client, "priya@example.com")
    code = code_in(mail.outbox[0])
    client.post(CONFIRM, {"code": code})
    client.post("/accounts/logout/")
    again = client.post(CONFIRM, {"code": code})
    assert again.status_code == 302 and again["Location"] == REQUEST
    assert signed_in_user(client) is None


def test_three_wrong_codes_end_the_attempt(client, priya):
    ask_for_code(client, "priya@example.com")
    code = code_in(mail.outbox[0])
    for _ in range(2):
        assert client.post(CONFIRM, {"code": "WRONG1"}).status_code == 200
    third = client.post(CONFIRM, {"code": "WRONG1"})
    assert third.status_code == 302 and third["Location"] == REQUEST
    assert client.post(CONFIRM, {"code": code}).status_code == 302  # sent back to ask again
    assert signed_in_user(client) is None


def test_a_code_older_than_five_minutes_is_refused(client, priya):
    ask_for_code(client, "priya@example.com")
    code = code_in(mail.outbox[0])
    session = client.session
    session["account_login"]["state"]["stages"]["login_by_code"]["data"]["at"] -= 5 * 60 + 1
    session.save()
    late = client.post(CONFIRM, {"code": code})
    assert late.status_code == 302 and late["Location"] == REQUEST
    assert signed_in_user(client) is None


def test_asking_for_codes_again_and_again_is_refused(client, priya):
    """Three codes for one address in 15 minutes (each from a new browser:
    one browser asking again just sees its code page), ten from one client."""
    for _ in range(3):
        assert ask_for_code(client.__class__(), "priya@example.com").status_code == 302
    fourth = ask_for_code(client.__class__(), "PRIYA@example.com")
    assert fourth.status_code == 429 and "Too many codes were asked for from here" in fourth.text
    assert len(mail.outbox) == 3
    for n in range(6):
        ask_for_code(client.__class__(), f"someone{n}@example.com")
    eleventh = ask_for_code(client.__class__(), "another@example.com")
    assert eleventh.status_code == 429


def test_a_deactivated_person_gets_no_way_in(client, priya):
    priya.is_active = False
    priya.save()
    ask_for_code(client, "priya@example.com")
    for message in mail.outbox:
        client.post(CONFIRM, {"code": code_in(message)})
    assert signed_in_user(client) is None


def test_the_welcome_message_shows_a_name_as_text(client, priya):
    Profile.objects.create(user=priya, display_name="<b>Priya</b>")
    ask_for_code(client, "priya@example.com")
    feed = client.post(CONFIRM, {"code": code_in(mail.outbox[0])}, follow=True)
    assert "Welcome, &lt;b&gt;Priya&lt;/b&gt;." in feed.text
