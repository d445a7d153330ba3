"""Posting a win: every rule of the form, proven through the real view.

A bad POST answers 400 with a message on the form and creates nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape

from stories.models import Story
from tests.helpers.people import make_user
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

NEW = "/wins/new/"


def post_invalid(client, data, field):
    """POST `data`, expect a 400 with an error on `field`, nothing saved; return the errors."""
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert Story.objects.count() == 0
    errors = response.context["form"].errors
    assert field in errors, errors
    for message in errors[field]:
        assert escape(message) in response.text  # shown on the form, next to the field
    return errors[field]


# --- posting -----------------------------------------------------------------


def test_employee_posts_a_win_and_lands_on_its_page(employee_client, employee):
    response = employee_client.post(NEW, story_post_data(employee))
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/wins/{story.pk}/"
    assert story.author == employee
    assert list(story.heroes.all()) == [employee]
    assert story.status == Story.Status.PUBLISHED


def test_the_author_is_the_default_hero_on_a_new_form(employee_client, employee, other_employee):
    response = employee_client.get(NEW)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["heroes"] == [employee.pk]
    assert f'<option value="{employee.pk}" selected>' in response.text
    assert f'<option value="{other_employee.pk}" selected>' not in response.text


def test_a_colleague_can_post_a_win_crediting_someone_else(employee_client, employee, other_employee):
    employee_client.post(NEW, story_post_data(other_employee))
    story = Story.objects.get()
    assert story.author == employee
    assert list(story.heroes.all()) == [other_employee]


def test_a_win_can_credit_several_heroes(employee_client, employee, other_employee):
    employee_client.post(NEW, story_post_data(employee, other_employee))
    assert set(Story.objects.get().heroes.all()) == {employee, other_employee}


def test_every_optional_field_is_saved(employee_client, employee, team):
    data = story_post_data(
        employee,
        team=team.pk,
        needed_approval="True",
        cost="45.50",
        quote="You made our day.",
        quote_by="Maria, room 412",
        customer_consent="on",
        kind="praise",
    )
    employee_client.post(NEW, data)
    story = Story.objects.get()
    assert (story.team, story.needed_approval, story.cost) == (team, True, Decimal("45.50"))
    assert (story.quote, story.quote_by, story.customer_consent) == ("You made our day.", "Maria, room 412", True)
    assert story.kind == Story.Kind.PRAISE


# --- required text and length limits ---------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("headline", "", "Give your win a headline."),
        ("headline", "   ", "Give your win a headline."),
        ("headline", "\t\n", "Give your win a headline."),
        ("body", "", "Tell the story: what happened and what you did."),
        ("body", "   \r\n  ", "Tell the story: what happened and what you did."),
    ],
)
def test_a_headline_and_a_story_are_required_and_whitespace_is_not_enough(
    employee_client, employee, field, value, message
):
    assert post_invalid(employee_client, story_post_data(employee, **{field: value}), field) == [message]


LIMITS = [
    ("headline", 120, {}, "Keep the headline to 120 characters (it has 121)."),
    ("body", 5000, {}, "Keep the story to 5,000 characters (it has 5001)."),
    ("quote", 500, {"customer_consent": "on"}, "Keep the quote to 500 characters (it has 501)."),
    ("quote_by", 120, {"quote": "Thanks", "customer_consent": "on"}, "Keep the name to 120 characters (it has 121)."),
]


@pytest.mark.parametrize(("field", "limit", "others", "message"), LIMITS, ids=[limit[0] for limit in LIMITS])
def test_text_over_its_limit_is_refused_with_the_count(employee_client, employee, field, limit, others, message):
    data = story_post_data(employee, **others, **{field: "x" * (limit + 1)})
    assert post_invalid(employee_client, data, field) == [message]


@pytest.mark.parametrize(("field", "limit", "others", "message"), LIMITS, ids=[limit[0] for limit in LIMITS])
def test_text_at_its_limit_is_accepted(employee_client, employee, field, limit, others, message):
    employee_client.post(NEW, story_post_data(employee, **others, **{field: "x" * limit}))
    assert getattr(Story.objects.get(), field) == "x" * limit


# --- headline and story ------------------------------------------------------------


def test_a_headline_has_its_inner_whitespace_tidied(employee_client, employee):
    employee_client.post(NEW, story_post_data(employee, headline="  Saved   the\tday  "))
    assert Story.objects.get().headline == "Saved the day"


def test_the_story_keeps_its_line_breaks(employee_client, employee):
    employee_client.post(NEW, story_post_data(employee, body="First line.\r\nSecond line.\r\n\r\nNew paragraph."))
    story = Story.objects.get()
    assert story.body == "First line.\nSecond line.\n\nNew paragraph."
    page = employee_client.get(story.get_absolute_url()).text
    assert "<p>First line.<br>Second line.</p>" in page
    assert "<p>New paragraph.</p>" in page


def test_html_in_a_story_is_shown_as_text_never_run(employee_client, employee):
    hostile = '<script>alert("owned")</script><img src=x onerror=alert(1)>'
    data = story_post_data(
        employee, headline=hostile[:100], body=hostile, quote=hostile, quote_by="<b>x</b>", customer_consent="on"
    )
    employee_client.post(NEW, data)
    story = Story.objects.get()
    assert story.body == hostile  # stored as typed ...
    for url in (story.get_absolute_url(), "/"):
        page = employee_client.get(url).text
        assert "<script>alert" not in page  # ... and never rendered as HTML
        assert "<img src=x" not in page
        assert "<b>x</b>" not in page
        assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page


# --- kind of win -------------------------------------------------------------


@pytest.mark.parametrize("kind", Story.Kind.values)
def test_each_of_the_four_kinds_is_accepted(employee_client, employee, kind):
    employee_client.post(NEW, story_post_data(employee, kind=kind))
    assert Story.objects.get().kind == kind


def test_the_form_offers_exactly_the_four_kinds(employee_client):
    form = employee_client.get(NEW).context["form"]
    assert [label for _, label in form.fields["kind"].choices] == [
        "Fixed it on the spot",
        "Creative idea",
        "Learned from a miss",
        "Customer praise",
    ]


@pytest.mark.parametrize("kind", ["", "heroic", "FIXED", "fixed "])
def test_a_kind_outside_the_four_is_refused(employee_client, employee, kind):
    errors = post_invalid(employee_client, story_post_data(employee, kind=kind), "kind")
    assert errors in (["Choose the kind of win."], ["Choose one of the kinds listed."])


# --- date ----------------------------------------------------------------------


def test_the_date_defaults_to_today(employee_client):
    form = employee_client.get(NEW).context["form"]
    assert form["happened_on"].value() == timezone.localdate()


def test_a_date_in_the_future_is_refused(employee_client, employee):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    errors = post_invalid(employee_client, story_post_data(employee, happened_on=tomorrow), "happened_on")
    assert errors == ["The date can't be in the future. When did it happen?"]


def test_a_past_date_is_accepted(employee_client, employee):
    last_week = timezone.localdate() - timedelta(days=7)
    employee_client.post(NEW, story_post_data(employee, happened_on=last_week.isoformat()))
    assert Story.objects.get().happened_on == last_week


@pytest.mark.parametrize("day", ["", "2026-13-01", "yesterday", "1999-12-31"])
def test_a_missing_malformed_or_implausible_date_is_refused(employee_client, employee, day):
    post_invalid(employee_client, story_post_data(employee, happened_on=day), "happened_on")


# --- cost and the empowerment budget -------------------------------------------


@pytest.mark.parametrize(
    ("cost", "message"),
    [
        ("NaN", "Enter an amount like 45.50, or leave it empty."),
        ("Infinity", "Enter an amount like 45.50, or leave it empty."),
        ("-Infinity", "Enter an amount like 45.50, or leave it empty."),
        ("1e400", "That amount is too large or too precise. Enter an amount like 45.50."),
        ("123456789", "That amount is too large. Check the number."),
        ("-1", "The cost can't be negative. Enter 0 if it cost nothing."),
        ("-0.01", "The cost can't be negative. Enter 0 if it cost nothing."),
        ("abc", "Enter an amount like 45.50, or leave it empty."),
        ("12,50", "Enter an amount like 45.50, or leave it empty."),
        ("1.234", "Use at most two decimals, like 45.50."),
    ],
)
def test_a_hostile_or_negative_cost_is_refused_with_a_clear_message(employee_client, employee, cost, message):
    assert post_invalid(employee_client, story_post_data(employee, cost=cost), "cost") == [message]


@pytest.mark.parametrize(("cost", "saved"), [("", None), ("0", Decimal("0")), ("1999.99", Decimal("1999.99"))])
def test_a_cost_of_zero_or_more_or_none_is_accepted(employee_client, employee, cost, saved):
    employee_client.post(NEW, story_post_data(employee, cost=cost))
    assert Story.objects.get().cost == saved


def test_a_cost_over_the_budget_is_allowed_but_flagged(employee_client, employee, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("100")
    employee_client.post(NEW, story_post_data(employee, cost="150"))
    story = Story.objects.get()
    assert story.cost == Decimal("150")
    assert story.over_budget


def test_a_cost_within_the_budget_is_not_flagged(employee_client, employee, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("100")
    employee_client.post(NEW, story_post_data(employee, cost="100"))
    assert not Story.objects.get().over_budget


def test_a_manager_sees_the_over_budget_flag_on_the_win(client, make_story, manager, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    story = make_story(cost=Decimal("2400"))
    client.force_login(manager)
    assert (
        '<span class="badge badge-over-budget">Over the 2,000 USD budget</span>'
        in client.get(story.get_absolute_url()).text
    )


def test_the_form_shows_the_budget_as_the_boundary(employee_client, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("750")
    settings.WINSBOARD_CURRENCY = "EUR"
    page = employee_client.get(NEW).text
    assert "Your empowerment budget is 750 EUR" in page


# --- the customer's quote and consent ------------------------------------------


def test_a_quote_without_customer_agreement_is_refused_with_a_clear_message(employee_client, employee):
    errors = post_invalid(employee_client, story_post_data(employee, quote="Wonderful!"), "customer_consent")
    assert "Tick “Customer agreed” to include the quote" in errors[0]


def test_a_quote_with_customer_agreement_is_accepted(employee_client, employee):
    employee_client.post(NEW, story_post_data(employee, quote="Wonderful!", customer_consent="on"))
    assert Story.objects.get().quote == "Wonderful!"


def test_quote_by_without_a_quote_is_refused(employee_client, employee):
    errors = post_invalid(employee_client, story_post_data(employee, quote_by="Mrs. Smith"), "quote")
    assert errors == ["Add the quote, or clear “Quote by”."]


# --- heroes ----------------------------------------------------------------------


def test_at_least_one_hero_is_required(employee_client):
    errors = post_invalid(employee_client, story_post_data(), "heroes")
    assert errors == ["Credit at least one hero: who made this win happen?"]


def test_an_inactive_user_cannot_be_credited(employee_client, employee, django_user_model):
    gone = make_user(django_user_model, "gone", is_active=False)
    post_invalid(employee_client, story_post_data(employee, gone), "heroes")


def test_an_unknown_hero_is_refused(employee_client, employee):
    data = story_post_data(employee)
    data["heroes"] = [employee.pk, 999_999]
    post_invalid(employee_client, data, "heroes")


@pytest.mark.parametrize("hero", ["99999999999999999999", "-1", "1.5", "١", "1e3", "0x1"])
def test_a_hero_id_no_database_could_hold_is_refused_not_a_server_error(employee_client, employee, hero):
    data = story_post_data(employee)
    data["heroes"] = [employee.pk, hero]
    assert post_invalid(employee_client, data, "heroes") == ["Choose heroes from the list of colleagues."]


def test_editing_keeps_the_credit_of_a_hero_whose_account_was_closed(client, employee, django_user_model):
    leaver = make_user(django_user_model, "leaver", first="Lee", last="Ver")
    story = Story.objects.create(headline="Two heroes", body="b", kind="fixed", author=employee)
    story.heroes.set([employee, leaver])
    leaver.is_active = False
    leaver.save()
    client.force_login(employee)
    form = client.get(f"/wins/{story.pk}/edit/").context["form"]
    assert set(form["heroes"].value()) == {employee.pk, leaver.pk}  # still ticked on the form
    response = client.post(
        f"/wins/{story.pk}/edit/", story_post_data(employee, leaver, headline="Two heroes, typo fixed")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Two heroes, typo fixed"
    assert set(story.heroes.all()) == {employee, leaver}
    # Closed accounts can still not be credited on a win they weren't on.
    other = Story.objects.create(headline="Another", body="b", kind="fixed", author=employee)
    other.heroes.set([employee])
    response = client.post(f"/wins/{other.pk}/edit/", story_post_data(employee, leaver, headline="Another"))
    assert response.status_code == 400


def test_the_hero_picker_lists_only_active_colleagues(employee_client, other_employee, django_user_model):
    make_user(django_user_model, "gone", first="Gone", last="Away", is_active=False)
    page = employee_client.get(NEW).text
    assert "Oscar Other (oscar)" in page
    assert "Gone Away" not in page


# --- team ------------------------------------------------------------------------


def test_an_unknown_team_is_refused(employee_client, employee):
    errors = post_invalid(employee_client, story_post_data(employee, team="424242"), "team")
    assert errors == ["Choose a team from the list."]


# --- the request itself ------------------------------------------------------------


def test_the_post_form_refuses_other_methods(employee_client):
    assert employee_client.put(NEW).status_code == 405
    assert Story.objects.count() == 0


def test_an_empty_post_answers_400_and_lists_the_problems(employee_client):
    response = employee_client.post(NEW, {})
    assert response.status_code == 400
    assert "Please fix the" in response.text
    assert Story.objects.count() == 0


def test_a_null_byte_in_a_field_is_refused_not_a_server_error(employee_client, employee):
    post_invalid(employee_client, story_post_data(employee, headline="Null\x00byte"), "headline")


def test_a_needed_approval_answer_outside_yes_and_no_gets_a_plain_message(employee_client, employee):
    errors = post_invalid(employee_client, story_post_data(employee, needed_approval="maybe"), "needed_approval")
    assert errors == ["Choose “No” or “Yes”: did you need approval?"]


# --- invisible and direction-control characters ----------------------------------


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("headline", "\u200b\u2060\ufeff", "Give your win a headline."),
        ("headline", "\u202e\u2066 \u200b", "Give your win a headline."),
        ("body", "\u200b\n\ufeff\n\u2028", "Tell the story: what happened and what you did."),
    ],
)
def test_text_made_only_of_invisible_characters_counts_as_empty(employee_client, employee, field, value, message):
    assert post_invalid(employee_client, story_post_data(employee, **{field: value}), field) == [message]


def test_direction_controls_are_dropped_so_a_headline_cannot_reverse_the_text_around_it(employee_client, employee):
    data = story_post_data(
        employee,
        headline="\u202eGuest was happy",
        body="Line one\u2067 isolated\u2029Line two",
        quote="Merci\u202d !",
        quote_by="Ana\u200f",
        customer_consent="on",
    )
    assert employee_client.post(NEW, data).status_code == 302
    story = Story.objects.get()
    assert story.headline == "Guest was happy"
    assert story.body == "Line one isolated\nLine two"
    assert (story.quote, story.quote_by) == ("Merci !", "Ana")


def test_emoji_joined_with_a_zero_width_joiner_are_kept(employee_client, employee):
    employee_client.post(NEW, story_post_data(employee, headline="Our chef 👩\u200d🍳 saved dinner"))
    assert Story.objects.get().headline == "Our chef 👩\u200d🍳 saved dinner"


def test_saving_an_edit_of_a_win_deleted_meanwhile_is_a_404_and_never_brings_it_back(
    employee_client, employee, story, monkeypatch
):
    """The win is deleted (another tab, a manager) after the edit page loaded it
    and before the save: the author is told it is gone; no row comes back."""
    from stories.views import wins as views

    loaded = views.get_story_for_user

    def loaded_then_deleted(*args, **kwargs):
        found = loaded(*args, **kwargs)
        Story.objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(views, "get_story_for_user", loaded_then_deleted)
    response = employee_client.post(f"/wins/{story.pk}/edit/", story_post_data(employee, headline="Edited"))
    assert response.status_code == 404
    assert not Story.objects.filter(pk=story.pk).exists()


def test_the_edit_service_never_brings_back_a_deleted_win(employee, story):
    from stories import services

    Story.objects.filter(pk=story.pk).delete()
    with pytest.raises(Story.DoesNotExist):
        services.story_update(story=story, heroes=[employee], headline="Back from the dead?")
    assert not Story.objects.filter(pk=story.pk).exists()
