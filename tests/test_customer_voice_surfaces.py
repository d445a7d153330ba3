"""Where a customer's quote shows, surface by surface: a "no" takes it off
every one at once (cards on the feed, the featured wall, the slideshow's
slides.json, the Atom feed, search, the CSV export, e-mails and the digest);
with WINSBOARD_REQUIRE_CUSTOMER_CONSENT a quote the customer has not
confirmed shows nowhere outside its author's and managers' view. List pages
stay at a constant number of queries however many wins carry an answer."""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import DigestSent, Notification, Story
from tests.helpers.customer_voice import QUOTE, QUOTE_BY, answer, asked_link, quoted
from tests.helpers.people import client_for, make_user
from tests.helpers.queries import LIST_MAX_QUERIES, cold_and_warm
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db

WORD = "marvellous"  # a word of the quote only, for search
SAID = f"{QUOTE} A {WORD} team."


@pytest.fixture
def people(django_user_model, employee, other_employee, manager, django_capture_on_commit_callbacks):
    reader = make_user(django_user_model, "rita", first="Rita", email="rita@example.com")
    services.preferences_update(user=reader, weekly_digest=True)
    return {
        "author": employee,
        "reader": reader,
        "colleague": other_employee,
        "manager": manager,
        "commit": django_capture_on_commit_callbacks,
    }


@pytest.fixture
def win(make_story, people):
    story = make_story(quote=SAID, quote_by=QUOTE_BY, customer_consent=True, headline="The anniversary dinner")
    return feature(story)


def _feed(people, win):
    return client_for(people["colleague"]).get(reverse("feed")).text


def _wall(people, win):
    return client_for(people["colleague"]).get(reverse("featured")).text


def _slides(people, win):
    return client_for(people["colleague"]).get(reverse("slideshow_slides")).text


def _atom(people, win):
    token = services.feed_token_create(user=people["colleague"]).feed_token
    return Client().get(reverse("featured_feed"), {"token": token}).text


def _search(people, win):
    page = client_for(people["colleague"]).get(reverse("feed"), {"q": WORD}).text
    return page if win.headline in page else ""


def _csv(people, win):
    response = client_for(people["manager"]).get(reverse("export_csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return "\n".join(",".join(row) for row in csv.reader(io.StringIO(body)))


def _credit_email(people, win):
    """The e-mail a newly credited hero gets (it quotes the customer)."""
    Notification.objects.filter(recipient=people["reader"]).delete()
    Story.objects.get(pk=win.pk).heroes.set([people["author"]])
    mail.outbox.clear()
    with people["commit"](execute=True):
        story = Story.objects.get(pk=win.pk)
        services.story_update(story=story, heroes=[people["author"], people["reader"]], by=people["manager"])
    (message,) = mail.outbox
    return message.body


def _digest(people, win):
    """This week's digest (the win was featured this week)."""
    DigestSent.objects.all().delete()
    mail.outbox.clear()
    year, week, _ = timezone.localdate().isocalendar()
    call_command("send_digest", "--week", f"{year}-W{week:02d}", stdout=io.StringIO())
    (message,) = mail.outbox
    assert win.headline in message.body
    return message.body


# Surfaces that show the quote, and those that never carry it (the CSV
# export has no quote column; the digest lists headlines and names).
SHOWING = {"feed": _feed, "wall": _wall, "slides": _slides, "atom": _atom, "search": _search, "e-mail": _credit_email}
NEVER = {"csv": _csv, "digest": _digest}


@pytest.mark.parametrize("surface", SHOWING)
def test_a_no_takes_the_quote_off_this_surface_at_once(win, people, surface):
    read = SHOWING[surface]
    assert QUOTE in read(people, win)
    _, url = asked_link(win, people["author"])
    answer(url, answer="no")
    assert QUOTE not in read(people, win) and WORD not in read(people, win)


@pytest.mark.parametrize("surface", NEVER)
def test_this_surface_never_carries_a_quote(win, people, surface):
    assert QUOTE not in NEVER[surface](people, win)
    _, url = asked_link(win, people["author"])
    answer(url, answer="no")
    assert QUOTE not in NEVER[surface](people, win)


def test_an_edit_shows_the_customers_words_on_every_surface(win, people):
    _, url = asked_link(win, people["author"])
    answer(url, answer="edit", words="Truly caring people.")
    for surface, read in SHOWING.items():
        if surface != "search":
            text = read(people, win)
            assert "Truly caring people." in text and QUOTE not in text, surface


@pytest.fixture
def required(settings):
    settings.WINSBOARD_REQUIRE_CUSTOMER_CONSENT = True


@pytest.mark.parametrize("surface", ["feed", "wall", "slides", "atom", "e-mail"])
def test_with_consent_required_an_unconfirmed_quote_stays_off_this_surface(win, people, required, surface):
    assert QUOTE not in SHOWING[surface](people, win)
    _, url = asked_link(win, people["author"])
    answer(url, answer="agree")
    assert QUOTE in SHOWING[surface](people, win)


def test_with_consent_required_only_author_and_managers_see_an_unconfirmed_quote(win, people, required):
    for who in ("author", "manager"):
        page = client_for(people[who]).get(win.get_absolute_url()).text
        assert QUOTE in page and "until the customer confirms it" in page
    assert QUOTE not in client_for(people["colleague"]).get(win.get_absolute_url()).text


def test_a_confirmed_quote_says_so_on_its_card(win, people):
    _, url = asked_link(win, people["author"])
    answer(url, answer="agree")
    for read in (_feed, _wall):
        assert "Confirmed by the customer" in read(people, win)


def test_list_pages_stay_at_a_constant_number_of_queries_with_answers(make_story, people):
    def seed(count):
        for index in range(count):
            story = feature(quoted(make_story, headline=f"Win {index}"))
            _, url = asked_link(story, people["author"])
            answer(url, answer=("agree", "anonymous", "edit")[index % 3], words="Thanks!", feeling="Happy", rating="4")

    seed(3)
    colleague = client_for(people["colleague"])
    few = {url: cold_and_warm(colleague, url) for url in (reverse("feed"), reverse("featured"))}
    seed(9)
    for url, (cold, warm) in few.items():
        assert cold_and_warm(colleague, url) == (cold, warm), url
        assert warm <= LIST_MAX_QUERIES


def _deck(people):
    return client_for(people["colleague"]).get(reverse("slideshow_slides")).json()["slides"]


def test_the_customers_own_line_follows_the_win_as_a_slide(win, people):
    _, url = asked_link(win, people["author"])
    answer(url, answer="anonymous", feeling="I felt like family", rating="5")
    ids = [slide["id"] for slide in _deck(people)]
    assert ids.index(f"customer-{win.pk}") == ids.index(f"win-{win.pk}") + 1
    (slide,) = [slide for slide in _deck(people) if slide["id"] == f"customer-{win.pk}"]
    assert slide["layout"] == "quote" and "win" not in slide
    assert (slide["quote"], slide["quote_by"]) == ("I felt like family", "a guest · rated 5 out of 5")
    answer(url, answer="no", feeling="I felt like family", rating="5")
    assert f"customer-{win.pk}" not in [slide["id"] for slide in _deck(people)]


def test_insight_counts_confirmed_quotes_and_the_average_rating(make_story, people):
    agreed, refused, waiting = (quoted(make_story, headline=f"Win {n}") for n in range(3))
    make_story(headline="No quote at all")
    for story, said, rating in ((agreed, "agree", "5"), (refused, "no", "2")):
        _, url = asked_link(story, people["author"])
        answer(url, answer=said, rating=rating)
    page = client_for(people["manager"]).get(reverse("insight")).text
    assert "Quotes confirmed by the customer" in page
    assert "33% <small>1 of 3</small>" in page
    assert "3.5 <small>out of 5, from 2 answers</small>" in page
