"""7. Limits that keep one address from filling the mail queue or the CPU:
password-reset emails per address, and a burst of wrong passwords refused
before any password is checked (each check costs ~0.3 s of CPU)."""

import time

import pytest
from django.core import mail

from stories.auth import FAILURES_PER_MINUTE, RESET_MAILS_PER_EMAIL, RESETS_PER_ADDRESS, RESETS_PER_EMAIL

pytestmark = pytest.mark.django_db


def ask_reset(client, email, address="10.0.0.1"):
    return client.post("/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_reset_emails_to_one_address_stop_after_ten_an_hour(client, employee):
    """From many clients: every one gets the usual page (none can get
    another refused), and only ten emails go out."""
    employee.email = "erin@example.com"
    employee.save()
    answers = [ask_reset(client, "erin@example.com", address=f"10.0.0.{n}").status_code for n in range(30)]
    assert set(answers) == {302}
    assert len(mail.outbox) == RESET_MAILS_PER_EMAIL == 10


def test_the_refusal_says_what_to_do_and_reveals_nothing_about_accounts(client, employee):
    """An address with no account is limited the same way."""
    for _ in range(RESETS_PER_EMAIL):
        ask_reset(client, "nobody@example.com")
    response = ask_reset(client, "nobody@example.com")
    assert response.status_code == 429
    assert "Too many reset emails were asked for just now." in response.text


def test_one_client_address_cannot_spray_reset_emails(client, django_user_model):
    for n in range(20):
        django_user_model.objects.create_user(username=f"u{n}", email=f"u{n}@example.com", password="x")
    answers = [ask_reset(client, f"u{n}@example.com").status_code for n in range(20)]
    assert answers.count(302) == RESETS_PER_ADDRESS and set(answers[RESETS_PER_ADDRESS:]) == {429}
    assert len(mail.outbox) == RESETS_PER_ADDRESS
    assert ask_reset(client, "u19@example.com", address="10.9.9.9").status_code == 302  # another office


def test_a_burst_of_wrong_passwords_is_refused_before_any_password_is_checked(client, employee, settings):
    """With Django's real (slow) password hasher: past the burst limit, a
    sign-in costs no password check at all."""
    for number in range(FAILURES_PER_MINUTE):
        client.post("/accounts/login/", {"username": f"user{number}", "password": "guess"}, REMOTE_ADDR="10.0.0.7")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the real cost from here
    started = time.process_time()
    response = client.post("/accounts/login/", {"username": "someone", "password": "guess"}, REMOTE_ADDR="10.0.0.7")
    cpu = time.process_time() - started
    assert response.status_code == 429
    assert cpu < 0.05, f"a refused sign-in still cost {cpu:.3f} s of CPU"


def test_the_burst_limit_is_per_minute_and_per_address(client, employee, settings):
    for number in range(FAILURES_PER_MINUTE):
        client.post("/accounts/login/", {"username": f"user{number}", "password": "guess"}, REMOTE_ADDR="10.0.0.8")
    data = {"username": "erin", "password": "correct-horse-battery"}
    assert client.post("/accounts/login/", data, REMOTE_ADDR="10.0.0.9").status_code == 302
