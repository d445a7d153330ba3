"""Journey: a win written where the signal drops. Posted offline, it is kept
on the phone ("1 win waiting to send" on every page); back online it is sent
— exactly once, however often the phone retries."""

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_win_posted_offline_is_sent_once_when_back_online(browser_page, employee):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("Basement kitchen rescue")
    page.get_by_label("Story").fill("No signal down here, but the birthday cake was saved.")
    page.wait_for_timeout(700)  # a draft of it is kept meanwhile (draft.js)

    page.context.set_offline(True)
    page.get_by_role("button", name="Post the win").click()
    expect(page.get_by_text("your win is saved on this phone")).to_be_visible()
    expect(page.get_by_text("1 win waiting to send")).to_be_visible()
    assert_accessible(page)
    assert Story.objects.count() == 0

    page.context.set_offline(False)  # the "online" event: it goes
    expect(page.get_by_text("Your win “Basement kitchen rescue” was sent.")).to_be_visible()
    expect(page.get_by_text("1 win waiting to send")).to_have_count(0)
    assert Story.objects.get().headline == "Basement kitchen rescue"

    # Sent again (as a retry would be): the form's token saves it once.
    page.evaluate("window.Winsboard.outbox.sendAll()")
    page.goto(f"{page.base_url}/")
    expect(page.get_by_text("waiting to send")).to_have_count(0)
    assert Story.objects.count() == 1
    # No draft of it is offered either.
    page.goto(f"{page.base_url}/wins/new/")
    page.wait_for_timeout(300)
    expect(page.get_by_role("region", name="Unfinished win")).to_have_count(0)


def test_the_same_queued_win_sent_twice_is_saved_once(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("Twice sent, once saved")
    page.get_by_label("Story").fill("A flaky line retried the post.")
    page.context.set_offline(True)
    page.get_by_role("button", name="Post the win").click()
    expect(page.get_by_text("1 win waiting to send")).to_be_visible()
    # Copy the queued win, as if a retry had queued it again, then come back online.
    page.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open("winsboard-outbox", 1);
          open.onsuccess = () => {
            const store = open.result.transaction("outbox", "readwrite").objectStore("outbox");
            store.getAll().onsuccess = (event) => { store.add(event.target.result[0]); resolve(); };
          };
        })"""
    )
    page.context.set_offline(False)
    expect(page.get_by_text("was sent").first).to_be_visible()
    page.wait_for_timeout(500)
    assert Story.objects.filter(headline="Twice sent, once saved").count() == 1
