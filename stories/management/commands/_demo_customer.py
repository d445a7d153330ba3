"""The demo's customer voice (`manage.py demo_data`): one featured win the
customer confirmed by their link (with how it made them feel and a rating),
and one open link to try the customer's page — its token made from
SECRET_KEY, so `demo_data --consent-link` can print it again on every
`make run` (only its HMAC is stored, as for any link)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from stories import services
from stories.lib.customer_links import sign, token_hash
from stories.models import ConsentRequest, Story

CONFIRMED = (
    "A ring found in the laundry, back before checkout",
    "I felt like the only guest in the hotel. Thank you, all of you.",
    5,
)
OPEN = "Anniversary rescued after a double booking"


def _demo_token():
    made = salted_hmac("winsboard.demo-customer-link", "token", secret=settings.SECRET_KEY, algorithm="sha256")
    return made.hexdigest()[:32]


def ask_demo_customers():
    """Through the services, as people would (in demo_data's transaction)."""
    headline, feeling, rating = CONFIRMED
    story = Story.objects.get(headline=headline)
    asked = services.consent_ask(story=story, by=story.author)
    services.consent_answer(request=asked.request, answer="agree", feeling=feeling, rating=rating)
    story = Story.objects.get(headline=OPEN)
    asked = services.consent_ask(story=story, by=story.author)
    ConsentRequest.objects.filter(pk=asked.request.pk).update(token_hash=token_hash(_demo_token()))


def demo_link():
    """The open demo link's address, or None once it no longer takes answers."""
    found = ConsentRequest.objects.for_token_hash(token_hash(_demo_token())).first()
    if found is None or not found.takes_answers_at(timezone.now()):
        return None
    return settings.WINSBOARD_SITE_URL + reverse("customer_voice", args=[sign(_demo_token())])
