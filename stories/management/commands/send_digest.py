"""`manage.py send_digest`: the weekly digest, by e-mail, to everyone who
asked for it (/settings/notifications/). Run it weekly by cron, e.g. on
Monday at 8:00 — it tells of the last complete week (Monday to Sunday):

    0 8 * * 1  cd /srv/winsboard && .venv/bin/python manage.py send_digest

What it tells: the awards announced that week, the week's featured wins with their notes, the cheers on
your own wins (posted or credited), and the heroes of the week (credited
in the most wins posted that week). HTML and plain text, with links back
(WINSBOARD_SITE_URL). Idempotent: each person's digest for a week is
recorded before it is sent (DigestSent), so running it twice sends nothing
new; a failed send is forgotten so the next run tries again.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from stories import services
from stories.languages import in_language_of
from stories.lib.periods import last_week, week_days, week_span
from stories.models import Award, Cheer, NotificationPreferences, Story, display_name
from stories.tasks import send_mail_to, site_url

log = logging.getLogger(__name__)

HEROES_SHOWN = 10
DIGEST = "stories/notifications/digest"  # .txt and .html


@dataclass
class WeekNews:
    """What every digest of the week shares, read once for everyone."""

    featured: list = field(default_factory=list)
    heroes: list = field(default_factory=list)  # [(name, wins)]
    cheered: list = field(default_factory=list)  # [(story, cheers)] on wins still shared
    awards: list = field(default_factory=list)  # announced that week, on wins still shared

    @classmethod
    def gather(cls, start, end):
        featured = list(Story.objects.featured_between(start, end).order_by("featured_at", "id").for_cards())
        tally = Story.objects.published().posted_between(start, end).hero_tally()[:HEROES_SHOWN]
        people = get_user_model().objects.in_bulk([pk for pk, _ in tally])
        heroes = [(display_name(people[pk]), wins) for pk, wins in tally if pk in people]
        counts = Cheer.objects.between(start, end).on_shared_wins().counts_by_story()
        stories = Story.objects.published().filter(pk__in=counts).prefetch_related("heroes").order_by("-created_at")
        cheered = [(story, counts[story.pk]) for story in stories]
        awards = list(Award.objects.announced_between(start, end).on_shared_wins().for_list().newest_first())
        return cls(featured=featured, heroes=heroes, cheered=cheered, awards=awards)

    def own_cheers(self, user):
        """[(story, cheers this week)] on wins `user` posted or is credited in."""
        return [
            (story, count)
            for story, count in self.cheered
            if user.pk == story.author_id or any(hero.pk == user.pk for hero in story.heroes.all())
        ]


def _links(stories):
    return [(story, site_url(story.get_absolute_url())) for story in stories]


class Command(BaseCommand):
    help = "E-mail the weekly digest to everyone who opted in (once per person and ISO week)."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="The ISO week to tell of, like 2026-W48 (default: last week).")
        parser.add_argument("--dry-run", action="store_true", help="Say how many would be sent; send nothing.")

    def handle(self, *args, week=None, dry_run=False, **options):
        week = week or last_week(timezone.localdate())
        try:
            start, end = week_span(week, timezone.get_current_timezone())
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not settings.WINSBOARD_SITE_URL:
            raise CommandError(_("Set WINSBOARD_SITE_URL (e.g. https://wins.example.com): digests link back to it."))
        news = WeekNews.gather(start, end)
        outcomes = Counter()
        for preferences in NotificationPreferences.objects.digest_readers():
            outcomes[self.send_one(preferences.user, week, news, dry_run=dry_run)] += 1
        values = {"week": week, **{kind: outcomes[kind] for kind in ("sent", "already", "empty", "failed")}}
        if dry_run:
            summary = _(
                "Weekly digest %(week)s (dry run): %(sent)s sent, %(already)s already sent, "
                "%(empty)s with nothing to tell, %(failed)s failed."
            )
        else:
            summary = _(
                "Weekly digest %(week)s: %(sent)s sent, %(already)s already sent, "
                "%(empty)s with nothing to tell, %(failed)s failed."
            )
        self.stdout.write(summary % values)
        if outcomes["failed"]:
            raise CommandError(
                ngettext(
                    "%(count)s digest could not be sent; the next run tries it again.",
                    "%(count)s digests could not be sent; the next run tries them again.",
                    outcomes["failed"],
                )
                % {"count": outcomes["failed"]}
            )

    def send_one(self, user, week, news, *, dry_run):
        own = news.own_cheers(user)
        if not (news.awards or news.featured or news.heroes or own):
            return "empty"
        if dry_run:
            return "sent"
        if not services.digest_claim(user=user, week=week):
            return "already"
        try:
            with in_language_of(user):  # each reader's own language
                self._mail(user, week, news, own)
        except Exception:  # noqa: BLE001 - one person's failure must not stop the others
            log.exception("Sending the %s digest to user %s failed", week, user.pk)
            services.digest_release(user=user, week=week)
            return "failed"
        return "sent"

    def _mail(self, user, week, news, own):
        send_mail_to(
            user,
            # Translators: the weekly digest e-mail's subject; %(week)s is e.g. "23 Nov – 29 Nov 2026".
            subject=_("Your Winsboard week: %(week)s") % {"week": week_in_words(week)},
            template=DIGEST,
            context={
                "week": week,
                "week_label": week_in_words(week),
                "featured": _links(news.featured),
                "awards": [(award, site_url(award.story.get_absolute_url())) for award in news.awards],
                "heroes": news.heroes,
                "own": [(story, count, site_url(story.get_absolute_url())) for story, count in own],
                "wall_url": site_url(reverse("featured")),
                "settings_url": site_url(reverse("notification_settings")),
            },
        )


def week_in_words(week):
    """“23 Nov – 29 Nov 2026”."""
    monday, next_monday = week_days(week)
    # Translators: a date format without the year, e.g. "23 Nov" (j: day, M: short month name).
    first = date_format(monday, pgettext("date format", "j M"))
    # Translators: a date format, e.g. "29 Nov 2026" (j: day, M: short month name, Y: year).
    last = date_format(next_monday - timedelta(days=1), pgettext("date format", "j M Y"))
    # Translators: a week from its first to its last day: "23 Nov – 29 Nov 2026".
    return _("%(first)s – %(last)s") % {"first": first, "last": last}
