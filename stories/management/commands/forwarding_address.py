"""Print a person's private forwarding address (thank-you e-mails sent there
become their draft wins; see README "Thank-you e-mails become wins"). `make
run` prints the demo account sam's."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from stories.models import address_of


class Command(BaseCommand):
    help = "Print a person's forwarding address for thank-you e-mails."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--if-exists", action="store_true", help="Print nothing (and succeed) if there is no such person."
        )

    def handle(self, *args, username, if_exists, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            if if_exists:
                return
            raise CommandError(
                gettext("No active person with the username %(username)s.") % {"username": repr(username)}
            )
        self.stdout.write(address_of(user))
