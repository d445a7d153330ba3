"""Thank-you e-mails become draft wins, by each of the three ways in — the
pipe transport's `manage.py receive_email`, the SMTP server (a real SMTP
session from smtplib) and Mailgun's signed webhook — through the one parser;
and what is not for us (an unknown or replaced address, another sender, a
hostile message) makes nothing, answers no sender and is logged."""

import logging
import os
import smtplib
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import default_storage

from stories import services
from stories.management.commands.email_server import inbound_controller
from stories.models import InboundDraft, Notification, Story
from tests.helpers.inbound import (
    EXPECTED,
    address_for,
    corpus_message,
    draft_facts,
    smtp_send,
    through_stdin,
    through_webhook,
)
from tests.helpers.mail_bombs import FROM, TAIL, deeply_nested, many_attachments, many_parts, png_bomb, with_images
from tests.helpers.people import make_user
from tests.helpers.servers import free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _inbound_settings(settings):
    settings.WINSBOARD_INBOUND_DOMAIN = "wins.example.com"
    settings.WINSBOARD_MAILGUN_WEBHOOK_SIGNING_KEY = "key-test-signing-0123456789"


@pytest.fixture
def forwarders(django_user_model):
    return {
        "sam": make_user(django_user_model, "sam", first="Sam", last="Okafor", email="sam@example.com"),
        "priya": make_user(django_user_model, "priya", first="Priya", last="Nair", email="Priya@Example.com"),
    }


@pytest.fixture
def smtp_port(transactional_db):
    controller = inbound_controller(host="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port
    controller.stop()


def only_draft():
    drafts = list(InboundDraft.objects.select_related("owner"))
    assert len(drafts) == 1
    return drafts[0]


def stored_files():
    try:
        return default_storage.listdir("inbound")[1]
    except FileNotFoundError:
        return []


# --- each message of the corpus, by each way in -------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_forward_becomes_the_expected_draft_through_the_pipe_command(name, forwarders, monkeypatch):
    owner = forwarders[EXPECTED[name].sender]
    output = through_stdin(corpus_message(name, owner), monkeypatch)
    draft = only_draft()
    assert output.startswith(f"draft {draft.pk}")
    assert draft_facts(draft) == EXPECTED[name]
    assert Story.objects.count() == 0  # nothing is published until they press Post


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_forward_becomes_the_expected_draft_through_the_smtp_server(name, forwarders, smtp_port):
    owner = forwarders[EXPECTED[name].sender]
    refused = smtp_send_to(smtp_port, corpus_message(name, owner), owner)
    assert refused == {}
    assert draft_facts(only_draft()) == EXPECTED[name]


def smtp_send_to(port, raw, owner):
    return smtp_send(port, raw, sender=owner.email, recipients=[address_for(owner)])


# An 8-bit Latin-1 message can't be posted as text by a provider: the other seven go by the webhook.
WEBHOOK_CORPUS = sorted(name for name in EXPECTED if "8bit" not in name)


@pytest.mark.parametrize("name", WEBHOOK_CORPUS)
def test_each_forward_becomes_the_expected_draft_through_the_signed_webhook(name, forwarders):
    owner = forwarders[EXPECTED[name].sender]
    response = through_webhook(corpus_message(name, owner), recipient=address_for(owner))
    assert response.status_code == 200
    assert draft_facts(only_draft()) == EXPECTED[name]


@pytest.mark.slow
def test_a_mail_servers_pipe_transport_runs_the_command_with_the_message_on_standard_input(
    forwarders, transactional_db, settings
):
    owner = forwarders["sam"]
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "SECRET_KEY": settings.SECRET_KEY,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "WINSBOARD_INBOUND_DOMAIN": "wins.example.com",
        "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
    }
    if database["ENGINE"].endswith("sqlite3"):
        env["SQLITE_PATH"] = str(database["NAME"])
    else:
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
    raw = corpus_message("apple_mail_nl_quoted.eml", owner)
    command = [sys.executable, "manage.py", "receive_email", f"--recipient={address_for(owner)}"]
    result = subprocess.run(command, input=raw, capture_output=True, cwd=ROOT, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert draft_facts(only_draft()) == EXPECTED["apple_mail_nl_quoted.eml"]


# --- who it is for, who it is from ----------------------------------------------------


def test_the_smtp_server_refuses_an_unknown_recipient_before_taking_the_message(forwarders, smtp_port):
    raw = corpus_message("not_forwarded.eml", forwarders["sam"])
    for stranger in ("wins+1-abcdefghijklmnop@wins.example.com", "someone@wins.example.com", "wins+x@else.org"):
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            smtp_send_to_address(smtp_port, raw, stranger)
        assert refused.value.recipients[stranger][0] == 550
    assert not InboundDraft.objects.exists()


def smtp_send_to_address(port, raw, address):
    return smtp_send(port, raw, sender="sam@example.com", recipients=[address])


def test_a_new_address_stops_the_old_one_at_once(forwarders, monkeypatch, caplog):
    owner = forwarders["sam"]
    old = corpus_message("not_forwarded.eml", owner)
    services.inbound_address_renew(user=owner)
    owner.refresh_from_db()
    with caplog.at_level(logging.WARNING, logger="stories.services.inbound"):
        assert through_stdin(old, monkeypatch).startswith("dropped: unknown or replaced address")
    assert "Inbound e-mail dropped: unknown or replaced address" in caplog.text
    through_stdin(corpus_message("not_forwarded.eml", owner), monkeypatch)
    assert only_draft().owner == owner


def test_the_replaced_address_is_refused_at_rcpt_to(forwarders, smtp_port):
    owner = forwarders["sam"]
    old_address = address_for(owner)
    services.inbound_address_renew(user=owner)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        smtp_send_to_address(smtp_port, corpus_message("not_forwarded.eml", owner), old_address)


def test_a_message_from_someone_else_than_the_addresss_owner_is_dropped_without_a_reply(
    forwarders, monkeypatch, caplog
):
    raw = corpus_message("thunderbird_en_latin1_8bit.eml", forwarders["sam"])  # From: priya, to sam's address
    with caplog.at_level(logging.WARNING, logger="stories.services.inbound"):
        assert through_stdin(raw, monkeypatch).startswith("dropped: the sender is not the address's owner")
    assert not InboundDraft.objects.exists() and mail.outbox == []
    assert "the sender is not the address's owner" in caplog.text


def test_a_deactivated_persons_address_takes_nothing(forwarders, monkeypatch):
    owner = forwarders["sam"]
    owner.is_active = False
    owner.save()
    assert through_stdin(corpus_message("not_forwarded.eml", owner), monkeypatch).startswith("dropped")
    assert not InboundDraft.objects.exists()


def test_the_envelope_recipient_decides_over_the_messages_own_headers(forwarders, monkeypatch):
    raw = corpus_message("not_forwarded.eml", forwarders["sam"])
    output = through_stdin(raw, monkeypatch, "wins+1-aaaaaaaaaaaaaaaa@wins.example.com")
    assert output.startswith("dropped: unknown") and not InboundDraft.objects.exists()


def test_the_same_message_twice_makes_one_draft(forwarders, monkeypatch):
    raw = corpus_message("gmail_en_inline_photo.eml", forwarders["sam"])
    through_stdin(raw, monkeypatch)
    through_stdin(raw, monkeypatch)
    assert InboundDraft.objects.count() == 1 and len(stored_files()) == 1


# --- the webhook's signature ----------------------------------------------------------


def test_a_wrongly_signed_webhook_makes_nothing(forwarders):
    owner = forwarders["sam"]
    raw = corpus_message("not_forwarded.eml", owner)
    response = through_webhook(raw, recipient=address_for(owner), key="not-the-key")
    assert response.status_code == 400
    assert not InboundDraft.objects.exists()


def test_the_webhook_is_off_without_a_signing_key(forwarders, settings):
    settings.WINSBOARD_MAILGUN_WEBHOOK_SIGNING_KEY = ""
    owner = forwarders["sam"]
    response = through_webhook(corpus_message("not_forwarded.eml", owner), recipient=address_for(owner))
    assert response.status_code == 404 and not InboundDraft.objects.exists()


def test_a_webhook_for_an_unknown_address_is_answered_200_and_makes_nothing(forwarders):
    raw = corpus_message("not_forwarded.eml", forwarders["sam"])
    response = through_webhook(raw, recipient="wins+1-aaaaaaaaaaaaaaaa@wins.example.com")
    assert response.status_code == 200 and not InboundDraft.objects.exists()


# --- hostile mail never gets in --------------------------------------------------------


def addressed(raw, owner):
    return raw.replace(b"wins+TOKEN@wins.example.com", address_for(owner).encode())


HOSTILE = {
    "over 25 MB": lambda: FROM + TAIL + b"\n" + b"x" * (25 * 1024 * 1024 + 1),
    "11 attachments": lambda: many_attachments(11),
    "nested 40 deep": lambda: deeply_nested(40),
    "5000 parts": lambda: many_parts(5000),
    "a decompression bomb": lambda: with_images([png_bomb()]),
    "a header line without a colon": lambda: FROM + b"Subject: hi\nnot a header\n\nThanks\n",
    "a script and a tracker only": lambda: (
        FROM + TAIL + b'Content-Type: text/html\n\n<script>alert(1)</script><img src="https://t.example/p.gif">'
    ),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_messages_make_nothing(kind, forwarders, monkeypatch, caplog):
    owner = forwarders["sam"]
    raw = addressed(HOSTILE[kind](), owner)
    with caplog.at_level(logging.WARNING, logger="stories.services.inbound"):
        output = through_stdin(raw, monkeypatch)
    assert output.startswith("dropped") and "Inbound e-mail dropped" in caplog.text
    assert (InboundDraft.objects.count(), stored_files(), mail.outbox) == (0, [], [])
    assert not Notification.objects.filter(kind="draft").exists()


def test_a_photo_that_fails_the_checks_drops_the_whole_message(forwarders, monkeypatch):
    owner = forwarders["sam"]
    raw = addressed(with_images([b"\x89PNG\r\n\x1a\nnot really a png"]), owner)
    assert through_stdin(raw, monkeypatch).startswith("dropped: a photo failed the checks")
    assert not InboundDraft.objects.exists() and stored_files() == []


def test_hostile_messages_by_smtp_get_no_draft_and_an_oversized_one_is_refused_at_data(forwarders, smtp_port):
    owner = forwarders["sam"]
    with pytest.raises(smtplib.SMTPException):
        smtp_send_to(smtp_port, addressed(HOSTILE["over 25 MB"](), owner), owner)
    assert smtp_send_to(smtp_port, addressed(many_parts(5000), owner), owner) == {}  # accepted, then dropped
    assert not InboundDraft.objects.exists()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_messages_make_nothing_through_the_webhook_and_never_a_500(kind, forwarders):
    owner = forwarders["sam"]
    raw = addressed(HOSTILE[kind](), owner)
    response = through_webhook(raw, recipient=address_for(owner))
    assert response.status_code == (400 if kind == "over 25 MB" else 200)  # Django refuses a post that large
    assert (InboundDraft.objects.count(), stored_files(), mail.outbox) == (0, [], [])


@pytest.mark.parametrize("kind", sorted(set(HOSTILE) - {"over 25 MB"}))  # that one: refused at DATA, above
def test_hostile_messages_make_nothing_through_the_smtp_server(kind, forwarders, smtp_port):
    owner = forwarders["sam"]
    assert smtp_send_to(smtp_port, addressed(HOSTILE[kind](), owner), owner) == {}  # accepted, then dropped
    assert (InboundDraft.objects.count(), stored_files(), mail.outbox) == (0, [], [])
