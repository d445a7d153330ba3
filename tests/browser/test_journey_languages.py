"""Journeys in other languages: a Spanish browser's sign-in page; a person
who switches to German in /settings/ and reads every page of the main
journeys in German; an Arabic page laid out right to left that passes axe
on a phone and a desktop in both colour schemes; a lobby screen whose
display link speaks French."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from stories import services
from stories.models import Profile
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.languages import Written, english_vocabulary, english_words, read_aloud
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db(transaction=True)


def said(code, english, context=None):
    """What the `code` catalogue says for `english`."""
    with translation.override(code):
        return translation.pgettext(context, english) if context else translation.gettext(english)


@pytest.fixture
def wins(make_story, manager, employee):
    story = make_story(headline="Zimmer 412 gerettet", body="Kuchen um Mitternacht für die Gäste.")
    feature(story)
    services.cheer_set(story=story, user=manager, on=True)
    return story


def test_a_spanish_browser_gets_the_sign_in_page_in_spanish(browser, live_server):
    context = browser.new_context(locale="es-ES")  # Accept-Language: es-ES
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.get_by_role("button", name=said("es", "Sign in"))).to_be_visible()
        expect(page.get_by_label(said("es", "Password"))).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()


def test_someone_who_chooses_german_reads_every_page_of_the_main_journeys_in_german(browser_page, employee, wins):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/settings/")
    page.locator("#id_language").select_option("de")  # the footer's menu is labelled "Language" too
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert Profile.objects.get(user=employee).language == "de"

    vocabulary, written = english_vocabulary("de"), Written()
    for path in ("/", f"/wins/{wins.pk}/", "/wins/new/", "/featured/", "/people/", "/notifications/", "/settings/"):
        page.goto(page.base_url + path)
        expect(page.locator("html")).to_have_attribute("lang", "de")
        left = english_words(read_aloud(page.content()), vocabulary, written)
        assert left == [], f"{path}: {left}"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_arabic_page_reads_right_to_left_and_passes_axe(browser, live_server, employee, wins, scheme, width):
    Profile.objects.update_or_create(user=employee, defaults={"language": "ar"})
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, employee)
        for path in ("/", f"/wins/{wins.pk}/", "/wins/new/", "/featured/"):
            page.goto(page.base_url + path)
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            expect(page.locator("html")).to_have_attribute("lang", "ar")
            brand = page.locator(".navbar-brand").bounding_box()
            assert brand["x"] > width / 2, "the navigation starts on the right"
            assert_accessible(page)
    finally:
        context.close()


def test_a_display_link_set_to_french_plays_the_slideshow_in_french(browser, live_server, manager, wins):
    link = services.display_link_create(name="Lobby", query="", by=manager)
    link.language = "fr"
    link.save(update_fields=["language"])
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/slideshow/d/{link.token}/")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        heading = said("fr", "%(name)s: Winsboard — featured wins") % {"name": "Lobby"}
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert heading != "Lobby: Winsboard — featured wins"
        expect(page.get_by_role("region", name=said("fr", "Featured wins"))).to_be_attached()
        assert_accessible(page)
    finally:
        context.close()


def test_a_mention_is_mailed_in_the_readers_language_while_the_sender_writes_in_another(
    browser_page, employee, django_user_model, wins
):
    from django.core import mail

    from tests.helpers.people import make_user

    jose = make_user(django_user_model, "jose", first="José", last="Zamora", email="jose@example.com")
    Profile.objects.update_or_create(user=jose, defaults={"language": "es"})
    Profile.objects.update_or_create(user=employee, defaults={"language": "de"})
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/{wins.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_label(said("de", "Comment", "noun")).first.fill("Danke @jose!")
    page.get_by_role("button", name=said("de", "Post comment")).click()
    expect(page.get_by_text("Danke")).to_be_visible()
    [message] = [m for m in mail.outbox if m.to == ["jose@example.com"]]
    with translation.override("es"):
        from stories import tasks
        from stories.models import Notification

        expected = tasks.email_subject(Notification.Kind.MENTIONED, wins.headline)
    assert message.subject == expected and message.extra_headers["Content-Language"] == "es"
