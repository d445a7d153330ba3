"""The budget's tone: deciding on the spot is celebrated, a supervisor's
approval is stated plainly, the cost is seen only by the win's author, its
heroes and managers, the over-budget flag only by managers — nowhere else
(cards, wall, slideshow) — and amounts read as the locale writes them."""

from decimal import Decimal

import pytest
from django.utils import translation

from stories import services
from stories.lib.money import money_text
from tests.helpers.people import client_for, make_user
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db


@pytest.fixture
def pricey(make_story, employee, other_employee, settings):
    """A win over the 2,000 USD budget, posted by Erin, crediting Oscar too."""
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    return make_story(headline="A new suit for the wedding", cost=Decimal("2500"), heroes=[employee, other_employee])


def text_of(response):
    return " ".join(response.text.split())


COST = "2,500.00 USD"
FLAG = "Over the 2,000 USD budget"


def test_the_author_sees_the_cost_but_not_the_over_budget_flag(employee_client, pricey):
    page = text_of(employee_client.get(pricey.get_absolute_url()))
    assert f'Cost to make it right</dt> <dd class="col-sm-8"> {COST}' in page
    assert FLAG not in page and "badge-over-budget" not in page and "text-bg-danger" not in page


def test_a_hero_who_did_not_post_it_sees_the_cost(pricey, other_employee):
    page = text_of(client_for(other_employee).get(pricey.get_absolute_url()))
    assert COST in page and FLAG not in page


def test_a_colleague_who_is_neither_author_nor_hero_never_sees_the_amount(pricey, django_user_model):
    colleague = client_for(make_user(django_user_model, "cora", first="Cora"))
    page = text_of(colleague.get(pricey.get_absolute_url()))
    assert "Cost to make it right" not in page
    assert "2,500" not in page and "2500" not in page and FLAG not in page


def test_a_manager_sees_the_cost_and_the_over_budget_flag(manager_client, pricey):
    page = text_of(manager_client.get(pricey.get_absolute_url()))
    assert COST in page
    assert f'<span class="badge badge-over-budget">{FLAG}</span>' in page


def test_cards_the_wall_and_the_slideshow_never_show_the_amount(employee_client, pricey, manager):
    services.story_feature(story=pricey, by=manager)
    for url in ["/", "/featured/", f"/people/{pricey.author.get_username()}/", "/slideshow/", "/slideshow/slides.json"]:
        body = employee_client.get(url).content.decode()
        assert "A new suit for the wedding" in body, url  # the win is there…
        assert "2500" not in body and "2,500" not in body and '"cost"' not in body, url  # …its cost is not


def test_deciding_on_the_spot_is_celebrated_and_an_approval_is_stated_plainly(employee_client, make_story):
    spot = make_story(headline="On the spot")
    approved = make_story(headline="With an OK", needed_approval=True)
    page = text_of(employee_client.get(spot.get_absolute_url()))
    assert '<span class="badge badge-decided"><span aria-hidden="true">✓ </span>Decided on the spot</span>' in page
    assert "On the spot, without asking" in page
    page = text_of(employee_client.get(approved.get_absolute_url()))
    assert '<span class="badge badge-approved">Approved by a supervisor</span>' in page
    assert "Needed approval</span>" not in page  # no longer a badge that reads like a pending status
    assert "text-bg-secondary" not in page


def test_the_queue_states_approvals_plainly_too(manager_client, make_story):
    make_story(headline="With an OK", needed_approval=True)
    page = text_of(manager_client.get("/manage/"))
    assert '<span class="badge badge-approved">Approved by a supervisor</span>' in page


@pytest.mark.parametrize(
    ("language", "amount", "whole", "text"),
    [
        ("en-us", Decimal("2500"), False, "2,500.00 USD"),
        ("en-us", Decimal("2000"), True, "2,000 USD"),
        ("en-us", Decimal("2000.50"), True, "2,000.50 USD"),
        ("de", Decimal("2500"), False, "2.500,00 USD"),
        ("fr", Decimal("1234.5"), False, "1\xa0234,50 USD"),
    ],
)
def test_amounts_are_written_as_the_locale_writes_them(language, amount, whole, text):
    with translation.override(language):
        assert money_text(amount, "USD", whole=whole) == text


def test_the_form_carries_the_budget_for_the_live_hint(employee_client, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    page = employee_client.get("/wins/new/").text
    assert 'data-budget="2000"' in page and 'data-budget-text="2,000 USD"' in page
    assert '<div class="budget-hint" id="cost-budget-hint" data-budget-hint role="status"></div>' in page
    assert "Only you, the heroes and managers see the amount." in page


def test_the_slide_of_an_over_budget_win_has_no_cost_in_it(employee_client, pricey):
    feature(pricey, position=0)
    deck = employee_client.get("/slideshow/slides.json").json()
    slide = next(slide for slide in deck["slides"] if slide.get("win") == pricey.pk)
    assert "cost" not in slide and "2500" not in str(slide)
