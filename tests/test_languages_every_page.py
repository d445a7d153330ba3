"""Every page of Winsboard, for everyone who can open it, in German: no
English word left but names and what people wrote. A page (or a new route)
that shows an unmarked or untranslated word fails here, naming the page,
the visitor and the words."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from stories import services
from stories.management.commands._demo_customer import demo_link
from stories.models import AwardCategory, Comment, Nomination, Notification, Story, Tag
from tests.helpers.languages import Written, english_vocabulary, english_words, read_aloud
from tests.test_auth_pages import all_routes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGE = "de"

# Routes no visitor opens as a page with GET, and why.
NOT_PAGES = {
    "language/": "the menu's POST",
    "accounts/logout/": "a POST",
    "wins/share/": "the share sheet's POST",
    "wins/share/<str:token>/<int:number>/": "a shared file",
    "wins/drafts/<int:pk>/photos/<int:number>/": "a draft's photo",
    "wins/drafts/<int:pk>/discard/": "a POST",
    "settings/forwarding/new/": "a POST",
    "inbound/mailgun/inbound_mime/": "Mailgun's webhook",
    "people/suggest.json": "JSON for the mention picker (names only)",
    "manage/people/import/apply/": "a POST",
    "manage/people/export.csv": "a CSV file",
    "manage/export.csv": "a CSV file",
    "manage/people/<int:pk>/invitation/send/": "a POST",
    "manage/people/<int:pk>/deactivate/": "a POST",
    "manage/people/<int:pk>/reactivate/": "a POST",
    "media/<path:name>": "a stored file",
    "mail/photos/<str:token>/": "an e-mail's photo",
    "featured/reorder/": "a POST",
    "manage/review/bulk/": "a POST",
    "slideshow/shown/": "a POST",
    "slideshow/files/<slug:kind>/<int:pk>": "a slide's file",
    "slideshow/d/<str:token>/files/<slug:kind>/<int:pk>": "a slide's file",
    "slideshow/slides.json": "JSON (its texts are checked in test_languages_slideshow)",
    "slideshow/d/<str:token>/slides.json": "JSON (as above)",
    "manage/displays/<int:pk>/qr.svg": "a QR code",
    "insight/<slug:figure>.csv": "a CSV file",
    "featured/feed.atom": "a feed reader's (needs a token)",
    "notifications/read/": "a POST",
    "notifications/<int:pk>/open/": "a redirect to what it is about",
    "settings/notifications/feed/new/": "a POST",
    "settings/notifications/feed/revoke/": "a POST",
    "healthz": "for machines",
    "manifest.webmanifest": "JSON (the app's name)",
    "sw.js": "the service worker's script",
    "accounts/reset/<uidb64>/<token>/": "a reset link (its page is the password form, checked by the journeys)",
    "accounts/oidc/<str:provider_id>/login/": "single sign-on (off here)",
    "accounts/oidc/<str:provider_id>/login/callback/": "single sign-on (off here)",
    "wins/<int:pk>/ask-customer/<int:asked>/qr/": "a QR code shown once",
}


@pytest.fixture
def world(settings):
    """The demo's company, plus what only some pages show."""
    call_command("demo_data", force=True, verbosity=0)
    users = get_user_model().objects
    maria, sam = users.get(username="maria"), users.get(username="sam")
    story = Story.objects.published().filter(heroes=sam).exclude(author=maria).order_by("pk").first()
    services.tag_add(story=story, name="Zimtschnecke", by=maria)
    link = services.display_link_create(name="Lobby", query="", by=maria, language=LANGUAGE)
    newcomer = users.create_user(username="nadia", first_name="Nadia", last_name="Haddad", password=None)
    invitation = services.invitation_issue(user=newcomer)
    return {
        "maria": maria,
        "sam": sam,
        "story": story,
        "display": link,
        "invitation": invitation,
    }


def _fill(route, world):
    """The address of `route` with real values, or None when it has none."""
    story, sam = world["story"], world["sam"]
    values = {
        "pk": story.pk,
        "username": sam.username,
        "tag_pk": Tag.objects.filter(stories=story).values_list("pk", flat=True).first(),
        "token": world["display"].token,
        "figure": "kinds",
    }
    by_prefix = {
        "manage/people/": sam.pk,
        "comments/": Comment.objects.order_by("pk").values_list("pk", flat=True).first(),
        "manage/tags/": Tag.objects.order_by("pk").values_list("pk", flat=True).first(),
        "manage/displays/": world["display"].pk,
        "manage/awards/categories/": AwardCategory.objects.values_list("pk", flat=True).first(),
        "nominations/": Nomination.objects.values_list("pk", flat=True).first(),
        "notifications/": Notification.objects.values_list("pk", flat=True).first(),
    }
    if route == "join/<str:token>/":
        return f"/join/{world['invitation'].token}/"
    if route == "customer/<str:token>/":
        return urlsplit(demo_link()).path
    for prefix, pk in by_prefix.items():
        if route.startswith(prefix):
            values["pk"] = pk
    missing = [name for name in re.findall(r"<(?:\w+:)?(\w+)>", route) if values.get(name) is None]
    if missing:
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route)


def visitors(world):
    manager, employee = Client(), Client()
    manager.force_login(world["maria"])
    employee.force_login(world["sam"])
    return {"signed out": Client(), "an employee": employee, "a manager": manager}


def test_every_page_speaks_german_to_everyone_who_can_open_it(world, settings):
    vocabulary = english_vocabulary(LANGUAGE)
    assert len(vocabulary) > 300, "the German catalogue is missing or nearly empty"
    written = Written()
    routes = sorted({route for route, _name, _view in all_routes() if not route.startswith("admin/")})
    unknown = [route for route in routes if route not in NOT_PAGES and _fill(route, world) is None]
    assert unknown == [], "say how to open these routes (or why they are not pages) in NOT_PAGES"
    english, opened = [], 0
    for who, client in visitors(world).items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = LANGUAGE
        for route in routes:
            if route in NOT_PAGES:
                continue
            url = _fill(route, world)
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code < 500, (who, url)
            if response.status_code in (301, 302, 405) or "text/html" not in response.get("Content-Type", ""):
                continue
            opened += 1
            for part, words in english_words(read_aloud(response.content.decode()), vocabulary, written):
                english.append(f"{who} {url}: {words} in “{part}”")
    assert opened > 60
    assert english == [], "\n".join(english)
