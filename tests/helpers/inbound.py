"""Thank-you e-mails for the inbound tests: the corpus in tests/mail/ (every
message invented) addressed to a person's forwarding address, and the three
doors they come in by — standard input, a real SMTP session, Mailgun's
signed webhook."""

import hashlib
import hmac
import io
import re
import smtplib
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from stories.lib.inbound_addresses import address_token, forwarding_address
from stories.models.inbound import nonce_of

CORPUS = Path(__file__).resolve().parent.parent / "mail"
DOMAIN = "wins.example.com"
MAILGUN_KEY = "key-test-signing-0123456789"


@dataclass(frozen=True)
class Expected:
    sender: str  # the username of the person forwarding it (their e-mail is <username>@example.com)
    quote: str
    quote_by: str
    happened_on: date | None
    photos: int


EXPECTED = {
    "gmail_en_inline_photo.eml": Expected(
        "sam",
        "Thank you so much for finding my daughter's bear at 11 pm — she slept at last, and so did we.\n\n"
        "The whole team made our stay.",
        "Jane Doe",
        date(2026, 11, 30),
        1,  # the bear; the 1×1 spacer GIF is no photo
    ),
    "gmail_es_html_only_latin1.eml": Expected(
        "sam",
        "Muchas gracias por cambiarnos de habitación a las dos de la mañana sin pedir nada a cambio. ¡Qué amabilidad!",
        "Lucía Fernández",
        date(2026, 11, 30),
        0,  # its images are remote (a tracker, a logo): never fetched
    ),
    "outlook_desktop_fr_attachment.eml": Expected(
        "sam",
        "Je voulais vous remercier pour votre patience hier soir : vous avez réservé un taxi et trouvé une "
        "pharmacie ouverte pour mon père.\n\nNous reviendrons !",
        "Claire Martin",
        date(2026, 12, 1),
        1,
    ),
    "outlook_web_de_html_only.eml": Expected(
        "sam",
        "vielen Dank, dass Sie meinen vergessenen Laptop noch am selben Abend per Kurier nach Hamburg geschickt "
        "haben. Das hat mir die Präsentation gerettet.",
        "Jörg Müller",
        date(2026, 12, 2),
        0,
    ),
    "apple_mail_nl_quoted.eml": Expected(
        "sam",
        "Dank je wel dat je onze trouwtaart in de koelcel hebt bewaard en hem om middernacht nog naar boven "
        "bracht. Alles was perfect!",
        "Sanne de Vries",
        date(2026, 12, 3),
        1,
    ),
    "thunderbird_en_latin1_8bit.eml": Expected(
        "priya",
        "you rescued our anniversary: the restaurant you found at 9 pm was the best meal of our trip. "
        "Ümlauts and accents survive: café, naïve.",
        "Ana Gómez",
        date(2026, 11, 27),
        0,
    ),
    "outlook_forward_as_attachment.eml": Expected(
        "sam",
        "Your night porter carried my mother's wheelchair up three flights when the lift broke. Thank you.",
        "Tom Baker",
        date(2026, 12, 1),
        1,
    ),
    "apple_mail_es_html_inline.eml": Expected(
        "sam",
        "Gracias por encontrar el anillo de mi abuela entre las sábanas. No tengo palabras.",
        "Carmen Ruiz",
        date(2026, 12, 2),
        1,  # inline (Content-ID), HTML only, the forward inside <blockquote type="cite">
    ),
    "outlook_web_en_signature_reply.eml": Expected(
        "sam",
        "I had to say thank you: when our son fell ill, your night manager drove us to the clinic herself and "
        "waited with us until 3 am.\n\nWe will never forget it.",
        "Daniel Okonkwo",
        date(2026, 12, 3),
        0,  # the "-- " signature and the older message under it left out
    ),
    "not_forwarded.eml": Expected(
        "sam", "The guest in 412 said the breakfast team saved her birthday.", "", date(2026, 12, 3), 0
    ),
}


def address_for(user):
    return forwarding_address(address_token(user.pk, nonce_of(user)), DOMAIN)


def corpus_message(name, user):
    """The corpus message `name`, sent to `user`'s forwarding address."""
    token = address_for(user).split("@")[0].split("+")[1].encode()
    return (CORPUS / name).read_bytes().replace(b"TOKEN", token)


def draft_facts(draft):
    return Expected(draft.owner.username, draft.quote, draft.quote_by, draft.happened_on, len(draft.photos))


# --- the three doors ---------------------------------------------------------------


def through_stdin(raw, monkeypatch, *recipients):
    """`manage.py receive_email` with `raw` on standard input; its output."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    arguments = [f"--recipient={recipient}" for recipient in recipients]
    call_command("receive_email", *arguments, stdout=out)
    return out.getvalue()


def smtp_send(port, raw, *, sender, recipients):
    """One real SMTP session: the server's refusals as smtplib raises them.
    Lines end in CRLF on the wire, as a mail server sends them."""
    with smtplib.SMTP("127.0.0.1", port, timeout=20) as session:
        return session.sendmail(sender, list(recipients), re.sub(rb"\r?\n", b"\r\n", raw))


def mailgun_signed(raw, *, recipient, key=MAILGUN_KEY, timestamp="1900000000", token="a" * 50):
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "recipient": recipient,
        "sender": "forwarder@example.com",
        "timestamp": timestamp,
        "token": token,
        "signature": signature,
        "body-mime": raw.decode("utf-8"),  # a provider posts the message as text (an 8-bit Latin-1 one can't be)
    }


def through_webhook(raw, *, recipient, key=MAILGUN_KEY):
    data = mailgun_signed(raw, recipient=recipient, key=key)
    return Client().post(reverse("inbound_mailgun"), data)
