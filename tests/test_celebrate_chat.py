"""The chat message when a win is featured (WINSBOARD_CHAT_WEBHOOK_URL):
posted by a background task, after the commit, as `{"text": …}` (Slack and
Teams incoming webhooks both take it), retried with backoff, logged when it
fails and never shown to the manager; no customer quote without consent.
Tried against a local HTTP server started by the test."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.tasks import task_backends
from django.urls import reverse

from stories import services, tasks
from stories.models import Story
from tests.helpers.people import client_for
from tests.helpers.settings import load_settings, refused

pytestmark = pytest.mark.django_db

SITE = "https://wins.example.com"


class Webhook:
    """A local incoming webhook: answers each POST with the next status of
    `answers` (then 200), and keeps what it was sent."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received = []
        webhook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                webhook.received.append(
                    {"body": json.loads(self.rfile.read(length)), "type": self.headers.get("Content-Type")}
                )
                status = webhook.answers.pop(0) if webhook.answers else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T000/B000/secret-part"
        # A short poll: shutdown() waits up to one poll interval (0.5 s by default, per test).
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def chat(settings):
    """The webhook, allowed over plain http on 127.0.0.1 for the test only
    (the settings accept https:// addresses alone), retries without waiting."""
    settings.WINSBOARD_SITE_URL = SITE
    settings.WINSBOARD_CHAT_RETRY_DELAYS = (0, 0, 0)
    settings.WINSBOARD_CHAT_TIMEOUT_SECONDS = 5

    def start(answers=()):
        webhook = Webhook(answers)
        settings.WINSBOARD_CHAT_WEBHOOK_URL = webhook.url
        return webhook

    return start


@pytest.fixture
def win(make_story, employee, other_employee):
    return make_story(
        author=employee,
        heroes=[employee, other_employee],
        headline="Saved the anniversary",
        quote="You made our day!",
        quote_by="Mrs Lee",
        customer_consent=True,
    )


def feature(manager, story, captured, note="Kindness itself"):
    with captured(execute=True):
        return client_for(manager).post(reverse("curate_feature", args=[story.pk]), {"note": note})


def test_featuring_posts_headline_heroes_note_quote_and_link(chat, win, manager, django_capture_on_commit_callbacks):
    with chat() as webhook:
        response = feature(manager, win, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(webhook.received) == 1
    assert webhook.received[0]["type"] == "application/json; charset=utf-8"
    assert webhook.received[0]["body"] == {
        "text": "★ Featured win: Saved the anniversary\n"
        "Heroes: Erin Employee and Oscar Other\n"
        "Why we love this: Kindness itself\n"
        "“You made our day!” — Mrs Lee\n"
        f"{SITE}/wins/{win.pk}/"
    }


def test_no_customer_quote_without_consent(chat, win, manager, django_capture_on_commit_callbacks):
    Story.objects.filter(pk=win.pk).update(quote="", quote_by="", customer_consent=False)
    with chat() as webhook:
        feature(manager, win, django_capture_on_commit_callbacks)
    assert "“" not in webhook.received[0]["body"]["text"] and "Mrs Lee" not in webhook.received[0]["body"]["text"]


def test_changing_the_note_or_featuring_again_posts_nothing_more(
    chat, win, manager, django_capture_on_commit_callbacks
):
    with chat() as webhook:
        feature(manager, win, django_capture_on_commit_callbacks)
        feature(manager, win, django_capture_on_commit_callbacks, note="New note")
    assert len(webhook.received) == 1


def test_failures_are_retried_until_the_webhook_takes_it(
    chat, win, manager, django_capture_on_commit_callbacks, caplog
):
    with chat(answers=[500, 503, 429]) as webhook, caplog.at_level(logging.WARNING):
        response = feature(manager, win, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(webhook.received) == 4 and webhook.received[0] == webhook.received[3]
    assert "failed after" not in caplog.text


def test_a_webhook_that_keeps_failing_is_given_up_logged_and_never_shown_to_the_manager(
    chat, win, manager, django_capture_on_commit_callbacks, caplog
):
    with chat(answers=[500] * 10) as webhook, caplog.at_level(logging.WARNING, logger="stories.tasks"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(manager).post(
                reverse("curate_feature", args=[win.pk]), {"note": "n", "next": "/featured/"}, follow=True
            )
    assert len(webhook.received) == 4  # the first try and three retries
    assert f"Posting featured win {win.pk} to the chat failed after 4 attempt(s)" in caplog.text
    assert webhook.url not in caplog.text and "secret-part" not in caplog.text  # a webhook address is a secret
    assert response.status_code == 200 and "is on the featured wall" in response.text
    assert "chat" not in response.text.lower().split("<main")[1]


def test_a_client_error_is_not_retried(chat, win, manager, django_capture_on_commit_callbacks, caplog):
    with chat(answers=[404]) as webhook, caplog.at_level(logging.WARNING, logger="stories.tasks"):
        feature(manager, win, django_capture_on_commit_callbacks)
    assert len(webhook.received) == 1 and "failed after 1 attempt(s)" in caplog.text


def test_an_unreachable_webhook_is_retried_then_logged(settings, chat, win, caplog):
    settings.WINSBOARD_CHAT_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"  # the discard port
    services.story_feature(story=win, by=None)
    with caplog.at_level(logging.WARNING, logger="stories.tasks"):
        assert tasks.post_featured_to_chat.call(win.pk) == "failed"
    assert caplog.text.count("could not be reached") == 4


def test_with_a_backend_that_can_wait_a_retry_is_a_new_task_run_later(chat, win, settings):
    settings.WINSBOARD_CHAT_RETRY_DELAYS = (30, 60)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # it can defer
    services.story_feature(story=win, by=None)
    with chat(answers=[503]) as webhook:
        assert tasks.post_featured_to_chat.call(win.pk) == "retrying"
    assert len(webhook.received) == 1
    queued = task_backends["default"].results
    assert len(queued) == 1 and queued[0].args == [win.pk, 2]
    assert queued[0].task.run_after is not None


def test_nothing_is_posted_without_a_webhook_or_for_a_win_no_longer_featured(
    settings, chat, win, manager, django_capture_on_commit_callbacks
):
    settings.WINSBOARD_CHAT_WEBHOOK_URL = ""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.story_feature(story=win, by=manager)
    assert [c for c in callbacks if "chat" in repr(c)] == []
    with chat() as webhook:
        services.story_unfeature(story=win, by=manager)
        assert tasks.post_featured_to_chat.call(win.pk) == "skipped"
    assert webhook.received == []


# --- the setting ------------------------------------------------------------------------------


def test_the_webhook_setting_takes_https_only_and_never_echoes_the_address():
    message = refused(WINSBOARD_CHAT_WEBHOOK_URL="http://hooks.example.com/services/secret-part")
    assert "WINSBOARD_CHAT_WEBHOOK_URL must be an https:// address" in message and "secret-part" not in message
    assert "must be an https://" in refused(WINSBOARD_CHAT_WEBHOOK_URL="https://")
    url = "https://hooks.slack.com/services/T0/B0/abc"
    assert load_settings("WINSBOARD_CHAT_WEBHOOK_URL", WINSBOARD_CHAT_WEBHOOK_URL=url) == {
        "WINSBOARD_CHAT_WEBHOOK_URL": url
    }


def test_the_site_address_is_checked_and_defaults_sensibly():
    assert load_settings("WINSBOARD_SITE_URL") == {"WINSBOARD_SITE_URL": "http://127.0.0.1:8000"}
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "wins.example.com,.example.com"}
    assert load_settings("WINSBOARD_SITE_URL", **production) == {"WINSBOARD_SITE_URL": "https://wins.example.com"}
    assert "must start with https://" in refused(WINSBOARD_SITE_URL="http://wins.example.com", **production)
    assert "must be the site's address" in refused(WINSBOARD_SITE_URL="wins.example.com")
    assert load_settings("WINSBOARD_SITE_URL", WINSBOARD_SITE_URL="https://wins.example.com/") == {
        "WINSBOARD_SITE_URL": "https://wins.example.com"
    }
