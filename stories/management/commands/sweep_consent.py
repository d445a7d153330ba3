"""`manage.py sweep_consent`: erase the customer's e-mail address of every
request to the customer that expired unanswered (an answer erases it at
once). Run it daily by cron, next to `send_digest`:
`15 3 * * *  cd /srv/winsboard && .venv/bin/python manage.py sweep_consent`."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from ... import services


class Command(BaseCommand):
    help = "Erase the customers' e-mail addresses of expired (or answered) requests to confirm a quote."

    def handle(self, *args, **options):
        erased = services.consent_addresses_erase()
        self.stdout.write(
            ngettext("Erased %(count)s customer e-mail address.", "Erased %(count)s customer e-mail addresses.", erased)
            % {"count": erased}
        )
