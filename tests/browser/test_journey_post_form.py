"""Journey: the post form as new employees met it — a photo's alt text is
asked for before anything uploads, photos come early, the team is
remembered, a pasted photo is taken, "drop photos here" only where there is
a mouse, a cost above the budget gets a friendly hint, and the heroes are one
combobox whose arrow keys never change who is credited."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from stories.models import Story, Team
from tests.helpers import media_files as files
from tests.helpers.browser import assert_accessible, open_section, sign_in
from tests.helpers.people import make_user
from tests.helpers.slideshow import add_photo

pytestmark = pytest.mark.django_db(transaction=True)

WIN_PAGE = re.compile(r"/wins/\d+/$")
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
ALT_HINT = "Describe the photo for colleagues who can't see it."


def start_a_win(page, headline="Cake for room 412"):
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill(headline)
    page.get_by_label("Story").fill("The cake fell; we baked another in an hour.")


def record_posts(page):
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    return posts


# --- 2. alt text, before any byte is sent ----------------------------------------------


def test_a_photo_without_alt_text_is_stopped_before_anything_uploads(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    start_a_win(page)
    page.get_by_label("Photos").set_input_files(
        [{"name": "cake.jpg", "mimeType": "image/jpeg", "buffer": files.jpeg(1600, 1200)}]
    )
    alt = page.get_by_label("Alt text", exact=True).filter(visible=True)
    expect(alt).to_have_count(1)  # one row: the chosen photo's
    # The field says it is required, and what it is for.
    expect(alt).to_have_attribute("aria-required", "true")
    assert alt.evaluate("input => input.required")
    expect(page.locator("[data-photo-row]:not([hidden]) .required-mark")).to_be_visible()
    expect(alt).to_have_accessible_description(re.compile(re.escape(ALT_HINT)))

    posts = record_posts(page)
    page.get_by_role("button", name="Post the win").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    message = "Add an alt text for “cake.jpg”: describe it for colleagues who can't see it."
    expect(summary).to_contain_text("Please fix the 1 problem below.")
    assert posts == []  # nothing was sent: not the photo, not the form
    assert page.locator("[data-upload-progress]").is_hidden()
    expect(alt).to_have_attribute("aria-invalid", "true")
    expect(alt).to_have_accessible_description(re.compile(re.escape(message)))
    assert_accessible(page)

    # The summary's item links to the field.
    summary.get_by_role("link", name=message).click()
    expect(alt).to_be_focused()
    alt.fill("A new cake with “412” in icing")
    expect(alt).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Post the win").click()
    page.wait_for_url(WIN_PAGE)
    assert len(posts) == 1
    story = Story.objects.get()
    assert [photo.alt_text for photo in story.photos.all()] == ["A new cake with “412” in icing"]


def test_a_kept_photo_whose_alt_text_was_emptied_is_stopped_too(browser_page, employee, make_story):
    story = make_story(headline="With a photo")
    add_photo(story, alt="The front desk")
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/{story.pk}/edit/")
    alt = page.get_by_label("Alt text", exact=True).first
    expect(alt).to_have_attribute("aria-required", "true")
    alt.fill("")
    posts = record_posts(page)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#form-errors")).to_contain_text("Add an alt text: describe this photo")
    assert posts == []
    # Removing the photo instead is fine: no alt text needed for it.
    page.get_by_label("Remove this photo").check()
    expect(alt).not_to_have_attribute("aria-required", "true")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(WIN_PAGE)
    assert not story.photos.exists()


# --- 5. on a phone: photos early, the team remembered; paste and drop on a desktop ---------


def test_on_a_phone_photos_come_early_the_team_is_remembered_and_drop_is_not_offered(
    browser, live_server, employee, make_story
):
    desk = Team.objects.create(name="Front desk")
    Team.objects.create(name="Concierge")
    make_story(headline="My last win", team=desk)
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, employee)
        page.goto(f"{page.base_url}/wins/new/")
        photos = page.get_by_label("Photos").bounding_box()
        heroes = page.get_by_role("combobox", name="Heroes").bounding_box()
        quote = page.locator("summary", has_text="Customer quote").bounding_box()
        assert heroes["y"] < photos["y"] < quote["y"]  # right after the story and heroes, before the folded rest
        assert photos["y"] < 2 * 844, f"Photos start {photos['y']}px down: more than two phone screens"
        expect(page.get_by_label("Team")).to_have_value(str(desk.pk))  # as on the last win posted
        expect(page.locator("[data-drop-hint]")).to_be_hidden()  # no dragging on a touch screen
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "form-phone.png"), full_page=True)
        assert_accessible(page)
    finally:
        context.close()


def test_on_a_desktop_a_photo_can_be_pasted_and_dropping_is_offered(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    start_a_win(page)
    expect(page.locator("[data-drop-hint]")).to_be_visible()
    expect(page.locator("[data-drop-hint]")).to_contain_text("drop photos here, or paste one")
    page.locator("body").evaluate(
        """body => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["a screenshot"], "image.png", {type: "image/png"}));
            body.dispatchEvent(new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true}));
        }"""
    )
    expect(page.get_by_text("New photo: pasted-photo-1.png")).to_be_visible()
    assert page.get_by_label("Photos").evaluate("input => input.files[0].name") == "pasted-photo-1.png"
    # Text pasted into a field stays text.
    page.get_by_label("Headline").focus()
    page.get_by_label("Headline").evaluate(
        """input => {
            const transfer = new DataTransfer();
            transfer.setData("text/plain", "typed");
            transfer.items.add(new File(["x"], "image.png", {type: "image/png"}));
            input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true}));
        }"""
    )
    assert page.get_by_label("Photos").evaluate("input => input.files.length") == 1


# --- 3. the budget's tone ---------------------------------------------------------------------


def test_a_cost_above_the_budget_gets_a_friendly_hint_while_typing(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    start_a_win(page)
    open_section(page, "Cost and approval")
    cost = page.get_by_label("Cost to make it right")
    hint = page.locator("[data-budget-hint]")
    cost.press_sequentially("1500")
    expect(hint).to_be_empty()
    cost.press_sequentially("0")  # 15000
    expect(hint).to_contain_text("That's above your 2,000 USD budget — and that's fine")
    expect(hint).to_have_attribute("role", "status")
    expect(cost).to_have_accessible_description(re.compile("above your 2,000 USD budget"))
    assert_accessible(page)
    cost.fill("150")
    expect(hint).to_be_empty()


# --- 6. the heroes: one combobox ---------------------------------------------------------------


@pytest.fixture
def colleagues(django_user_model, other_employee):
    for index in range(40):
        make_user(django_user_model, f"colleague{index:02}", first="Colleague", last=f"{index:02}")


def test_arrow_keys_move_through_the_matches_without_changing_who_is_credited(browser_page, employee, colleagues):
    page = browser_page
    sign_in(page, employee)
    start_a_win(page)
    expect(page.locator("#id_heroes")).to_be_hidden()  # one control: the plain list is not shown too
    combobox = page.get_by_role("combobox", name="Heroes")
    chips = page.get_by_role("list", name="Credited heroes").get_by_role("button")
    credited = ["Remove Erin Employee (erin)"]
    status = page.locator(".hero-combobox [role=status]")

    combobox.focus()
    page.keyboard.type("colleague 0")
    listbox = page.get_by_role("listbox", name="Colleagues who match")
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option")).to_have_count(8)  # the first few; typing more narrows them
    expect(status).to_contain_text("10 colleagues match.")
    for step, key in enumerate(["ArrowDown", "ArrowDown", "ArrowUp", "ArrowDown", "ArrowDown"]):
        page.keyboard.press(key)
        active = combobox.get_attribute("aria-activedescendant")
        assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true", step
        # Moving never changes who is credited — the author stays.
        assert chips.evaluate_all("buttons => buttons.map(b => b.ariaLabel)") == credited, step
        assert page.locator("#id_heroes").evaluate("s => [...s.selectedOptions].map(o => o.value)") == [
            str(employee.pk)
        ]
    expect(page.locator(f"#{combobox.get_attribute('aria-activedescendant')}")).to_have_text(
        "Colleague 02 (colleague02)"
    )
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(chips).to_have_count(2)
    assert chips.evaluate_all("buttons => buttons.map(b => b.ariaLabel)") == [
        *credited,
        "Remove Colleague 02 (colleague02)",
    ]
    expect(status).to_have_text("Colleague 02 (colleague02) added. 2 heroes credited.")
    expect(combobox).to_have_value("")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    assert "/wins/new/" in page.url

    # Backspace in the empty box takes the last chip off, and says so; the author's too.
    page.keyboard.press("Backspace")
    expect(status).to_have_text("Colleague 02 (colleague02) removed. 1 hero credited.")
    page.keyboard.press("Backspace")
    expect(status).to_have_text("You (Erin Employee (erin)) are no longer credited. 0 heroes credited.")
    expect(chips).to_have_count(0)
    # Esc closes the list, then clears the box.
    page.keyboard.type("osc")
    page.keyboard.press("Escape")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(combobox).to_have_value("osc")
    page.keyboard.press("Escape")
    expect(combobox).to_have_value("")
    page.keyboard.type("oscar")
    page.get_by_role("option", name="Oscar Other (oscar)").click()
    page.get_by_role("button", name="Post the win").click()
    page.wait_for_url(WIN_PAGE)
    assert [hero.username for hero in Story.objects.get().heroes.all()] == ["oscar"]


def test_without_javascript_the_heroes_are_a_plain_multiple_select(browser, live_server, employee, other_employee):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, employee)
        start_a_win(page, "Posted without JavaScript")
        heroes = page.get_by_label("Heroes")
        expect(heroes).to_be_visible()
        assert heroes.evaluate("select => select.tagName === 'SELECT' && select.multiple")
        expect(page.locator("#id_heroes-combobox")).to_have_count(0)
        heroes.select_option([str(employee.pk), str(other_employee.pk)])
        page.get_by_role("button", name="Post the win").click()
        page.wait_for_url(WIN_PAGE)
        assert {hero.username for hero in Story.objects.get().heroes.all()} == {"erin", "oscar"}
    finally:
        context.close()
