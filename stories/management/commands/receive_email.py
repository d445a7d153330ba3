"""One thank-you e-mail from a mail server's pipe transport: the raw message
on standard input becomes a draft win for the person whose forwarding
address it was sent to (stories.services.inbound). Postfix, for example:

    winsboard unix - n n - - pipe flags=Rq user=winsboard argv=/srv/winsboard/.venv/bin/python
      /srv/winsboard/manage.py receive_email --recipient ${recipient}

Exit status 0 whether a draft was made or the message was dropped (with a
log line): a non-zero status would make the mail server write back to the
sender. 75 (EX_TEMPFAIL) only when our side failed (storage, a busy
database): the mail server keeps the message and tries again later."""

import sys

from django.core.management.base import BaseCommand

from stories import services
from stories.lib.inbound_mail import MAX_MESSAGE_BYTES

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Read one raw e-mail on standard input; make a draft win of it for its recipient."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            help="The envelope recipient (the mail server's ${recipient}); may be repeated. "
            "Unset: the message's own Delivered-To, X-Original-To, To and Cc.",
        )

    def handle(self, *args, recipient, **options):
        raw = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)  # one byte more tells the parser it is too large
        while sys.stdin.buffer.read(1024 * 1024):  # the rest of a message too large, read and let go:
            pass  # a mail server whose pipe is left unread would count the delivery as failed
        received = services.inbound_receive(raw=raw, recipients=recipient)
        if received.draft is not None:
            self.stdout.write(f"draft {received.draft.pk} for {received.draft.owner_id}")
        else:
            self.stdout.write(f"dropped: {received.reason}")
        if received.temporary:
            sys.exit(EX_TEMPFAIL)
