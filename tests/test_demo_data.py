"""`manage.py demo_data`: demo teams, accounts and ~30 varied wins for `make run`."""

import logging
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from stories import services
from stories.lib.search import parse
from stories.models import Award, Cheer, Comment, InboundDraft, Nomination, Notification, Photo, Story, Team, address_of
from stories.models.roles import can_curate

pytestmark = pytest.mark.django_db

EMPLOYEES = ["sam", "alex", "priya", "jordan", "lena"]


@pytest.fixture(autouse=True)
def _debug_on(settings):
    settings.DEBUG = True  # pytest-django runs with DEBUG off


def demo_data(*args):
    out = StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def counts():
    return (get_user_model().objects.count(), Team.objects.count(), Story.objects.count())


def test_demo_data_creates_teams_a_manager_employees_and_about_30_wins():
    output = demo_data()
    users = get_user_model().objects
    assert Team.objects.count() >= 3
    maria = users.get(username="maria")
    assert maria.groups.filter(name="Managers").exists()
    assert maria.has_perm("stories.curate_story") and can_curate(maria)
    for username in EMPLOYEES:
        assert not can_curate(users.get(username=username))
    assert 25 <= Story.objects.count() <= 40
    assert "Created 6 demo accounts" in output


def test_demo_accounts_sign_in_with_the_documented_password():
    demo_data()
    for username in ["maria", *EMPLOYEES]:
        assert authenticate(username=username, password="winsboard-demo") is not None, username


def test_demo_wins_are_varied_across_kinds_teams_authors_and_dates():
    demo_data()
    wins = Story.objects.all()
    assert set(wins.values_list("kind", flat=True)) == set(Story.Kind.values)
    assert wins.values("team").distinct().count() >= 4
    assert wins.values("author").distinct().count() == len(EMPLOYEES)
    assert wins.values("happened_on").distinct().count() >= 10
    assert wins.exclude(quote="").exists()
    assert not wins.exclude(quote="").filter(customer_consent=False).exists()
    assert all(story.heroes.exists() for story in wins)
    assert any(story.over_budget for story in wins)
    assert wins.filter(needed_approval=True).exists() and wins.filter(needed_approval=False).exists()


def test_demo_wins_show_newest_first_in_a_sensible_order():
    demo_data()
    created = list(Story.objects.order_by("-created_at").values_list("created_at", flat=True))
    assert len(set(created)) == len(created)  # distinct timestamps: a realistic feed


def test_demo_data_is_idempotent():
    demo_data()
    before = counts()
    output = demo_data()
    assert counts() == before
    assert "already there" in output


def test_if_empty_does_nothing_when_the_database_has_data(employee):
    output = demo_data("--if-empty")
    assert counts() == (1, 0, 0)
    assert "no demo data added" in output


def test_if_empty_fills_an_empty_database():
    demo_data("--if-empty")
    assert Story.objects.count() > 0


def test_demo_data_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusing because DEBUG is off"):
        demo_data()
    assert counts() == (0, 0, 0)


def test_demo_data_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False
    demo_data("--force")
    assert Story.objects.count() > 0


def test_demo_data_fills_the_featured_wall_in_order_and_tags_wins():
    call_command("demo_data", stdout=StringIO())
    wall = list(Story.objects.featured().values_list("headline", flat=True))
    assert wall[0] == "A ring found in the laundry, back before checkout"
    assert wall[1] == "Anniversary rescued after a double booking"
    assert len(wall) == 6
    ring = Story.objects.get(headline=wall[0])
    assert ring.feature_note == "Four laundry bags, one ring, zero hesitation."
    assert {tag.name for tag in ring.tags.all()} == {"Above and beyond", "Q4 2026"}


def test_demo_wins_have_pictures_made_by_the_photo_pipeline():
    from django.core.files.storage import default_storage

    call_command("demo_data", stdout=StringIO())
    pictured = Story.objects.filter(photos__isnull=False).distinct()
    assert pictured.count() == 7
    # The wall, and so the slideshow, mixes photo slides with quote and text ones.
    featured = list(Story.objects.featured())
    assert 0 < sum(1 for story in featured if story.photos.exists()) < len(featured)
    for photo in Photo.objects.all():
        assert photo.alt_text.startswith("Illustration: ")
        assert photo.large.name.endswith(".webp") and photo.card.name.endswith(".webp")
        assert (photo.large_width, photo.card_width) == (1600, 600)
        assert default_storage.exists(photo.large.name) and default_storage.exists(photo.card.name)


def test_demo_pictures_are_not_added_twice():
    call_command("demo_data", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    assert Photo.objects.count() == 7
    assert InboundDraft.objects.count() == 1  # the forwarded thank-you e-mail, once


def test_a_forwarded_thank_you_email_waits_as_sams_draft_and_his_address_is_printed():
    demo_data()
    draft = InboundDraft.objects.get()
    assert (draft.owner.username, draft.quote_by) == ("sam", "Hannah Berg")
    assert draft.quote.startswith("Thank you for waiting up for our delayed flight")
    assert Notification.objects.filter(recipient=draft.owner, kind="draft", draft=draft).exists()
    out = StringIO()
    call_command("forwarding_address", "sam", stdout=out)
    assert out.getvalue().strip() == address_of(draft.owner)
    assert services.recipient_owner(out.getvalue().strip()) == draft.owner


def test_demo_wins_are_found_by_search_for_a_colleagues_name():
    """The issue's first complaint: /?q=priya found nothing."""
    demo_data()
    priya = get_user_model().objects.get(username="priya")
    credited = set(Story.objects.filter(heroes=priya).values_list("pk", flat=True))
    found = set(Story.objects.published().search(parse("priya")).values_list("pk", flat=True))
    assert credited and credited <= found


def test_demo_colleagues_have_teams_cheer_and_comment_so_the_bell_has_news():
    demo_data()
    users = {user.username: user for user in get_user_model().objects.select_related("profile__team")}
    assert users["priya"].profile.team.name == "Concierge"
    cheers = Cheer.objects.select_related("story").prefetch_related("story__heroes")
    assert cheers.count() > Story.objects.count()  # most wins are cheered, some by several
    for cheer in cheers:  # never by the win's author or heroes
        assert cheer.user_id != cheer.story.author_id
        assert cheer.user_id not in {hero.pk for hero in cheer.story.heroes.all()}
    assert Comment.objects.count() == 5
    assert Notification.objects.filter(read_at__isnull=True).exists()


def test_make_run_prints_one_line_per_email_with_its_link_not_the_whole_message(
    settings, capsys, caplog, django_capture_on_commit_callbacks
):
    """`make run` ends with its own address: the demo's e-mails are one line
    each (who to, what about, the link) instead of ~420 lines of MIME."""
    settings.MAILERS = {"default": {"BACKEND": "winsboard.mail.SummaryEmailBackend"}}
    settings.WINSBOARD_SITE_URL = "http://127.0.0.1:8611"
    with django_capture_on_commit_callbacks(execute=True):
        demo_data()
    lines = capsys.readouterr().out.splitlines()
    mails = [line for line in lines if line.startswith("mail to ")]
    assert len(mails) >= 5 and len(lines) <= len(mails) + 5
    assert not any("Content-Type:" in line or "MIME-Version" in line for line in lines)
    assert all("@" in line.split(":")[0] for line in mails)
    chatty = [r for r in caplog.records if r.levelno < logging.WARNING and r.name.startswith("stories")]
    assert chatty == []  # nor a log line per tag and feature
    linked = [line for line in mails if " · http" in line]
    assert linked and all(" · http://127.0.0.1:8611/" in line for line in linked)


def test_demo_data_adds_a_few_people_invited_but_not_joined(client):
    demo_data()
    client.force_login(get_user_model().objects.get(username="maria"))
    rows = client.get("/manage/people/").context["page"].object_list
    invited = sorted(person.profile.display_name for person in rows if person.status == "invited")
    assert invited == ["Aisha Bello", "Luis Ortega", "Tomasz Kowalski"]


def test_the_demo_has_a_win_confirmed_by_the_customer_and_prints_an_open_link(client):
    demo_data()
    confirmed = Story.objects.get(customer_answer="agree")
    assert confirmed.is_featured and confirmed.customer_rating == 5 and confirmed.customer_feeling
    output = demo_data("--consent-link")
    assert output.startswith("A customer's page to try (no account): http://")
    path = output.split("http://", 1)[1].split("/", 1)[1].strip()
    page = client.get("/" + path)
    assert page.status_code == 200 and "May we share your words?" in page.text


def test_demo_data_has_nominations_and_one_announced_month(client):
    demo_data()

    announced = Award.objects.announced()
    assert announced.count() == 4 and len({award.period_start for award in announced}) == 1
    assert set(announced.values_list("category__name", flat=True)) == {
        "Best decision on the spot",
        "Most creative idea",
        "Best lesson from a miss",
    }
    assert Nomination.objects.undecided().count() >= 5  # this month's, open
    client.force_login(get_user_model().objects.get(username="maria"))
    assert "Birthday cake from a dinner-roll tower" in client.get("/manage/awards/").text
    assert "Cold soup turned into a chef" in client.get("/awards/").text
    assert [slide["layout"] for slide in client.get("/slideshow/slides.json").json()["slides"]][1:5] == ["award"] * 4
