"""Journeys: signing in without a password. On a phone-sized screen, a
person asks for an e-mailed code and signs in with it; another signs in
through the company's own OpenID Connect provider (a real one on
localhost). Every page of ours passes axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible
from tests.helpers.oidc import oidc_provider, set_person, sign_on_settings
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone_page(browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    return browser_page


def test_a_person_signs_in_with_an_emailed_code_on_a_phone(phone_page, django_user_model):
    page = phone_page
    make_user(django_user_model, "tomasz", first="Tomasz", email="tomasz@example.com")
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="E-mail me a sign-in code").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("tomasz@example.com")
    page.get_by_role("button", name="E-mail me a code").click()
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    assert_accessible(page)
    (message,) = mail.outbox
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)
    page.get_by_label("Code").fill("WRNG-CODE")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That code isn't right")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill(code.lower())  # typed on a phone: any case
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{page.base_url}/")
    expect(page.get_by_text("Welcome, Tomasz.")).to_be_visible()


def test_a_person_signs_in_with_their_company_account(browser_page, settings, django_user_model):
    page = browser_page
    make_user(django_user_model, "luis", first="Luis", last="Ortega", email="luis@example.com")
    # The provider's own page asks a CDN for its style sheet (no internet here) and has no icon.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.fulfill(status=200, body="", content_type="text/css"))
    with oidc_provider() as issuer:
        page.route(f"{issuer}/favicon.ico", lambda route: route.fulfill(status=204))
        sign_on_settings(settings, issuer, name="Contoso ID")
        set_person(issuer, "luis-sub", email="luis@example.com", email_verified=True, name="Luis Ortega")
        page.goto(f"{page.base_url}/accounts/login/")
        assert_accessible(page)
        page.get_by_role("button", name="Sign in with Contoso ID").click()
        page.get_by_label("Subject").fill("luis-sub")
        page.get_by_role("button", name="Authorize", exact=True).click()
        page.wait_for_url(f"{page.base_url}/")
        expect(page.get_by_text("Welcome, Luis Ortega.")).to_be_visible()
