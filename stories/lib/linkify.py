"""What people write, as HTML: a comment through Django's urlize, narrowed
to the addresses a comment may link (http and https only, never with a user
name or password); a win's story in paragraphs; in both, @mentions of the
people a caller looked up as links to their pages (`stories.lib.mentions`).
Every other character escaped."""

import html
import re
from urllib.parse import urlsplit

from django.utils.html import Urlizer, escape, format_html, linebreaks
from django.utils.safestring import SafeString

from . import mentions


class _CommentUrlizer(Urlizer):
    """Django's urlize, narrowed to what a comment may link: http(s)
    addresses only (no www. or bare domains, no e-mail addresses), never
    one carrying a user name or password, with rel="nofollow noopener"."""

    trailing_punctuation_chars = ".,:;!?*"
    simple_url_2_re = re.compile(r"(?!)")  # www.example.com stays text
    url_template = '<a href="{href}" rel="nofollow noopener">{url}</a>'

    def is_email_simple(self, value):
        return False

    def handle_word(self, word, *, safe_input, trim_url_limit=None, nofollow=False, autoescape=False):
        _lead, middle, _trail = self.trim_punctuation(word)
        if self.simple_url_re.match(middle) and not _safe_href(middle):
            return escape(word)
        return super().handle_word(
            word, safe_input=safe_input, trim_url_limit=trim_url_limit, nofollow=nofollow, autoescape=autoescape
        )


def _safe_href(url):
    try:
        parts = urlsplit(html.unescape(url))
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc


_urlize = _CommentUrlizer()


def _with_mentions(body, people, url_of, plain):
    """`body` as HTML: its text through `plain` (which escapes), each
    mention of someone in `people` a link to `url_of(person)`."""
    parts = mentions.pieces(str(body), people) if people else [("text", str(body))]
    out = []
    for kind, value in parts:
        if kind == "text":
            out.append(plain(value))
        else:
            words, person = value
            out.append(format_html('<a class="mention" href="{}">{}</a>', url_of(person), words))
    return "".join(out)


def linkify(body, people=None, url_of=None):
    """A comment as HTML: every character escaped, line breaks as <br>, and
    http(s) addresses as links that tell search engines nothing and give
    the other site no hold on this page (rel="nofollow noopener"). Anything
    else that looks like a link (javascript:, data:, www., a user@host
    address) stays text. Mentions of `people` ({spelling: person}) link to
    `url_of(person)`."""
    linked = _with_mentions(body, people, url_of, lambda part: _urlize(part, autoescape=True))
    return SafeString(linked.replace("\n", "<br>\n"))


def paragraphs(body, people=None, url_of=None):
    """A win's story as HTML: escaped, in paragraphs (a blank line) with
    line breaks, mentions of `people` linked to `url_of(person)`."""
    return SafeString(linebreaks(_with_mentions(body, people, url_of, escape), autoescape=False))
