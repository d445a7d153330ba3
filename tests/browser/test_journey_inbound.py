"""Journey: a customer's thank-you e-mail, forwarded to the employee's
private address over SMTP, waits as a draft ("Your draft is waiting");
opening it fills "Post a win" with the customer's words, name and photo
(waiting for alt text); nothing is shared until they press Post."""

import pytest
from playwright.sync_api import expect

from stories.management.commands.email_server import inbound_controller
from stories.models import InboundDraft, Story
from tests.helpers.browser import assert_accessible, open_section, sign_in
from tests.helpers.inbound import address_for, corpus_message, smtp_send
from tests.helpers.people import make_user
from tests.helpers.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_forwarded_thank_you_email_becomes_a_win_once_posted(browser_page, django_user_model, settings):
    settings.WINSBOARD_INBOUND_DOMAIN = "wins.example.com"
    sam = make_user(django_user_model, "sam", first="Sam", last="Okafor", email="sam@example.com")
    controller = inbound_controller(host="127.0.0.1", port=free_port())
    controller.start()
    try:
        raw = corpus_message("outlook_desktop_fr_attachment.eml", sam)
        assert smtp_send(controller.port, raw, sender=sam.email, recipients=[address_for(sam)]) == {}
    finally:
        controller.stop()
    assert Story.objects.count() == 0  # nothing is shared yet

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, sam)
    page.get_by_role("link", name="Notifications", exact=False).first.click()
    expect(page.get_by_text("Your draft is waiting")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Your draft is waiting", exact=False).click()

    page.wait_for_url("**/wins/new/?draft=*")
    expect(page.get_by_text("From a thank-you e-mail you forwarded: 1 photo added below")).to_be_visible()
    expect(page.get_by_text("New photo: IMG_2041.jpg")).to_be_visible()
    open_section(page, "Customer quote")
    expect(page.get_by_label("Customer quote")).to_have_value(
        "Je voulais vous remercier pour votre patience hier soir : vous avez réservé un taxi et trouvé une "
        "pharmacie ouverte pour mon père.\n\nNous reviendrons !"
    )
    expect(page.get_by_label("Quote by")).to_have_value("Claire Martin")
    assert_accessible(page)

    page.get_by_label("Headline").fill("A taxi and an open pharmacy at midnight")
    page.get_by_label("Story").fill("Claire's father needed medicine late at night; we found a pharmacy and a taxi.")
    page.get_by_label("Alt text", exact=True).first.fill("A blue and yellow sketch of the lobby")
    page.get_by_label("Customer agreed").check()
    page.get_by_role("button", name="Post the win").click()
    expect(page.get_by_text("Your win is on the board")).to_be_visible()
    story = Story.objects.get()
    assert (story.quote_by, story.photos.count()) == ("Claire Martin", 1)
    assert not InboundDraft.objects.exists()
