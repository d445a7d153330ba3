"""Search, the pure part: what people type, turned into one query that
PostgreSQL and SQLite's FTS5 understand the same way; the text a win is
indexed by; and matches marked in what a page shows.

What works (on both databases):
- words: every word must match, in any field (headline, story, quote, quote
  by, hero and author names, team, tags); plurals and tenses match
  ("passports" finds "passport", "fixing" finds "fixed"); case and accents
  never matter ("jose" finds "José");
- "quoted phrases": the words next to each other;
- -word and -"a phrase": wins without it;
- a or b: either;
- small words ("the", "on" …) are skipped, unless the query has nothing
  else: then they match names, teams and tags only (a colleague called Will);
- the start of a word, as people type: a word of PREFIX_MIN letters or more
  also finds the words it begins ("priy" finds "Priya") — matched against
  the indexed stems on both databases, so ranked and marked like the rest.

Nothing a person types reaches the databases' query languages as syntax:
only words made of letters and digits are kept, and both query strings
are built here from them. Nothing here touches the database.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

MAX_QUERY_CHARS = 200
PREFIX_MIN = 3  # letters before a word also matches the words it begins
PREFIX_EXPANSIONS = 30  # SQLite: at most this many indexed words a beginning stands for
MAX_TERMS = 12
EXCERPT_WORDS = 40

# What counts as a word on both sides: letters and digits (FTS5's unicode61
# tokenizer splits on everything else, and documents and queries are given
# to PostgreSQL as such words separated by spaces).
WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')

# PostgreSQL's english stop words (its `english.stop`), skipped on both sides.
STOPWORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
    it its itself they them their theirs themselves what which who whom this that these those am is are was were be
    been being have has had having do does did doing a an the and but if or because as until while of at by for with
    about against between into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some such no nor not only
    own same so than too very s t can will just don should now
    """.split()
)


def fold(text):
    """Lower case, accents and compatibility forms folded: how words compare."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text):
    return WORD.findall(fold(text))


def index_text(*parts):
    """What the index stores for a field: its words, folded, one space apart."""
    return " ".join(word for part in parts if part for word in words(part))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")  # the Snowball stemmer PostgreSQL's english config uses


@lru_cache(maxsize=20_000)
def stem(word):
    return _stemmer().stemWord(word)


@lru_cache(maxsize=20_000)
def _stem_of(shown_word):
    """The stem of a word as a page shows it (cased, accented)."""
    return stem(fold(shown_word))


# --- the query ------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words next to each other)."""

    words: tuple

    @property
    def is_phrase(self):
        return len(self.words) > 1

    @property
    def is_small_word(self):
        return not self.is_phrase and self.words[0] in STOPWORDS

    @property
    def prefix(self):
        """The word as the start of longer ones ("" for phrases and short or small words)."""
        word = self.words[0]
        return word if not self.is_phrase and len(word) >= PREFIX_MIN and word not in STOPWORDS else ""

    def tsquery_prefix(self):
        """PostgreSQL's to_tsquery for words beginning with it (a word: nothing to escape)."""
        return f"{self.prefix}:*"

    def websearch(self):
        """As PostgreSQL's websearch syntax (plain words: nothing to escape)."""
        return f'"{" ".join(self.words)}"' if self.is_phrase else self.words[0]

    def fts5(self):
        """As an FTS5 string (a phrase of one or more words; no quote inside)."""
        return '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class Query:
    """All `groups` must match; a group matches when any of its terms does
    ("a or b"). A win matching any `excluded` term is left out. With
    `names_only`, the query is nothing but small words: they match names,
    teams and tags only."""

    groups: tuple = ()
    excluded: tuple = ()
    names_only: bool = False

    def __bool__(self):
        return bool(self.groups or self.excluded)

    def stems(self):
        """The stems of the words to mark in results."""
        return frozenset(stem(word) for group in self.groups for term in group for word in term.words)

    def prefixes(self):
        """The beginnings of words typed (each also finds the words it begins)."""
        return frozenset(term.prefix for group in self.groups for term in group if term.prefix)

    def fts5(self):
        """The FTS5 MATCH expression as parts: strings, and Begun(prefix)
        where the database adds ` OR "word"` for each indexed word that
        begins with the prefix (see `StoryQuerySet.search`). The query must
        not be empty or only excluded terms."""
        names = "{people labels} : " if self.names_only else ""
        parts = []
        for number, group in enumerate(self.groups):
            parts.append(" AND (" if number else "(")
            for index, term in enumerate(group):
                parts.append((" OR " if index else "") + names + "(" + term.fts5())
                if term.prefix:
                    parts.append(Begun(term.prefix))
                parts.append(")")
            parts.append(")")
        return parts


@dataclass(frozen=True)
class Begun:
    """In an FTS5 expression: any indexed word beginning with `prefix`."""

    prefix: str


def fts5_text(parts, begun=lambda prefix: ()):
    """The FTS5 expression of `Query.fts5()`'s parts as one string, each
    Begun standing for `begun(prefix)`'s words (what the database does)."""
    return "".join(
        "".join(f' OR "{word}"' for word in begun(part.prefix)) if isinstance(part, Begun) else part for part in parts
    )


def _terms(raw):
    """(excluded?, Term or "or") for each chunk of what was typed."""
    for match in _CHUNK.finditer(raw):
        minus, phrase, bare = match.groups()
        if phrase is not None:
            excluded, found = bool(minus), words(phrase)
        else:
            excluded = bare.startswith("-") and len(bare) > 1
            found = words(bare[1:] if excluded else bare)
            if not excluded and found == ["or"] and bare.casefold() == "or":
                yield False, "or"
                continue
        if found:
            yield excluded, Term(tuple(found[:MAX_TERMS]))


def parse(raw):
    """What someone typed in a search box as a Query. Never fails: anything
    that is not a word is dropped, and the length is capped."""
    raw = str(raw or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    groups, excluded, pending_or, count = [], [], False, 0
    for is_excluded, term in _terms(raw):
        if term == "or":
            pending_or = bool(groups)
            continue
        count += 1
        if count > MAX_TERMS:
            break
        if is_excluded:
            if not term.is_small_word:
                excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return _skip_small_words(groups, tuple(excluded))


def _skip_small_words(groups, excluded):
    content = [[term for term in group if not term.is_small_word] for group in groups]
    content = [group for group in content if group]
    if content or not groups:
        return Query(groups=tuple(tuple(group) for group in content), excluded=excluded)
    return Query(groups=tuple(tuple(group) for group in groups), excluded=excluded, names_only=True)


def describe(query):
    """The query as a person would read it back: words, "phrases", -words."""
    shown = []
    for group in query.groups:
        shown.append(" or ".join(term.websearch() for term in group))
    shown += ["-" + term.websearch() for term in query.excluded]
    return " ".join(shown)


# --- what a page shows ----------------------------------------------------------


def _marked(word, stems, prefixes):
    return _stem_of(word) in stems or (prefixes and fold(word).startswith(tuple(prefixes)))


def _marks(text, stems, prefixes=frozenset()):
    """The text escaped, with the words whose stem (or beginning) was searched for in <mark>."""
    text = str(text or "")
    if not stems:
        return escape(text)
    pieces, last = [], 0
    for match in WORD.finditer(text):
        if _marked(match.group(), stems, prefixes):
            pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
            last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def highlight(text, query):
    """`text` made safe for HTML, the words of `query` marked. Everything is
    escaped first; only the <mark> tags added here are markup."""
    stems, prefixes = (query.stems(), query.prefixes()) if query else (frozenset(), frozenset())
    return mark_safe(_marks(text, stems, prefixes))  # noqa: S308 - escaped in _marks


def excerpt(text, query, *, length=EXCERPT_WORDS):
    """About `length` words of `text` as plain text: the start of it (as
    Django's truncatewords), or, when the first match is further in, the
    words around it."""
    text = " ".join(str(text or "").split())
    stems, prefixes = (query.stems(), query.prefixes()) if query else (frozenset(), frozenset())
    if not stems:
        return Truncator(text).words(length, truncate=" …")
    spoken = text.split(" ")
    first = next(
        (index for index, word in enumerate(spoken) if any(_marked(w, stems, prefixes) for w in WORD.findall(word))),
        None,
    )
    if first is None or first < length - 5:
        return Truncator(text).words(length, truncate=" …")
    start = max(0, first - 8)
    window = " ".join(spoken[start : start + length])
    return "… " + window + (" …" if start + length < len(spoken) else "")
