"""Journey: Winsboard as an installed app on a phone. Chromium's own
installability check finds nothing missing; offline, a page is the offline
page; the app keeps no signed-in page; signing out empties what it kept."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

KEPT_URLS = (
    "caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))"
    ".then(lists => lists.flat().map(r => new URL(r.url).pathname))"
)


@pytest.fixture
def phone(browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    return browser_page


def worker_ready(page):
    assert page.evaluate("navigator.serviceWorker.ready.then(registration => registration.active !== null)")


def test_chromium_finds_winsboard_installable(browser_type, browser_type_launch_args, live_server, tmp_path, employee):
    # A browser profile of its own: Playwright's usual contexts are incognito, where nothing installs.
    context = browser_type.launch_persistent_context(
        str(tmp_path / "profile"), **browser_type_launch_args, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.base_url = live_server.url
        sign_in(page, employee)
        worker_ready(page)
        devtools = context.new_cdp_session(page)
        manifest = devtools.send("Page.getAppManifest")
        assert manifest["errors"] == [] and manifest["url"].endswith("/manifest.webmanifest")
        assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


def test_offline_a_page_is_the_offline_page_and_nothing_signed_in_is_kept(phone, employee):
    page = phone
    sign_in(page, employee)
    worker_ready(page)
    page.reload()  # now under the worker's control
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    kept = page.evaluate(KEPT_URLS)
    assert "/offline/" in kept and all(url.startswith("/static/") or url == "/offline/" for url in kept)

    page.context.set_offline(True)
    page.goto(f"{page.base_url}/people/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    expect(page.get_by_text("Your draft is safe")).to_be_visible()
    assert "Erin" not in page.content()  # the offline page as a stranger sees it
    assert_accessible(page)
    page.context.set_offline(False)

    page.goto(f"{page.base_url}/")
    # Something of Erin's on the device: a cache entry and stored data.
    page.evaluate("caches.open('erin').then(cache => cache.put('/mine', new Response('private')))")
    page.evaluate("localStorage.setItem('erin', 'private')")
    page.evaluate("new Promise(done => { indexedDB.open('erin-drafts').onsuccess = () => done(true); })")
    page.locator("form[action='/accounts/logout/']").evaluate("form => form.requestSubmit()")  # "Sign out"
    page.wait_for_url("**/accounts/login/")
    # All gone (the sign-in page may register the worker again: it keeps only the shell).
    assert page.evaluate("caches.has('erin')") is False
    assert page.evaluate("localStorage.getItem('erin')") is None
    assert "erin-drafts" not in page.evaluate("indexedDB.databases().then(all => all.map(db => db.name))")
    assert all(url.startswith("/static/") or url == "/offline/" for url in page.evaluate(KEPT_URLS))
