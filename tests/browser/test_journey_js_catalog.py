"""Journey: our scripts' words come from the JavaScript catalogue
(static/i18n/<code>.js, manage.py js_catalogs), loaded before them under the
strict CSP. The catalogues hold no translations yet, so the test serves the
page's catalogue with a few German words added, as compiled translations will
add them: the post form's heroes field and the slideshow then show them, with
numbers as the page's language writes them."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import sign_in
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db(transaction=True)

GERMAN = """
django.catalog["Type a name to add a colleague"] = "Namen tippen, um jemanden hinzuzufügen";
django.catalog["under a count on the title slide\\x04win"] = ["Erfolg", "Erfolge"];
django.catalog["verb: pause the slideshow\\x04Pause"] = "Anhalten";
"""


def with_german_words(page):
    def serve(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + GERMAN)

    page.route("**/static/i18n/en.js", serve)


def test_the_post_forms_words_come_from_the_catalogue(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    with_german_words(page)
    page.goto(f"{page.base_url}/wins/new/")
    expect(page.get_by_role("combobox", name="Heroes")).to_have_attribute(
        "placeholder", "Namen tippen, um jemanden hinzuzufügen"
    )


def test_the_slideshows_words_and_numbers_follow_the_pages_language(browser_page, employee, make_story):
    for position in range(2):
        feature(make_story(headline=f"Win number {position}"), position=position)
    page = browser_page
    sign_in(page, employee)
    with_german_words(page)
    page.clock.install()
    page.goto(f"{page.base_url}/slideshow/?seconds=60")
    slide = page.locator(".slide.is-current")
    expect(slide).to_have_attribute("data-id", "title")
    expect(slide.locator(".title-stat").first).to_contain_text("Erfolge")  # npgettext, the plural form
    expect(page.locator('[data-action="pause"]')).to_have_text("Pause")  # the template's word, until it plays
    page.keyboard.press("p")
    page.keyboard.press("p")
    expect(page.locator('[data-action="pause"]')).to_have_text("Anhalten")  # pgettext, from the script

    # The counter writes its numbers as the page's language does (Intl, <html lang>).
    page.evaluate("document.documentElement.lang = 'ar-EG'")
    page.keyboard.press("End")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-counter]")).to_have_text("١ / ٢")
