"""A comment as HTML: Django's urlize, narrowed to the addresses a comment
may link (http and https only, never with a user name or password), every
other character escaped."""

import html
import re
from urllib.parse import urlsplit

from django.utils.html import Urlizer, escape
from django.utils.safestring import SafeString


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


def linkify(body):
    """A comment as HTML: every character escaped, line breaks as <br>, and
    http(s) addresses as links that tell search engines nothing and give
    the other site no hold on this page (rel="nofollow noopener"). Anything
    else that looks like a link (javascript:, data:, www., a user@host
    address) stays text."""
    return SafeString(_urlize(str(body), autoescape=True).replace("\n", "<br>\n"))
