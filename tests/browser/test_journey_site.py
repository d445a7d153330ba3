"""Journey: what every signed-in page's htmx shares, from static/js/site.js:
a redirect (an expired sign-in) followed by one handler, and failures told in
the page's live region — whether or not celebrate.js is there, and in
whichever order the feature scripts load."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

JS = Path(settings.BASE_DIR) / "static" / "js"
CELEBRATE_JS = re.compile(r".*/js/celebrate(\.[0-9a-f]+)?\.js$")
CURATION_JS = re.compile(r".*/js/curation(\.[0-9a-f]+)?\.js$")


@pytest.fixture
def win(make_story, employee):
    return make_story(author=employee, heroes=[employee], headline="Rescued a wedding")


def listener_scripts(page, event_type):
    """The file name of the script behind each listener for `event_type` on the
    document and the window (Chrome DevTools Protocol)."""
    cdp = page.context.new_cdp_session(page)
    scripts = {}
    cdp.on("Debugger.scriptParsed", lambda script: scripts.__setitem__(script["scriptId"], script["url"]))
    cdp.send("Debugger.enable")  # reports every script already parsed
    found = []
    for target in ("document", "window"):
        handle = cdp.send("Runtime.evaluate", {"expression": target})["result"]["objectId"]
        for listener in cdp.send("DOMDebugger.getEventListeners", {"objectId": handle})["listeners"]:
            if listener["type"] == event_type:
                found.append(scripts[listener["scriptId"]].rsplit("/", 1)[-1])
    cdp.detach()
    return sorted(found)


def card(page):
    return page.locator("article.story-card", has_text="Rescued a wedding")


def test_a_managers_expired_sign_in_is_followed_by_one_redirect_handler(browser_page, manager, win):
    page = browser_page
    sign_in(page, manager)
    # celebrate.js and curation.js are both on a manager's page; only site.js follows redirects.
    assert page.locator("script[src*='/js/curation']").count() == 1
    assert page.locator("script[src*='/js/celebrate']").count() == 1
    assert [re.sub(r"\.[0-9a-f]+\.js$", ".js", name) for name in listener_scripts(page, "htmx:beforeSwap")] == [
        "site.js"
    ]

    page.context.clear_cookies(name="sessionid")
    card(page).get_by_role("button", name=re.compile("^Feature")).click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_label("Username")).to_be_visible()  # the sign-in page itself, not swapped into a card


def test_an_employees_expired_sign_in_is_followed_from_a_cheer(browser_page, other_employee, win):
    page = browser_page
    sign_in(page, other_employee)
    assert page.locator("script[src*='/js/curation']").count() == 0
    page.context.clear_cookies(name="sessionid")
    card(page).get_by_role("button", name="Cheer").click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_label("Username")).to_be_visible()


def test_curation_tells_its_refusals_without_celebrate_js(browser_page, console_errors, manager, win):
    page = browser_page
    page.route(CELEBRATE_JS, lambda route: route.fulfill(body="", content_type="text/javascript"))
    sign_in(page, manager)

    page.route(re.compile(r".*/feature/$"), lambda route: route.fulfill(status=403, body="no"))
    card(page).get_by_role("button", name=re.compile("^Feature")).click()
    expect(page.locator(".messages")).to_contain_text("Only managers can do that.")
    page.unroute(re.compile(r".*/feature/$"))

    page.route(re.compile(r".*/hide/$"), lambda route: route.abort())
    card(page).locator("summary", has_text="Hide…").click()
    card(page).get_by_label("Reason for hiding").fill("Names a customer")
    card(page).get_by_role("button", name=re.compile("^Hide this win")).click()
    expect(page.locator(".messages")).to_contain_text("Winsboard could not be reached.")
    assert_accessible(page)
    # Chromium and htmx log the two failures this test made, and nothing else (no script error).
    told = ("403", "sendError", "afterRequest", "ERR_FAILED")
    assert console_errors and all(any(word in e for word in told) for e in console_errors), console_errors
    console_errors.clear()


def test_cheers_and_curation_work_when_curation_js_loads_first(browser_page, console_errors, manager, win):
    """Each feature script served in the other's place: curation.js runs first."""
    page = browser_page
    page.route(CELEBRATE_JS, lambda route: route.fulfill(path=JS / "curation.js", content_type="text/javascript"))
    page.route(CURATION_JS, lambda route: route.fulfill(path=JS / "celebrate.js", content_type="text/javascript"))
    sign_in(page, manager)

    card(page).get_by_role("button", name="Cheer").click()
    expect(page.locator("[data-cheer-live]")).to_have_text("You cheered")

    page.route(re.compile(r".*/cheer/$"), lambda route: route.fulfill(status=404, body="<p>Not found</p>"))
    card(page).get_by_role("button", name="Cheer").click()
    expect(page.locator(".messages")).to_contain_text("That win is no longer shared.")

    page.route(re.compile(r".*/feature/$"), lambda route: route.fulfill(status=404, body="<p>Not found</p>"))
    card(page).get_by_role("button", name=re.compile("^Feature")).click()
    expect(page.locator(".messages")).to_contain_text("That win (or tag) no longer exists.")
    assert console_errors and all("404" in e for e in console_errors), console_errors
    console_errors.clear()
