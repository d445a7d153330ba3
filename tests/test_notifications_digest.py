"""`manage.py send_digest`: the week's featured wins with their notes, the
cheers on your own wins and the heroes of the week, in HTML and plain text
with links back, only to people who opted in — and once per ISO week, however
often it runs."""

from datetime import datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from stories import services
from stories.models import Cheer, DigestSent, Story
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db

SITE = "https://wins.example.com"
WEEK = "2026-W47"  # Monday 16 – Sunday 22 November 2026
IN_WEEK = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.get_current_timezone())
BEFORE = IN_WEEK - timedelta(days=7)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.WINSBOARD_SITE_URL = SITE


def reader(django_user_model, username, first, *, digest=True, email=True):
    user = make_user(django_user_model, username, first=first, email=f"{username}@example.com" if email else "")
    services.preferences_update(user=user, weekly_digest=digest)
    return user


def digest(*args):
    out = StringIO()
    call_command("send_digest", "--week", WEEK, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def week(django_user_model, make_story, manager):
    """Ana's win featured this week (with a note), cheered by Luis this week and
    by Bo the week before; an older featured win; a win posted this week
    crediting Ana and Cy."""
    ana = reader(django_user_model, "ana", "Ana")
    luis = reader(django_user_model, "luis", "Luis")
    bo = make_user(django_user_model, "bo", first="Bo", email="bo@example.com")  # never opted in
    cy = make_user(django_user_model, "cy", first="Cy", last="Young")
    featured = make_story(author=ana, heroes=[ana], headline="Saved the anniversary", created_at=BEFORE)
    services.story_feature(story=featured, by=manager, note="Kindness <3")
    Story.objects.filter(pk=featured.pk).update(featured_at=IN_WEEK)
    older = make_story(author=bo, heroes=[bo], headline="Old glory", created_at=BEFORE)
    services.story_feature(story=older, by=manager)
    Story.objects.filter(pk=older.pk).update(featured_at=BEFORE)
    make_story(author=cy, heroes=[ana, cy], headline="Lost passport", created_at=IN_WEEK)
    Cheer.objects.create(story=featured, user=luis, created_at=IN_WEEK)
    Cheer.objects.create(story=featured, user=bo, created_at=BEFORE)
    mail.outbox.clear()
    return {"ana": ana, "luis": luis, "bo": bo, "featured": featured}


def test_the_digest_goes_to_those_who_opted_in_with_text_and_html(week):
    output = digest()
    assert "Weekly digest 2026-W47: 2 sent, 0 already sent, 0 with nothing to tell, 0 failed." in output
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "luis@example.com"]
    message = next(m for m in mail.outbox if m.to == ["ana@example.com"])
    assert message.subject == "Your Winsboard week: 16 Nov – 22 Nov 2026"
    text = message.body
    assert "FEATURED THIS WEEK" in text and "* Saved the anniversary — Ana" in text
    assert "Why we love this: Kindness <3" in text and "Old glory" not in text
    assert f"{SITE}/wins/{week['featured'].pk}/" in text
    assert "CHEERS ON YOUR WINS" in text and "Saved the anniversary: 1 cheer this week" in text
    assert "HEROES OF THE WEEK" in text and "* Ana (1 win)" in text and "* Cy Young (1 win)" in text
    assert f"{SITE}/settings/notifications/" in text and f"{SITE}/featured/" in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{SITE}/wins/{week["featured"].pk}/">Saved the anniversary</a>' in html
    assert "Kindness &lt;3" in html


def test_someone_else_gets_no_section_about_cheers_they_did_not_get(week):
    digest()
    luis = next(m for m in mail.outbox if m.to == ["luis@example.com"])
    assert "CHEERS ON YOUR WINS" not in luis.body and "FEATURED THIS WEEK" in luis.body


def test_running_it_twice_in_a_week_sends_nothing_new(week):
    digest()
    assert len(mail.outbox) == 2
    output = digest()
    assert "0 sent, 2 already sent" in output and len(mail.outbox) == 2
    assert DigestSent.objects.filter(week=WEEK).count() == 2


def test_someone_opting_in_later_in_the_week_still_gets_theirs(week, django_user_model):
    digest()
    reader(django_user_model, "dee", "Dee")
    digest()
    assert [m.to for m in mail.outbox[2:]] == [["dee@example.com"]]


def test_opted_out_inactive_or_addressless_people_get_nothing(week, django_user_model):
    services.preferences_update(user=week["luis"], weekly_digest=False)
    gone = reader(django_user_model, "gone", "Gone")
    gone.is_active = False
    gone.save()
    reader(django_user_model, "nomail", "No", email=False)
    digest()
    assert [m.to for m in mail.outbox] == [["ana@example.com"]]


def test_a_quiet_week_sends_nothing_and_records_nothing(django_user_model):
    reader(django_user_model, "ana", "Ana")
    assert "0 sent, 0 already sent, 1 with nothing to tell" in digest()
    assert mail.outbox == [] and not DigestSent.objects.exists()


def test_a_hidden_win_is_left_out(week, manager):
    services.story_hide(story=week["featured"], by=manager, reason="r")
    digest()
    assert all("Saved the anniversary" not in m.body for m in mail.outbox)


def test_a_failed_send_is_logged_and_tried_again_next_run(week):
    with mock.patch("stories.tasks.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        with pytest.raises(CommandError, match="2 digest"):
            digest()
    assert not DigestSent.objects.exists()
    digest()
    assert len(mail.outbox) == 2


def test_a_dry_run_counts_and_sends_nothing(week):
    assert "(dry run): 2 sent" in digest("--dry-run")
    assert mail.outbox == [] and not DigestSent.objects.exists()


def test_a_bad_week_or_a_missing_site_address_is_a_clear_error(settings, week):
    with pytest.raises(CommandError, match="not a week written like 2026-W48"):
        call_command("send_digest", "--week", "last week")
    settings.WINSBOARD_SITE_URL = ""
    with pytest.raises(CommandError, match="Set WINSBOARD_SITE_URL"):
        digest()


def test_without_a_week_it_tells_of_the_last_complete_one(week):
    with mock.patch("stories.management.commands.send_digest.timezone.localdate") as today:
        today.return_value = datetime(2026, 11, 23).date()  # a Monday
        out = StringIO()
        call_command("send_digest", stdout=out)
    assert "Weekly digest 2026-W47:" in out.getvalue() and len(mail.outbox) == 2
