"""Reading a forwarded e-mail's text (pure): where the forwarded message
starts, who wrote it and when (the header block a mail program writes above
it, in English, Spanish, French, German, Dutch, Italian and Portuguese), and
the customer's own words under it — without the forwarder's note above, the
greeting, the sign-off, the signature or an older quoted reply.

The mail programs' forms this knows (see tests/mail/ for samples):
- Gmail: "---------- Forwarded message ---------" (and its translations),
  then From:/Date:/Subject:/To: lines;
- Outlook (desktop and web): "-----Original Message-----", or a line of
  underscores, then From:/Sent:/To:/Subject: (De:/Enviado:/Von:/Gesendet:…);
- Apple Mail: "Begin forwarded message:" (Début du message réexpédié…),
  then From:/Subject:/Date:/To:;
- any of them quoted with "> " (Thunderbird, forwarding as a reply).
"""

import re
from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr

# --- the line that opens a forwarded message -----------------------------------

_SEPARATORS = re.compile(
    r"^\s*(?:"
    r"-{2,}\s*(?:forwarded message|original message|mensaje reenviado|mensaje original|message transf[ée]r[ée]"
    r"|message d'origine|message original|weitergeleitete nachricht|urspr[üu]ngliche nachricht"
    r"|doorgestuurd bericht|oorspronkelijk bericht|messaggio inoltrato|messaggio originale"
    r"|mensagem encaminhada|mensagem original)\s*-*"
    r"|begin forwarded message\s*:|inicio del mensaje reenviado\s*:|comienzo del mensaje reenviado\s*:"
    r"|d[ée]but du message r[ée]exp[ée]di[ée]\s*:|anfang der weitergeleiteten nachricht\s*:"
    r"|begin doorgestuurd bericht\s*:|inizio messaggio inoltrato\s*:|in[íi]cio da mensagem reencaminhada\s*:"
    r"|_{10,}"
    r")\s*$",
    re.IGNORECASE,
)

# Header names in the block under it, by what they hold.
_FIELDS = {
    "from": ("from", "de", "von", "van", "da", "remitente", "expéditeur", "expediteur", "absender"),
    "date": (
        "date", "sent", "fecha", "enviado", "enviado el", "envoyé", "envoye", "envoyé le", "datum", "gesendet",
        "verzonden", "data", "inviato", "enviada",
    ),
    "subject": ("subject", "asunto", "objet", "betreff", "onderwerp", "oggetto", "assunto"),
    "to": ("to", "para", "à", "a", "an", "aan", "cc", "cco", "bcc", "reply-to", "répondre à"),
}  # fmt: skip
_FIELD_OF = {name: field for field, names in _FIELDS.items() for name in names}
_HEADER_LINE = re.compile(r"^\s*\*?([^\W\d][\w .-]{0,20}?)\*?\s*:\s*(.*)$")

# --- dates, in the languages above ---------------------------------------------

_MONTHS = {
    1: ("jan", "janv", "enero", "ene", "janvier", "januar", "jän", "januari", "gennaio", "gen", "janeiro"),
    2: ("feb", "febr", "févr", "fevr", "février", "febrero", "februar", "februari", "febbraio", "fev", "fevereiro"),
    3: ("mar", "mär", "märz", "maart", "mrt", "mars", "marzo", "março", "marco"),
    4: ("apr", "abr", "avr", "avril", "abril", "april", "aprile"),
    5: ("may", "mayo", "mai", "mei", "maggio", "mag", "maio"),
    6: ("jun", "juin", "junio", "juni", "giugno", "giu", "junho"),
    7: ("jul", "juil", "juillet", "julio", "juli", "luglio", "lug", "julho"),
    8: ("aug", "ago", "août", "aout", "agosto", "augustus"),
    9: ("sep", "sept", "septembre", "septiembre", "setiembre", "september", "settembre", "setembro"),
    10: ("oct", "octobre", "octubre", "okt", "oktober", "ott", "ottobre", "outubro"),
    11: ("nov", "novembre", "noviembre", "november", "novembro"),
    12: ("dec", "dic", "déc", "décembre", "decembre", "diciembre", "dez", "dezember", "december", "dicembre"),
}  # fmt: skip
_MONTH_NAMES = {"january": 1, "february": 2, "march": 3, "june": 6, "july": 7, "august": 8, "october": 10}
_MONTH_NAMES["dezembro"] = 12
_MONTH_NAMES.update({name: month for month, names in _MONTHS.items() for name in names})
_WORD = re.compile(r"[^\W\d_]+|\d+:\d+(?::\d+)?|\d+")


def parse_date(text):
    """The day a forward's date line names ("Mon, Dec 1, 2026 at 3:04 PM",
    "lun., 1 dic 2026 a las 15:04", "Montag, 1. Dezember 2026 15:04",
    "2026-12-01", "01.12.2026"), or None."""
    text = str(text or "")[:200].lower()
    if found := re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
        return _date(found[1], found[2], found[3])
    if found := re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b", text):  # day first, as Europe writes it
        return _date(found[3], found[2], found[1])
    year = month = day = None
    for word in _WORD.findall(text):
        if ":" in word:
            continue
        if word.isdigit():
            if len(word) == 4 and year is None:
                year = int(word)
            elif len(word) <= 2 and day is None:
                day = int(word)
        elif month is None:
            month = _MONTH_NAMES.get(word)  # whole words only: "mardi" is not March
    return _date(year, month, day) if None not in (year, month, day) else None


def _date(year, month, day):
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


# --- who wrote it ------------------------------------------------------------------

_MAILTO = re.compile(r"[\[<(]\s*(?:mailto:)?[^\s<>\[\]()]+@[^\s<>\[\]()]+\s*[\]>)]", re.IGNORECASE)


def sender_name(value):
    """A person's name from a From line: `Ana Gómez <ana@example.com>`,
    `"Gómez, Ana" [mailto:ana@example.com]`, `Ana Gómez` — or the part of
    their address before the @ when that is all there is."""
    value = " ".join(str(value or "").split())[:300]
    name = _MAILTO.sub("", value).strip().strip("\"'").strip()
    if name and "@" not in name:
        return _tidy_name(name)
    address = parseaddr(value)[1] or value
    local = address.split("@", 1)[0].strip("<>[]\"' ")
    return _tidy_name(re.sub(r"[._+-]+", " ", local).title()) if local and "@" in address else ""


def _tidy_name(name):
    if "," in name and name.count(",") == 1:  # "Gómez, Ana" as Outlook writes a directory name
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}" if first and last else name
    return name[:120]


# --- the forwarded block --------------------------------------------------------


@dataclass(frozen=True)
class Forwarded:
    sender: str  # the From line as written
    sent: str  # the Date line as written
    body: str  # the text under the header block


def _unquoted(lines):
    """Lines all quoted with ">" lose one level of quoting."""
    filled = [line for line in lines if line.strip()]
    if filled and all(line.lstrip().startswith(">") for line in filled):
        return [re.sub(r"^\s*> ?", "", line) for line in lines]
    return lines


def _header_block(lines, start):
    """The header lines from `start`: {field: value} and where the body starts."""
    fields, index, last = {}, start, None
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and len(fields) < 12:
        line = lines[index]
        match = _HEADER_LINE.match(line)
        field = _FIELD_OF.get(match[1].strip().lower()) if match else None
        if field is not None:
            fields.setdefault(field, match[2].strip())
            last = field
        elif line.strip() and last is not None and line[:1] in " \t":  # a folded header line
            fields[last] = f"{fields[last]} {line.strip()}"
        elif not line.strip() and fields:
            break
        elif line.strip() or not fields:
            break
        index += 1
    return fields, index


def find_forwarded(text):
    """The first forwarded message in `text` (a separator line, then a header
    block naming its sender), or None. A header block alone at the top of a
    quoted section (an Outlook forward without its separator) counts too."""
    lines = str(text).splitlines()
    for number, line in enumerate(lines):
        if _SEPARATORS.match(line.lstrip("> ")):
            rest = _unquoted(lines[number + 1 :])
            fields, body_at = _header_block(rest, 0)
            if "from" in fields:
                return Forwarded(fields["from"], fields.get("date", ""), "\n".join(rest[body_at:]))
    for number, line in enumerate(lines):  # no separator: a bare "From: …" block followed by a date or subject
        match = _HEADER_LINE.match(line)
        if match and _FIELD_OF.get(match[1].strip().lower()) == "from":
            fields, body_at = _header_block(lines, number)
            if {"from", "subject"} <= fields.keys() or {"from", "date"} <= fields.keys():
                return Forwarded(fields["from"], fields.get("date", ""), "\n".join(lines[body_at:]))
    return None


# --- the customer's own words ------------------------------------------------------

_REPLY_HEADER = re.compile(
    r"^\s*(?:on\b.{4,200}\bwrote|el\b.{4,200}\bescribi[óo]|le\b.{4,200}\ba [ée]crit|am\b.{4,200}\bschrieb"
    r"|op\b.{4,200}\bschreef|il\b.{4,200}\bha scritto|em\b.{4,200}\bescreveu)\s*:?\s*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^\s*(?:--\s*|__+|sent from my .{1,40}|sent from outlook.{0,40}|get outlook for .{1,30}"
    r"|enviado desde mi .{1,40}|envoy[ée] de mon .{1,40}|envoy[ée] depuis .{1,40}|von meinem .{1,40} gesendet"
    r"|gesendet von .{1,40}|verzonden (?:vanaf|met) .{1,40}|inviato da .{1,40}|enviado do meu .{1,40})\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:best|kind|warm|many|with)?\s*(?:regards|wishes|thanks)(?: again)?|best|cheers|sincerely"
    r"|yours(?: (?:truly|sincerely))?|thank you(?: again)?|(?:un )?saludos?(?: cordiales)?|atentamente"
    r"|un abrazo|cordialement|bien (?:à vous|cordialement)|amicalement|merci encore|bisous"
    r"|mit freundlichen gr[üu](?:ß|ss)en|(?:viele|liebe|beste) gr[üu](?:ß|ss)e|lg|mfg|gru(?:ß|ss)"
    r"|met vriendelijke groet(?:en)?|(?:hartelijke )?groet(?:en|jes)?|vriendelijke groet(?:en)?"
    r"|cordiali saluti|distinti saluti|atenciosamente|abra[çc]os)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|estimad[oa]s?|querid[oa]s?|buenos d[ií]as"
    r"|bonjour|bonsoir|cher|ch[èe]re|salut|hallo|liebe[rs]?|sehr geehrte[rs]?|guten tag|moin|beste|geachte"
    r"|goedemorgen|goedemiddag|ciao|gentile|caro|cara|ol[áa]|prezad[oa])\b[^.!?]{0,60}[,!:]?\s*$",
    re.IGNORECASE,
)


def customer_words(body, limit):
    """The customer's words in a forwarded message's `body`: up to the first
    older quoted reply or signature; the greeting and sign-off left out;
    whitespace tidied; at most `limit` characters (cut at a word, "…")."""
    kept = []
    for line in body.splitlines():
        bare = line.strip()
        if bare.startswith(">") or _REPLY_HEADER.match(bare) or _SIGNATURE.match(line) or _SEPARATORS.match(bare):
            break
        kept.append(bare)
    while kept and not kept[0]:
        kept.pop(0)
    if kept and _GREETING.match(kept[0]):
        kept.pop(0)
    for back in range(len(kept) - 1, max(-1, len(kept) - 6), -1):
        if _SIGN_OFF.match(kept[back]):
            del kept[back:]
            break
    paragraphs = re.split(r"\n\s*\n", "\n".join(kept))
    words = "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip())
    return shortened(words, limit)


def shortened(text, limit):
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"
