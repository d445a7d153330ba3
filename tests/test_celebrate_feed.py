"""The featured wall as an Atom feed (/featured/feed.atom) for a chat tool's
feed reader: no session, a per-person token instead (shown, renewed and
revoked on /settings/notifications/); only what the wall shows; 404 for any
other token; the token neither logged nor sent on as a Referer."""

import logging
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from stories import services
from stories.models import NotificationPreferences
from tests.helpers.people import client_for

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def token_for(user):
    return services.feed_token_create(user=user).feed_token


def feed(token, client=None):
    return (client or Client()).get(reverse("featured_feed"), {"token": token})


def titles(response):
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, in a test
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def wall(make_story, manager, employee, other_employee):
    shown = make_story(
        headline="On the wall",
        heroes=[employee, other_employee],
        quote="Thanks!",
        quote_by="Mrs Lee",
        customer_consent=True,
    )
    services.story_feature(story=shown, by=manager, note="Kindness <3")
    hidden = make_story(headline="Hidden one")
    services.story_feature(story=hidden, by=manager)
    services.story_hide(story=hidden, by=manager, reason="Names a guest")
    make_story(headline="Never featured")
    return shown


def test_a_valid_token_opens_the_feed_without_signing_in(wall, other_employee):
    response = feed(token_for(other_employee))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert titles(response) == ["On the wall"]
    entry = response.content.decode()
    assert f"http://testserver/wins/{wall.pk}/" in entry
    assert "Why we love this: Kindness &amp;lt;3" in entry  # escaped HTML inside the escaped summary
    assert "Erin Employee, Oscar Other" in entry and "Mrs Lee" in entry


@pytest.mark.parametrize("token", ["", "short", "x" * 43, "../../etc/passwd" + "a" * 40, "a" * 200])
def test_any_other_token_is_a_404(wall, other_employee, token):
    token_for(other_employee)
    assert feed(token).status_code == 404


def test_a_revoked_or_replaced_token_stops_at_once(wall, other_employee):
    old = token_for(other_employee)
    new = token_for(other_employee)
    assert new != old and feed(old).status_code == 404 and feed(new).status_code == 200
    services.feed_token_revoke(user=other_employee)
    assert feed(new).status_code == 404


def test_a_closed_account_feed_stops(wall, other_employee):
    token = token_for(other_employee)
    other_employee.is_active = False
    other_employee.save()
    assert feed(token).status_code == 404


def test_the_answer_keeps_the_token_out_of_referers_indexes_and_shared_caches(wall, other_employee):
    response = feed(token_for(other_employee))
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-cache"


def test_the_token_is_never_written_to_the_logs(wall, other_employee, caplog):
    token = token_for(other_employee)
    with caplog.at_level(logging.DEBUG):
        feed(token)
        feed(token[:-1] + ("A" if token[-1] != "A" else "B"))  # a 404: Django logs the path, never the query
    assert "Not Found: /featured/feed.atom" in caplog.text
    assert token not in caplog.text and token[:-1] not in caplog.text


def test_the_settings_page_shows_renews_and_revokes_the_address(other_employee):
    client = client_for(other_employee)
    assert "Get a feed address" in client.get("/settings/notifications/").text
    response = client.post(reverse("feed_token_create"))
    assert response.status_code == 302 and response["Location"] == "/settings/notifications/#feed"
    token = NotificationPreferences.objects.get(user=other_employee).feed_token
    page = client.get("/settings/notifications/").text
    assert f'value="http://testserver/featured/feed.atom?token={token}"' in page
    client.post(reverse("feed_token_create"))
    assert NotificationPreferences.objects.get(user=other_employee).feed_token != token
    client.post(reverse("feed_token_revoke"))
    assert NotificationPreferences.objects.get(user=other_employee).feed_token is None
    assert "Get a feed address" in client.get("/settings/notifications/").text


def test_tokens_are_made_and_revoked_by_post_only(other_employee):
    client = client_for(other_employee)
    assert client.get(reverse("feed_token_create")).status_code == 405
    assert client.get(reverse("feed_token_revoke")).status_code == 405
    assert not NotificationPreferences.objects.exists()
