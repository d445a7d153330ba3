"""An SMTP server (aiosmtpd) that turns thank-you e-mails into draft wins,
as Zulip's e-mail gateway does: each recipient is checked in RCPT TO before
the message is accepted (550 for an address that is nobody's, or no longer
anybody's), a message over 25 MB is refused at DATA (552), and the message
then goes to the one way in (stories.services.inbound.inbound_receive).
What fails there (another sender, a message the parser refuses) is dropped
with a log line after a 250: the sender is never written back to.

    manage.py email_server --host 0.0.0.0 --port 2525

Put it behind the company's mail server (a relay for the inbound domain) or
give it port 25 of the domain's MX host. It runs until stopped (Ctrl-C,
SIGTERM)."""

import logging
import signal
import threading

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext

from stories import services
from stories.lib.inbound_mail import MAX_MESSAGE_BYTES

log = logging.getLogger("stories.services.inbound")
MAX_RECIPIENTS = 10


def _in_django(function):
    """`function` in Django's thread, on a database connection of its own,
    closed afterwards (a session can sit idle for minutes between commands)."""

    def run(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    return sync_to_async(run, thread_sensitive=True)


class InboundHandler:
    """aiosmtpd's hooks: RCPT TO checks the address, DATA makes the draft."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        try:
            owner = await _in_django(services.recipient_owner)(address)
        except Exception:  # noqa: BLE001 - the database away: the sender's server tries again later
            log.exception("Checking a recipient failed")
            return "451 4.3.0 Try again later"
        if owner is None:
            log.warning("Inbound e-mail refused at RCPT TO: unknown or replaced address")
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        raw = envelope.original_content or b""
        try:
            received = await _in_django(services.inbound_receive)(raw=raw, recipients=list(envelope.rcpt_tos))
        except Exception:  # noqa: BLE001 - never a crash mid-session
            log.exception("Receiving an e-mail failed")
            return "451 4.3.0 Try again later"
        if received.temporary:
            return "451 4.3.0 Try again later"
        return "250 Message accepted"


def inbound_controller(*, host, port):
    """The server, not started yet (`.start()`, `.stop()`)."""
    return Controller(
        InboundHandler(),
        hostname=host,
        port=port,
        data_size_limit=MAX_MESSAGE_BYTES,
        enable_SMTPUTF8=True,
        decode_data=False,
        ident="Winsboard",
    )


class Command(BaseCommand):
    help = "Run an SMTP server that turns thank-you e-mails sent to forwarding addresses into draft wins."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="The address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=2525, help="The port to listen on (default 2525).")

    def handle(self, *args, host, port, **options):
        controller = inbound_controller(host=host, port=port)
        controller.start()
        self.stdout.write(
            gettext("Receiving e-mail on %(host)s:%(port)s (Ctrl-C stops).") % {"host": host, "port": port}
        )
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        try:
            stopped.wait()
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
