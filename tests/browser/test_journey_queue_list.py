"""Journey: a manager narrows the review queue to one team, switches to the
compact list, ticks two wins and tags them at once; then hides one with a
reason. The people list filters by status. axe-core at 1366 and 390 px."""

import pytest
from playwright.sync_api import expect

from stories.models import Story, Team
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_manager_filters_the_queue_and_acts_on_several_wins_at_once(browser_page, make_story, manager, width):
    desk, spa = Team.objects.create(name="Front desk"), Team.objects.create(name="Spa")
    wins = [make_story(headline=f"Desk win {n}", team=desk) for n in range(3)]
    make_story(headline="Spa win", team=spa)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    sign_in(page, manager)
    page.goto(f"{page.base_url}/manage/")
    page.get_by_label("Team").select_option(label="Front desk")
    page.get_by_label("Show as").select_option(label="A compact list")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.queue-table tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("table.queue-table")).not_to_contain_text("Spa win")
    assert_accessible(page)

    page.get_by_label("Select “Desk win 0”").check()
    page.get_by_label("Select “Desk win 1”").check()
    page.get_by_label("With the selected wins").select_option(label="Tag (with the tag)")
    page.get_by_label("Tag to add").fill("#small-touches")
    page.get_by_role("button", name="Apply to the selected").click()
    expect(page.locator(".messages")).to_contain_text("Tagged 2 wins #Small touches.")
    expect(page.get_by_label("Team")).to_have_value(str(desk.pk))  # back on the same filtered list
    expect(rows.filter(has_text="#Small touches")).to_have_count(2)
    assert_accessible(page)

    page.get_by_label("Select “Desk win 2”").check()
    page.get_by_label("With the selected wins").select_option(label="Hide (with the reason)")
    page.get_by_label("Reason for hiding").fill("Names a guest")
    page.get_by_role("button", name="Apply to the selected").click()
    expect(page.locator(".messages")).to_contain_text("Hid 1 win.")
    assert Story.objects.get(pk=wins[2].pk).hidden_reason == "Names a guest"

    page.goto(f"{page.base_url}/manage/people/")
    page.get_by_label("Status").select_option(label="Active")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("status").filter(has_text="accounts match")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_people_list_and_the_queue_list_break_no_word(browser_page, make_story, manager, width):
    from stories import services
    from tests.browser.test_journey_layouts import BROKEN_WORDS

    team = Team.objects.create(name="Housekeeping")
    for number, name in enumerate(("Aisha Bello", "Tomasz Kowalski", "Samuel Okonkwo-Lindqvist")):
        email = f"{name.split()[0].lower()}@example.com"
        services.person_add(name=name, team=team, email=email, employee_id=f"H-104{number}")
    make_story(headline="Umbrellas by the door on rainy days", team=team)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, manager)
    for url in ("/manage/people/", "/manage/?view=list"):
        page.goto(f"{page.base_url}{url}")
        assert page.locator("main table").evaluate(BROKEN_WORDS) == [], url
    if width == 1366:  # the people list fits a desktop: its buttons wrap in their cell, nothing scrolls sideways
        page.goto(f"{page.base_url}/manage/people/")
        assert page.locator("main .table-responsive").evaluate("box => box.scrollWidth <= box.clientWidth")
