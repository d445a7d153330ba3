"""Asking the customer in tests: a request with its link, and the customer's answer."""

from django.test import Client
from django.urls import reverse

from stories import services
from stories.lib.customer_links import sign

QUOTE = "You turned our worst trip into the best evening."
QUOTE_BY = "Maria, guest in room 412"


def quoted(make_story, **fields):
    """A win with a customer quote (the employee ticked "Customer agreed")."""
    return make_story(quote=QUOTE, quote_by=QUOTE_BY, customer_consent=True, **fields)


def asked_link(story, by):
    """(the request, the customer's page address) of a new QR-code ask."""
    asked = services.consent_ask(story=story, by=by)
    return asked.request, reverse("customer_voice", args=[sign(asked.token)])


def answer(url, client=None, **data):
    """The customer answers (a fresh browser: no account); the response."""
    return (client or Client()).post(url, {"answer": "agree", **data})
