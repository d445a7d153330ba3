"""A real SMTP server on localhost (aiosmtpd) for the tests that send mail
over the wire: Django's SMTP backend talks to it as to a company's relay."""

import email
from contextlib import contextmanager

from aiosmtpd.controller import Controller

from tests.helpers.servers import free_port


class Inbox:
    """What the server received: (envelope recipients, parsed message)."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.original_content)))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server():
    """(port, inbox) of an SMTP server running until the block ends."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


def smtp_mailers(port):
    """settings.MAILERS that send through the server on `port`."""
    options = {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 10}
    return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}
