"""Cleaning what people type, before it is stored.

Invisible format characters are dropped: zero-width spaces, the byte-order
mark, and the bidi controls (an unclosed right-to-left override pasted into
a headline would reverse the app's own words around it wherever the
headline is quoted). The zero-width joiner stays: emoji such as 👩‍🍳 need it.
Text is NFC-normalised, so the same words are stored the same way.
"""

import re
import unicodedata

from django.utils.translation import ngettext, pgettext

_KEPT_FORMAT = {"\u200d"}  # zero-width joiner

# Unicode's Default_Ignorable_Code_Point characters that are not format (Cf)
# characters: they show as nothing, yet make "Kudos" and "Ku\u034fdos" differ.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\uffa0\U000e0000-\U000e0fff]"
)


def _visible(text, *, line_breaks):
    text = unicodedata.normalize("NFC", str(text))
    if line_breaks:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if line_breaks and (char == "\n" or category in ("Zl", "Zp")):
            kept.append("\n")
        elif category == "Cc":
            kept.append(" ")
        elif category == "Cf" and char not in _KEPT_FORMAT:
            continue
        else:
            kept.append(char)
    return "".join(kept)


def one_line(text):
    """A name, headline or note: one line, runs of whitespace made one space."""
    return " ".join(_visible(text, line_breaks=False).split())


def label(text):
    """A name that must not have look-alikes (a tag): compatibility forms
    folded (full-width "Ｋｕｄｏｓ" is "Kudos"), every invisible character
    dropped, the zero-width joiner too."""
    return " ".join(_IGNORABLE.sub("", unicodedata.normalize("NFKC", one_line(text))).split())


def paragraphs(text):
    """A story or quote: line breaks kept, spaces at line ends and blank
    lines at either end removed."""
    lines = _visible(text, line_breaks=True).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def posted_id(value):
    """A number sent in a form or URL (a row id, a position) as an int, or
    None: ASCII digits only, and small enough for any database integer
    (SQLite raises OverflowError, not "no such row", on a larger one)."""
    value = str(value if value is not None else "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def initials(name):
    """Up to two letters standing for a person ("Priya Nair" → "PN"; "sam" → "S")."""
    letters = [word[0] for word in str(name or "").split() if word[0].isalnum()]
    if not letters:
        return "?"
    return (letters[0] + (letters[-1] if len(letters) > 1 else "")).upper()


def joined(items):
    """[(item, what follows it)]: ", " between items, " and " before the last,
    "" after it — the one rule for "Ana, Ben and Cy", in text and in templates
    (the `with_separators` filter)."""
    items = list(items)
    # Translators: put between the names of a list but the last two: "Ana, Ben and Cy" (mind the spaces).
    comma = pgettext("between names in a list", ", ")
    # Translators: put between the last two names of a list: "Ana, Ben and Cy" (mind the spaces).
    last = pgettext("between the last two names in a list", " and ")
    return [
        (item, "" if index == len(items) - 1 else last if index == len(items) - 2 else comma)
        for index, item in enumerate(items)
    ]


def names_joined(names, *, total=None, shown=None, rest="others"):
    """“Ana”, “Ana and Ben”, “Ana, Ben and Cy”. With `shown`, at most that
    many names, then how many more of `total` (all of `names` by default):
    “Ana, Luis and 12 others”, or with rest="more" “A, B, C, D and 2 more”;
    no name at all: “3 people”."""
    names = [name for name in names if name]
    total = len(names) if total is None else total
    names = names if shown is None else names[:shown]
    extra = max(total - len(names), 0)
    if extra and not names:
        return ngettext("%(count)s person", "%(count)s people", extra) % {"count": extra}
    if extra and rest == "more":
        # Translators: the end of a list of names: "Ana, Ben, Cy, Dee and 2 more".
        names = [*names, ngettext("%(count)s more", "%(count)s more", extra) % {"count": extra}]
    elif extra:
        # Translators: the end of a list of names: "Ana, Luis and 12 others".
        names = [*names, ngettext("%(count)s other", "%(count)s others", extra) % {"count": extra}]
    return "".join(f"{name}{after}" for name, after in joined(names))


def within(value, *, limit, too_long, empty=None, error=ValueError):
    """`value` (already tidied: `one_line`, `paragraphs` …) when it has at most
    `limit` characters and, unless `empty` is None, is not empty; otherwise
    raise `error` with the `empty` message, or `too_long` formatted with
    %(limit)s and %(count)s (or, in a message not yet translatable, {limit}
    and {count}) — the one "trim, not empty, not too long" rule of
    comments, reasons, tag names and notes. Messages may be lazy translations."""
    if not value and empty is not None:
        raise error(str(empty))
    if len(value) > limit:
        message = str(too_long)
        if "%(" in message:
            raise error(message % {"limit": limit, "count": len(value)})
        raise error(message.format(limit=limit, count=len(value)))
    return value


def shorten(text, limit):
    """`text` on one line, cut to at most `limit` characters: at a sentence's
    end when one is near, else at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    sentence_end = max(head.rfind(mark) for mark in (". ", "! ", "? "))
    if sentence_end >= limit * 0.6:
        return head[: sentence_end + 1]
    space = head.rfind(" ")
    head = head[:space] if space >= limit * 0.5 else text[: limit - 1]
    return head.rstrip(" ,;:-–—") + "…"


def chat_escape(value):
    """Slack reads <…> as links and mentions (<!channel> pings everyone) and
    needs &, < and > escaped; Teams renders these entities as the characters."""
    return one_line(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
