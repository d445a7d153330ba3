"""The development mailer: one line per e-mail on the console — who it is
to, its subject and the first link in it (a reset or sign-in link stays one
click away) — instead of the whole MIME message, so `make run` keeps its own
address in sight. The whole message: EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend."""

import re

from django.core.mail.backends.console import EmailBackend

LINK = re.compile(r"https?://[^\s<>\"']+")


def summary(message):
    """'mail to priya@example.com: Subject · http://first/link' for one message."""
    recipients = ", ".join(message.recipients()) or "(nobody)"
    subject = " ".join(str(message.subject).split())
    link = LINK.search(str(message.body or ""))
    return f"mail to {recipients}: {subject}" + (f" · {link.group()}" if link else "")


class SummaryEmailBackend(EmailBackend):
    def write_message(self, message):
        self.stream.write(summary(message) + "\n")
