"""Create demo teams, accounts and ~30 varied wins (for `make run`)."""

import logging
import random
from contextlib import contextmanager
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from stories import services
from stories.lib.media import MediaChanges, NewPhoto
from stories.models import AwardCategory, Story, Team, address_of

from ._demo_awards import ANNOUNCED, OPEN
from ._demo_content import COMMENTS, FEATURED, INVITED, PEOPLE, PEOPLE_TEAMS, TAGS, TEAMS, WINS
from ._demo_customer import ask_demo_customers, demo_link
from ._demo_pictures import demo_photo

DEMO_PASSWORD = "winsboard-demo"  # noqa: S105 - demo accounts only; refused when DEBUG is off


# Wins with a picture (see _demo_pictures): some featured ones, so the wall
# and the slideshow show photo slides next to quote and text slides.
PICTURES = {
    "A ring found in the laundry, back before checkout": "ring",
    "Cold soup turned into a chef's table": "soup",
    "Lost passport found at the train station": "passport",
    "Quiet room for a guest with a migraine": "night",
    "Flight cancelled: rebooked and roomed in 20 minutes": "airport",
    "Umbrellas by the door on rainy days": "umbrellas",
    "Welcome notes in the guest's own language": "note",
}


@contextmanager
def _quiet_logs():
    """INFO lines (curation: maria tagged …, each e-mail task) left out while
    the demo is made; warnings and errors still show."""
    loggers = [logging.getLogger(name) for name in ("stories", "django.tasks")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logging.WARNING, logger.level))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Create demo teams, accounts (password: winsboard-demo) and ~30 wins. Refuses when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument(
            "--consent-link", action="store_true", help="Only print the demo customer's link (make run's last lines)."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already has wins or users."
        )

    def handle(self, *args, force=False, if_empty=False, consent_link=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                gettext(
                    "demo_data creates accounts with a known password; refusing because DEBUG is off. "
                    "Use --force if you really mean it."
                )
            )
        if consent_link:
            link = demo_link()
            self.stdout.write(
                gettext("A customer's page to try (no account): %(link)s") % {"link": link}
                if link
                else gettext("No demo customer link.")
            )
            return
        user_model = get_user_model()
        if if_empty and (Story.objects.exists() or user_model.objects.exists()):
            self.stdout.write(gettext("The database already has data; no demo data added."))
            return
        with _quiet_logs():  # every tag and feature is logged; `make run` shows its address instead
            with transaction.atomic():
                created, new_wins = self._create()
                services.wins_changed(names=True)  # new people, teams and tags for the feed's filters
            if new_wins:
                self._add_pictures()  # files are written after the rows are committed
                self._forward_a_thank_you()
        self.stdout.write(self.style.SUCCESS(created))

    def _create(self):
        user_model = get_user_model()
        managers = Group.objects.get(name="Managers")
        teams = {name: Team.objects.get_or_create(name=name)[0] for name in TEAMS}
        people = []
        for username, first, last, is_manager in PEOPLE:
            user, made = user_model.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
            )
            if made:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if is_manager:
                user.groups.add(managers)
            people.append(user)
        if Story.objects.filter(author__in=people).exists():
            return "Demo accounts are ready; their wins were already there.", False
        rng = random.Random(2026)
        now = timezone.now()
        employees = people[1:]
        for index, (headline, kind, team, approval, cost, body, quote, quote_by) in enumerate(reversed(WINS)):
            author = employees[index % len(employees)]
            heroes = {author}
            if rng.random() < 0.3:
                heroes.add(rng.choice(employees))
            age = timedelta(days=len(WINS) - index, hours=rng.randint(0, 8))
            story = Story.objects.create(
                headline=headline,
                body=body,
                kind=kind,
                team=teams[team],
                happened_on=(now - age - timedelta(days=rng.randint(0, 2))).date(),
                needed_approval=approval,
                cost=cost,
                quote=quote,
                quote_by=quote_by,
                customer_consent=bool(quote),
                author=author,
                created_at=now - age,
            )
            story.heroes.set(heroes)
        services.wins_changed(Story.objects.filter(author__in=people), reindex=True)
        self._curate(manager=people[0])
        self._celebrate(people, teams, rng)
        ask_demo_customers()
        self._award(people, manager=people[0])
        self._invite(teams)
        summary = (
            f"Created {len(people)} demo accounts (password {DEMO_PASSWORD!r}), {len(TEAMS)} teams, {len(WINS)} wins."
        )
        return summary, True

    def _invite(self, teams):
        """A few people added but not joined yet (status "invited" in /manage/people/)."""
        for name, email, team, number in INVITED:
            services.person_add(name=name, team=teams[team], email=email, employee_id=number)

    def _curate(self, *, manager):
        by_headline = {story.headline: story for story in Story.objects.all()}
        for name, headlines in TAGS.items():
            for headline in headlines:
                services.tag_add(story=by_headline[headline], name=name, by=manager)
        # Each feature goes to the top of the wall, so feature bottom-up.
        for headline, note in reversed(FEATURED):
            services.story_feature(story=by_headline[headline], by=manager, note=note)

    def _celebrate(self, people, teams, rng):
        """Profiles with a team, cheers from colleagues on most wins, and a
        few comments — through the services, as people would."""
        for user in people:
            if user.username in PEOPLE_TEAMS:
                services.profile_update(user=user, display_name="", team=teams[PEOPLE_TEAMS[user.username]])
        for story in Story.objects.prefetch_related("heroes").order_by("created_at"):
            involved = {story.author_id, *(hero.pk for hero in story.heroes.all())}
            fans = [user for user in people if user.pk not in involved]
            for fan in rng.sample(fans, k=rng.randint(0, len(fans))):
                services.cheer_set(story=story, user=fan, on=True)
        by_username = {user.username: user for user in people}
        for headline, username, body in COMMENTS:
            story = Story.objects.get(headline=headline)
            services.comment_create(story=story, author=by_username[username], body=body)

    def _award(self, people, *, manager):
        """Last month's awards nominated, chosen and announced; this month's
        nominations open — through the services, as people would."""
        categories = {category.name: category for category in AwardCategory.objects.all()}
        last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
        for name, headline, citation, reasons, place in ANNOUNCED:
            story = Story.objects.get(headline=headline)
            nominations = [
                services.nomination_create(
                    story=story, nominator=nominator, category=categories[name], reason=reason, today=last_month
                )
                for nominator, reason in zip(self._colleagues_of(story, people), reasons, strict=False)
            ]
            services.award_choose(
                category=categories[name],
                period_start=nominations[0].period_start,
                story=story,
                place=place,
                citation=citation,
                by=manager,
            )
        services.awards_announce(period_start=last_month.replace(day=1), by=manager)
        for name, headline, reason in OPEN:
            story = Story.objects.get(headline=headline)
            nominator = self._colleagues_of(story, people)[0]
            services.nomination_create(story=story, nominator=nominator, category=categories[name], reason=reason)

    @staticmethod
    def _colleagues_of(story, people):
        """Who may nominate `story`: neither its author nor a hero, nor the manager."""
        involved = {story.author_id, *story.heroes.values_list("pk", flat=True)}
        return [user for user in people[1:] if user.pk not in involved]

    def _add_pictures(self):
        """Attach the demo pictures through the real photo pipeline (re-encoded
        renditions, all or nothing per win)."""
        for headline, key in PICTURES.items():
            story = Story.objects.get(headline=headline)
            renditions, alt_text = demo_photo(key)
            new_photo = NewPhoto(renditions=renditions, alt_text=alt_text, position=0)
            services.story_update_with_media(
                story=story,
                heroes=list(story.heroes.all()),
                media_changes=MediaChanges(new_photos=[new_photo]),
            )

    def _forward_a_thank_you(self):
        """A customer's thank-you e-mail, forwarded by sam to his address: a
        draft waits for him (through the same way in as a real one)."""
        sam = get_user_model().objects.get(username="sam")
        message = EmailMessage()
        message["From"], message["To"] = f"Sam Okafor <{sam.email}>", address_of(sam)
        message["Subject"], message["Date"] = "Fwd: Thank you!", format_datetime(timezone.now())
        sent = format_datetime(timezone.now() - timedelta(days=1))
        message.set_content(
            "A lovely note from last night's guest.\n\n---------- Forwarded message ---------\n"
            f"From: Hannah Berg <hannah.berg@example.net>\nDate: {sent}\nSubject: Thank you!\n\n"
            "Hi Sam,\n\nThank you for waiting up for our delayed flight and keeping the kitchen open for the "
            "children. You made a long day end well.\n\nKind regards,\nHannah\n"
        )
        services.inbound_receive(raw=message.as_bytes())
