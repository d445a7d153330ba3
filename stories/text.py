"""Cleaning what people type, before it is stored.

Invisible format characters are dropped: zero-width spaces, the byte-order
mark, and the bidi controls (an unclosed right-to-left override pasted into
a headline would reverse the app's own words around it wherever the
headline is quoted). The zero-width joiner stays: emoji such as 👩‍🍳 need it.
Text is NFC-normalised, so the same words are stored the same way.
"""

import unicodedata

_KEPT_FORMAT = {"\u200d"}  # zero-width joiner


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


def paragraphs(text):
    """A story or quote: line breaks kept, spaces at line ends and blank
    lines at either end removed."""
    lines = _visible(text, line_breaks=True).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
