"""A forwarded thank-you e-mail → a draft win's fields. One pure function,
`parse_message(raw)`, takes the raw RFC 5322 message's bytes (as a mail
server's pipe, the SMTP server and a provider's webhook all give it) and
returns a `ParsedMail`, or raises `MailRefused` with a reason for the log.

What it keeps: the customer's words (the text under the forwarded header
block, stories.lib.mail_forwards), their name and the original date, and the
message's images (inline or attached) as bytes — which the caller puts
through the photo checks. HTML is only ever turned into plain text
(inscriptis: scripts, styles and remote images are dropped, never fetched
or shown). A message forwarded as an attachment (message/rfc822) is read
the same way from its own headers.

Refused before anything is kept: more than 25 MB, more than 10
attachments, more parts than a real message has or nesting deeper than one
(MIME bombs), and malformed headers.
"""

import re
from dataclasses import dataclass
from datetime import date
from email import errors, policy
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from inscriptis import get_text
from inscriptis.model.config import ParserConfig

from .mail_forwards import customer_words, find_forwarded, parse_date, sender_name, shortened
from .media import MB

MAX_MESSAGE_BYTES = 25 * MB
MAX_ATTACHMENTS = 10
MAX_PARTS = 60  # a forward with 10 attachments, alternatives and related parts has well under this
MAX_DEPTH = 6
MAX_HEADERS = 200
MAX_TEXT_CHARS = 300_000  # of text or HTML read from one part
QUOTE_MAX = 500  # Story.quote's limit
PHOTO_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif"}
_HEADER_DEFECTS = (
    errors.MissingHeaderBodySeparatorDefect,
    errors.InvalidHeaderDefect,
    errors.HeaderMissingRequiredValue,
    errors.NonPrintableDefect,
    errors.ObsoleteHeaderDefect,
)
_FORWARD_PREFIX = re.compile(r"^(?:\s*(?:fwd?|fw|tr|wg|rv|enc|doorst|i|re|aw|sv)\s*:\s*)+", re.IGNORECASE)
_HTML = ParserConfig(display_images=False, display_links=False, display_anchors=False)


class MailRefused(ValueError):
    """The message is not taken; the reason is for the log (never sent back)."""


@dataclass(frozen=True)
class MailPhoto:
    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    sender: str  # the forwarder's address (the outer From), lower case
    recipients: tuple  # every address the outer To, Cc, Delivered-To and X-Original-To name
    message_id: str
    subject: str  # without its "Fwd:"
    quote: str
    quote_by: str
    happened_on: date | None
    photos: tuple  # MailPhoto, in the message's order
    forwarded: bool  # a forwarded message was found (else the quote is the whole text and nobody is named)


def parse_message(raw):
    """`raw` (bytes) → ParsedMail, or MailRefused."""
    if not isinstance(raw, bytes | bytearray):
        raise MailRefused("not a raw message")
    if len(raw) > MAX_MESSAGE_BYTES:
        raise MailRefused(f"too large ({len(raw) // MB} MB; the limit is {MAX_MESSAGE_BYTES // MB} MB)")
    if raw.count(b"\n--") > MAX_PARTS * 4:  # a MIME bomb's thousands of boundaries, before parsing them
        raise MailRefused("too many parts")
    try:
        message = BytesParser(policy=policy.default).parsebytes(bytes(raw))
        _check_headers(message)
        parts = _walk(message)
        return _parsed(message, parts)
    except MailRefused:
        raise
    except Exception as error:  # noqa: BLE001 - hostile input can make the email package raise anything
        raise MailRefused(f"unreadable ({type(error).__name__})") from None


def _check_headers(message):
    if len(message.keys()) > MAX_HEADERS:
        raise MailRefused("too many headers")
    if any(isinstance(defect, _HEADER_DEFECTS) for defect in message.defects):
        raise MailRefused("malformed headers")
    sender = message.get_all("From") or []
    if len(sender) != 1:
        raise MailRefused("no single From header")
    for name in ("From", "To", "Cc", "Date", "Subject", "Message-ID"):
        for value in message.get_all(name) or []:
            strict = name in ("From", "To", "Cc")  # the addresses decide who it is for and from
            if strict and any(isinstance(defect, _HEADER_DEFECTS) for defect in getattr(value, "defects", ())):
                raise MailRefused(f"malformed {name} header")
            if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", str(value)):
                raise MailRefused(f"control characters in the {name} header")
    if "@" not in parseaddr(str(sender[0]))[1]:
        raise MailRefused("no address in From")


def _walk(message):
    """Every part, depth first, with its depth; refused past the limits."""
    found, stack = [], [(message, 0)]
    while stack:
        part, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise MailRefused("nested too deeply")
        found.append((part, depth))
        if len(found) > MAX_PARTS:
            raise MailRefused("too many parts")
        if part.is_multipart():
            children = part.get_payload()
            if not isinstance(children, list):
                raise MailRefused("a broken multipart")
            stack.extend((child, depth + 1) for child in reversed(children))
    attachments = [part for part, _ in found if _is_attachment(part)]
    if len(attachments) > MAX_ATTACHMENTS:
        raise MailRefused(f"{len(attachments)} attachments (at most {MAX_ATTACHMENTS})")
    return found


def _is_attachment(part):
    if part.is_multipart():
        return False
    disposition = (part.get_content_disposition() or "").lower()
    return disposition == "attachment" or part.get_content_maintype() not in ("text", "multipart")


def _text_of(part):
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # an unknown charset, bytes that don't fit it
        text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return str(text)[:MAX_TEXT_CHARS] if isinstance(text, str) else ""


def _body_text(parts):
    """The message's text: its first plain-text part, else its first HTML
    part as plain text. Parts inside a forwarded attachment don't count."""
    plain = html = None
    for part, _ in parts:
        if part.get_content_disposition() == "attachment" or part.get_content_maintype() != "text":
            continue
        if part.get_content_subtype() == "plain" and plain is None:
            plain = _text_of(part)
        elif part.get_content_subtype() == "html" and html is None:
            html = _text_of(part)
    if plain and plain.strip():
        return plain
    return html_to_text(html) if html else ""


def html_to_text(html):
    """HTML as plain text (inscriptis): never rendered; scripts, styles and images dropped."""
    html = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", str(html))
    return get_text(html, _HTML) if html.strip() else ""


def _photos(parts):
    kept = []
    for part, _ in parts:
        if part.is_multipart() or part.get_content_type() not in PHOTO_TYPES:
            continue
        data = part.get_payload(decode=True) or b""
        if data:
            name = part.get_filename() or f"photo-{len(kept) + 1}.{part.get_content_subtype()}"
            kept.append(MailPhoto(name=str(name)[:120], content_type=part.get_content_type(), data=data))
    return tuple(kept)


def _header_date(message):
    try:
        return parsedate_to_datetime(str(message["Date"])).date() if message["Date"] else None
    except (TypeError, ValueError, IndexError):
        return None


def _addresses(message, *names):
    values = [str(value) for name in names for value in message.get_all(name) or []]
    return tuple(dict.fromkeys(address.lower() for _, address in getaddresses(values) if "@" in address))


def _inner_message(parts):
    """A message forwarded as an attachment (message/rfc822), or None."""
    for part, depth in parts:
        if depth > 0 and part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            return inner[0] if isinstance(inner, list) and inner else None
    return None


def _parsed(message, parts):
    inner = _inner_message(parts)
    if inner is not None:
        inner_parts = _walk(inner)
        inner_ids = {id(part) for part, _ in inner_parts}
        outer_parts = [(part, depth) for part, depth in parts if id(part) not in inner_ids]
        quote = customer_words(_body_text(inner_parts), QUOTE_MAX)
        quote_by = sender_name(str(inner["From"] or ""))
        happened_on = _header_date(inner)
        photos = _photos(inner_parts) + _photos(outer_parts)
        forwarded = True
    else:
        text = _body_text(parts)
        found = find_forwarded(text)
        forwarded = found is not None
        if forwarded:
            quote = customer_words(found.body, QUOTE_MAX)
            quote_by, happened_on = sender_name(found.sender), parse_date(found.sent)
        else:
            quote, quote_by, happened_on = customer_words(text, QUOTE_MAX), "", _header_date(message)
        photos = _photos(parts)
    return ParsedMail(
        sender=parseaddr(str(message["From"]))[1].lower(),
        recipients=_addresses(message, "To", "Cc", "Delivered-To", "X-Original-To"),
        message_id=shortened(str(message["Message-ID"] or "").strip(), 250),
        subject=shortened(_FORWARD_PREFIX.sub("", " ".join(str(message["Subject"] or "").split())), 200),
        quote=quote,
        quote_by=shortened(quote_by, 120),
        happened_on=happened_on,
        photos=photos[:MAX_ATTACHMENTS],
        forwarded=forwarded,
    )
