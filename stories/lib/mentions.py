"""@mentions in what people write (a win's story, a comment): "@priya" (a
user name) or "@Priya Nair" (a name of up to three words, each starting
with a capital). Pure: the text's candidates, and which spans of it name
the people a caller has looked up (`people`: {lowercased name: person}).
Nothing here touches the database."""

import re

WORDS_MAX = 3  # "@Ana María López"
MENTIONS_MAX = 20  # per text: more than this is not a conversation
# "@" at the start or after a space or an opening mark (never inside an
# address: "ana@example.com", "https://x.example/@ana"), then a user name
# or a capitalised word, then up to two more capitalised words.
_WORD = r"[\w][\w.'’-]*"
_MENTION = re.compile(rf"(?<![\w@/.:+-])@({_WORD}(?: \w[\w'’-]*){{0,{WORDS_MAX - 1}}})")


def _forms(match):
    """The spellings a match may stand for, longest first: "Priya Nair
    said" → "priya nair said", "priya nair", "priya" (trailing
    punctuation of the last word dropped)."""
    words = match.group(1).split(" ")
    forms = []
    for count in range(len(words), 0, -1):
        taken = words[:count]
        if count > 1 and not all(word[:1].isupper() for word in taken[1:]):
            continue
        forms.append((" ".join(taken).rstrip(".'’-").casefold(), count))
    return forms


def candidates(text):
    """Every lower-cased spelling a person could be looked up by, for the
    first MENTIONS_MAX mentions in `text` (empty when it has no "@")."""
    if "@" not in (text or ""):
        return set()
    found = set()
    for match in list(_MENTION.finditer(text))[:MENTIONS_MAX]:
        found.update(form for form, _ in _forms(match))
    return found


def spans(text, people):
    """[(start, end, person)] of the mentions in `text` naming someone in
    `people` ({lower-cased spelling: person, or None for a spelling several
    people share}), the longest spelling first: "@Priya Nair" is Priya Nair
    even when "priya" names someone else, and nobody when two are called so."""
    found = []
    for match in list(_MENTION.finditer(text or ""))[:MENTIONS_MAX]:
        words = match.group(1).split(" ")
        for form, count in _forms(match):
            if form in people:
                if people[form] is not None:
                    length = len(" ".join(words[:count]).rstrip(".'’-"))
                    found.append((match.start(), match.start(1) + length, people[form]))
                break
    return found


def mentioned(text, people):
    """The people `text` mentions, in order, each once."""
    seen = []
    for _start, _end, person in spans(text, people):
        if person not in seen:
            seen.append(person)
    return seen


def pieces(text, people):
    """`text` cut into ("text", words) and ("mention", (words, person))
    pieces, in order: for a renderer to escape and link."""
    parts, at = [], 0
    for start, end, person in spans(text, people):
        if start > at:
            parts.append(("text", text[at:start]))
        parts.append(("mention", (text[start:end], person)))
        at = end
    if at < len(text or ""):
        parts.append(("text", text[at:]))
    return parts


def written(name, username, *, name_shared=False):
    """How a suggestion is written after "@": the person's name when it
    reads back as them ("Priya Nair": up to three words, each after the
    first with a capital, and no one else's), else their user name."""
    words = name.split()
    reads_back = 1 <= len(words) <= WORDS_MAX and all(word[:1].isupper() for word in words[1:])
    if reads_back and not name_shared and _MENTION.fullmatch("@" + " ".join(words)):
        return " ".join(words)
    return username
