"""Reading pages as a person does, to find words left in English: the text
they see and hear (text, alt, title, placeholder, aria-label, button
values), without what people wrote (everything stored in the database)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.db import models

LOCALE = Path(settings.BASE_DIR) / "locale"
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")  # letters of any script: "Bestätigung" is one word
ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+")
SPOKEN_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description", "aria-roledescription")
NOT_READ = {"script", "style", "template", "noscript-json"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skipping = [], []

    def handle_starttag(self, tag, attrs):
        if tag in NOT_READ:
            self._skipping.append(tag)
        attributes = dict(attrs)
        for name in SPOKEN_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in {"submit", "button", "reset"} and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data)


def read_aloud(html):
    """Every piece of text a person sees or hears on the page."""
    reader = _Reader()
    reader.feed(html)
    return [" ".join(part.split()) for part in reader.parts]


class Written:
    """Everything people (and the demo) wrote: every text stored in the
    database. A piece of a page that is part of one (an excerpt, a story
    split by its links) is theirs; a short one (a name, a team, a tag) is
    taken out of the sentences around it."""

    def __init__(self):
        texts = set()
        for model in apps.get_models():
            concrete = model._meta.concrete_fields
            fields = [f.attname for f in concrete if isinstance(f, (models.CharField, models.TextField))]
            if fields:
                for row in model._default_manager.values_list(*fields):
                    texts.update(" ".join(str(value).split()) for value in row if value)
        self.everything = "\n".join(texts)
        short = sorted((text for text in texts if 2 < len(text) <= 60), key=len, reverse=True)
        # Whole words only: a stored "en" must not cut "besten" into "best".
        self.short = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, short)) + r")(?!\w)") if short else None

    def without(self, part):
        part = ADDRESS.sub(" ", part)  # addresses are no words of any language
        core = part.strip(" …“”\"'«»„")
        if core and core in self.everything:
            return ""
        return self.short.sub(" ", part) if self.short else part


def english_vocabulary(code):
    """The words of our English messages that the `code` catalogue never
    uses itself (a word both languages share, like "Winsboard", is no sign)."""
    english, translated = set(), set()
    for domain in ("django", "djangojs"):
        path = LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
        assert path.exists(), f"{path} is missing: no language to check against"
        for entry in polib.pofile(str(path)):
            english.update(WORD.findall(entry.msgid + " " + entry.msgid_plural))
            translated.update(WORD.findall(entry.msgstr + " " + " ".join(entry.msgstr_plural.values())))
    return {word.lower() for word in english if len(word) > 2} - {word.lower() for word in translated}


def english_words(parts, vocabulary, written):
    """The pieces of text that still hold English words, and those words."""
    found = []
    for part in parts:
        shown = written.without(part)
        words = sorted({word for word in WORD.findall(shown) if word.lower() in vocabulary})
        if words:
            found.append((part[:120], words))
    return found
