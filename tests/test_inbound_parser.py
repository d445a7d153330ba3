"""The one parser (stories.lib.inbound_mail.parse_message): each message of
the corpus (tests/mail/, invented) gives the customer's words, their name
from the forwarded message (never the forwarder's), the original date and the
e-mail's images; hostile messages are refused before anything is kept."""

import random
from datetime import date

import pytest

from stories.lib.inbound_mail import MAX_MESSAGE_BYTES, MailRefused, parse_message
from stories.lib.mail_forwards import customer_words, find_forwarded, parse_date, sender_name
from tests.helpers.inbound import CORPUS, EXPECTED
from tests.helpers.mail_bombs import (
    deeply_nested,
    many_attachments,
    many_parts,
    message_with,
    oversized,
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_forward_of_the_corpus_gives_the_customers_words_name_and_date(name):
    parsed = parse_message((CORPUS / name).read_bytes())
    expected = EXPECTED[name]
    assert (parsed.quote, parsed.quote_by, parsed.happened_on) == (
        expected.quote,
        expected.quote_by,
        expected.happened_on,
    )
    assert parsed.sender == f"{expected.sender}@example.com"
    assert "wins+token@wins.example.com" in parsed.recipients


def test_every_message_of_the_corpus_has_its_expectation():
    assert sorted(path.name for path in CORPUS.glob("*.eml")) == sorted(EXPECTED)


def test_images_inline_and_attached_are_kept_and_remote_ones_never_fetched():
    inline = parse_message((CORPUS / "gmail_en_inline_photo.eml").read_bytes())
    assert [(photo.name, photo.content_type) for photo in inline.photos] == [
        ("bear.jpg", "image/jpeg"),
        ("spacer.gif", "image/gif"),  # a 1×1 pixel: the service leaves it out (too small to be a photo)
    ]
    assert inline.photos[0].data.startswith(b"\xff\xd8")  # the decoded JPEG, not its base64
    remote = parse_message((CORPUS / "gmail_es_html_only_latin1.eml").read_bytes())
    assert remote.photos == ()


def test_html_is_read_as_text_without_its_scripts_styles_or_image_addresses():
    parsed = parse_message((CORPUS / "gmail_es_html_only_latin1.eml").read_bytes())
    words = parsed.quote
    assert "alert" not in words and "color" not in words and "tracker" not in words and "<" not in words


def test_a_forward_without_a_forwarded_message_names_nobody():
    parsed = parse_message((CORPUS / "not_forwarded.eml").read_bytes())
    assert (parsed.forwarded, parsed.quote_by) == (False, "")


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Mon, Nov 30, 2026 at 3:04 PM", date(2026, 11, 30)),
        ("lun, 30 nov 2026 a las 10:15", date(2026, 11, 30)),
        ("lunes, 30 de noviembre de 2026 10:15", date(2026, 11, 30)),
        ("mardi 1 décembre 2026 09:12", date(2026, 12, 1)),  # "mardi" is a Tuesday, not March
        ("Mittwoch, 2. Dezember 2026 14:30", date(2026, 12, 2)),
        ("3 december 2026 om 11:20:05 CET", date(2026, 12, 3)),
        ("December 1, 2026 at 3:04:05 PM EST", date(2026, 12, 1)),
        ("2026-11-28 08:00", date(2026, 11, 28)),
        ("28.11.2026 08:00", date(2026, 11, 28)),
        ("sometime last week", None),
    ],
)
def test_forward_dates_are_read_in_several_languages(line, day):
    assert parse_date(line) == day


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Jane Doe <jane.doe@example.net>", "Jane Doe"),
        ('"Gómez, Ana" [mailto:ana@example.org]', "Ana Gómez"),
        ("Müller, Jörg <joerg.mueller@example.de>", "Jörg Müller"),
        ("<tom.baker@example.co.uk>", "Tom Baker"),
        ("Lucía Fernández", "Lucía Fernández"),
    ],
)
def test_the_customers_name_is_read_from_the_from_line(line, name):
    assert sender_name(line) == name


# --- hostile mail ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (oversized(), "too large"),
        (many_attachments(11), "attachments"),
        (deeply_nested(40), "nested too deeply"),
        (many_parts(5000), "too many parts"),
        (many_parts(70, boundary_lines=False), "too many parts"),
        (message_with(headers=b"From: Sam <sam@example.com>\nThis line has no colon\n"), "malformed"),
        (message_with(headers=b"To: wins+x@example.com\n"), "From"),
        (message_with(headers=b"From: a@example.com\nFrom: b@example.com\n"), "From"),
        (message_with(headers=b"From: Sam <sam@example.com\n"), "malformed"),
        (message_with(headers=b"From: nobody\n"), "From"),
        (message_with(headers=b"From: Sam <sam@example.com>\nSubject: bell\x07here\n"), "control"),
        (b"\x00\xff" * 100, "malformed"),
        (b"", "From"),
    ],
    ids=[
        "over 25 MB",
        "11 attachments",
        "nested 40 deep",
        "5000 parts",
        "70 parts",
        "a header line without a colon",
        "no From",
        "two From headers",
        "a broken From",
        "a From without an address",
        "control characters",
        "binary junk",
        "empty",
    ],
)
def test_hostile_messages_are_refused(raw, reason):
    with pytest.raises(MailRefused, match=reason):
        parse_message(raw)


def test_ten_attachments_are_still_taken():
    assert len(parse_message(many_attachments(10)).photos) == 10


def test_the_size_limit_is_25_mb():
    assert MAX_MESSAGE_BYTES == 25 * 1024 * 1024


def test_the_subject_is_kept_without_its_forward_prefix():
    subjects = {name: parse_message((CORPUS / name).read_bytes()).subject for name in EXPECTED}
    assert subjects["gmail_en_inline_photo.eml"] == "Thank you for Saturday!"
    assert subjects["outlook_desktop_fr_attachment.eml"] == "Merci infiniment"
    assert subjects["outlook_web_de_html_only.eml"] == "Danke!"
    assert subjects["not_forwarded.eml"] == "Note from a guest"


@pytest.mark.parametrize(
    ("separator", "sender", "sent"),
    [
        ("---------- Message transféré ---------", "De : Zoé Roux <zoe@example.fr>", "Date: lun. 30 nov. 2026 à 10:15"),
        (
            "---------- Weitergeleitete Nachricht ---------",
            "Von: Eva Braun <eva@example.de>",
            "Date: Mo., 30. Nov. 2026",
        ),
        (
            "---------- Doorgestuurd bericht ---------",
            "Van: Eva Braun <eva@example.de>",
            "Date: ma 30 nov 2026 om 10:15",
        ),
        ("-----Ursprüngliche Nachricht-----", "Von: Eva Braun <eva@example.de>", "Gesendet: Montag, 30. November 2026"),
        ("-----Message d'origine-----", "De : Zoé Roux <zoe@example.fr>", "Envoyé : lundi 30 novembre 2026 10:15"),
        ("-----Mensaje original-----", "De: Eva Braun <eva@example.de>", "Enviado el: lunes, 30 de noviembre de 2026"),
        ("-----Oorspronkelijk bericht-----", "Van: Eva Braun <eva@example.de>", "Verzonden: maandag 30 november 2026"),
        ("Début du message réexpédié :", "De: Zoé Roux <zoe@example.fr>", "Date: 30 novembre 2026 à 10:15:00 UTC+1"),
        ("Anfang der weitergeleiteten Nachricht:", "Von: Eva Braun <eva@example.de>", "Datum: 30. November 2026"),
        ("Inicio del mensaje reenviado:", "De: Eva Braun <eva@example.de>", "Fecha: 30 de noviembre de 2026, 10:15"),
    ],
)
def test_forwarding_headers_are_found_in_several_languages(separator, sender, sent):
    text = f"A note from the forwarder.\n\n{separator}\n{sender}\n{sent}\nSubject: x\n\nMerci ! Danke!\n"
    found = find_forwarded(text)
    assert found is not None
    assert sender_name(found.sender) in ("Zoé Roux", "Eva Braun")
    assert parse_date(found.sent) == date(2026, 11, 30)
    assert customer_words(found.body, 500) == "Merci ! Danke!"


def _mangled(raw, rng):
    """`raw` cut short, with bytes flipped, or with lines doubled (deterministic)."""
    cut = raw[: rng.randrange(1, len(raw))]
    flipped = bytearray(raw)
    for _ in range(20):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    lines = raw.split(b"\n")
    start = rng.randrange(len(lines))
    doubled = b"\n".join(lines[:start] + lines[start : start + 5] * 2 + lines[start + 5 :])
    return [cut, bytes(flipped), doubled]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_mangled_message_is_parsed_or_refused_never_an_error(name):
    rng = random.Random(name)
    raw = (CORPUS / name).read_bytes()
    for _ in range(30):
        for mangled in _mangled(raw, rng):
            try:
                parse_message(mangled)
            except MailRefused:
                pass


def test_an_unknown_charset_and_broken_base64_are_read_as_well_as_they_can_be():
    raw = (
        b"From: Sam <sam@example.com>\nTo: wins+x@wins.example.com\nSubject: Fwd: hi\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
        b"Content-Type: text/plain; charset=x-no-such-charset\n\n"
        b"---------- Forwarded message ---------\nFrom: Jo <jo@example.net>\nDate: Mon, Nov 30, 2026\n\nGreat stay!\n"
        b"--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n--b--\n"
    )
    parsed = parse_message(raw)
    assert (parsed.quote, parsed.quote_by, parsed.happened_on) == ("Great stay!", "Jo", date(2026, 11, 30))
