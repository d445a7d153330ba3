"""Celebrating, as pure code: who may cheer, "Ana, Luis and 12 others",
what a comment may be (and its links made safe), the weeks of the digest,
and the chat message sent when a win is featured.

The services (stories.services.celebrate) and the pages both apply these
rules, so a refusal reads the same everywhere."""

import html
import re
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from django.utils.formats import date_format
from django.utils.html import Urlizer, escape
from django.utils.safestring import SafeString

from . import text

COMMENT_MAX = 1000
COMMENT_EDIT_MINUTES = 15
COMMENT_REASON_MAX = 300  # Comment.hidden_reason's max_length
COMMENTS_PER_MINUTE = 5  # more than this in a minute: a polite 429
NAMES_SHOWN = 2


class CelebrateError(ValueError):
    """A cheer or comment that cannot be; the message tells the person why."""


class NotAllowed(CelebrateError):
    """Not for this person: their own win, someone else's comment (a 403)."""


# --- cheers -------------------------------------------------------------------

OWN_WIN = "You can't cheer a win you posted. Your colleagues can."
CREDITED_WIN = "You can't cheer a win that credits you. Your colleagues can."


def cheer_refusal(*, user_id, author_id, hero_ids):
    """Why `user_id` may not cheer this win (its author or one of its
    heroes), or None when they may."""
    if user_id == author_id:
        return OWN_WIN
    if user_id in set(hero_ids):
        return CREDITED_WIN
    return None


def first_name(user):
    """What a cheer or a notification calls a person: their first name, else
    their username."""
    if user is None:
        return "A former colleague"
    return (user.first_name or "").strip() or user.get_username()


# --- comments -----------------------------------------------------------------


EDIT_TOO_LATE = (
    f"You can edit your comment for {COMMENT_EDIT_MINUTES} minutes after writing it. You can still delete it."
)


def comment_clean_body(body):
    """A comment as stored: plain text, line breaks kept, at most COMMENT_MAX
    characters. Raises CelebrateError when empty or too long."""
    return text.within(
        text.paragraphs(body),
        limit=COMMENT_MAX,
        empty="Write something first.",
        too_long="Keep comments to {limit:,} characters (this one has {count:,}).",
        error=CelebrateError,
    )


def comment_clean_reason(reason):
    """Why a manager hid a comment (its author reads it): one line, up to
    COMMENT_REASON_MAX characters."""
    return text.within(
        text.one_line(reason),
        limit=COMMENT_REASON_MAX,
        empty="Give a reason for hiding this comment. Its author will see it.",
        too_long="Keep the reason to {limit} characters (it has {count}).",
        error=CelebrateError,
    )


def comment_editable(created_at, now):
    """May its author still edit a comment written at `created_at`?"""
    return now - created_at <= timedelta(minutes=COMMENT_EDIT_MINUTES)


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


# --- notifications in words ---------------------------------------------------

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_MICROS = 10**17  # year ~5138: nothing a page sent


def as_micros(moment):
    """An aware datetime as whole microseconds since 1970 (for a form field)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


def from_micros(value):
    """What as_micros() gave, read back from a form; None when it is not one."""
    value = str(value if value is not None else "").strip()
    if not (value.isascii() and value.isdigit()) or int(value) >= _MAX_MICROS:
        return None
    return _EPOCH + timedelta(microseconds=int(value))


HIDDEN_HOW_TO_FIX = (
    "Only you and managers can see it now. Edit it to fix what the reason says, then ask a manager to show it again."
)


def notification_text(kind, *, who, headline, when=""):
    """The sentence a notification reads as (in the app and in e-mails):
    `who` did it ("Ana and 4 others"), to the win called `headline`."""
    who = who or "A colleague"
    sentences = {
        "credited": f"{who} credited you as a hero in “{headline}”.",
        "cheered": f"{who} cheered your win “{headline}”.",
        "commented": f"{who} commented on your win “{headline}”.",
        "approved": f"Good news: your win “{headline}” was approved and is now shared with everyone.",
        "featured": f"Your win “{headline}” is featured on the wall.",
        "hidden": f"A manager hid your win “{headline}”.",
        "shown": f"Your win “{headline}” was shown at the all-hands{' on ' + when if when else ''}.",
    }
    return sentences.get(kind, f"Something happened to your win “{headline}”.")


def notification_detail(kind, detail):
    """The line under it: the manager's note, or the reason and what to do."""
    if kind == "featured" and detail:
        return f"Why we love this: {detail}"
    if kind == "hidden":
        return (f"Reason: {detail} " if detail else "") + HIDDEN_HOW_TO_FIX
    return ""


def describe_notification(notification):
    """{"text", "detail"} of a notification fetched with for_inbox() (its win
    and actors at hand): also what its e-mail says."""
    actors = list(notification.actors.all())
    who = text.names_joined([first_name(actor) for actor in actors], total=len(actors), shown=NAMES_SHOWN)
    when = ""
    if notification.kind == "shown" and notification.detail:
        try:
            when = date_format(date.fromisoformat(notification.detail), "j F Y")
        except ValueError:
            when = ""
    headline = notification.story.headline if notification.story else "a win that is gone"
    return {
        "text": notification_text(notification.kind, who=who, headline=headline, when=when),
        "detail": "" if notification.kind == "shown" else notification_detail(notification.kind, notification.detail),
    }


# --- the weekly digest's weeks ------------------------------------------------

_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


def week_label(day):
    """The ISO week a date falls in, as "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def last_week(today):
    """The last complete ISO week before `today` (Monday to Sunday): what a
    digest sent by Monday morning's cron is about."""
    return week_label(today - timedelta(days=today.isoweekday()))


def week_days(label):
    """(Monday, next Monday) of the ISO week `label`; ValueError when it is
    not one ("2026-W48")."""
    match = _WEEK.fullmatch(label or "")
    if not match:
        raise ValueError(f"{label!r} is not a week written like 2026-W48.")
    monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    return monday, monday + timedelta(days=7)


def week_span(label, tzinfo):
    """The ISO week `label` as aware datetimes [start, end) in `tzinfo`."""
    monday, next_monday = week_days(label)
    return datetime.combine(monday, time.min, tzinfo), datetime.combine(next_monday, time.min, tzinfo)


# --- the chat message when a win is featured ----------------------------------


def _chat_escape(value):
    """Slack reads <…> as links and mentions (<!channel> pings everyone) and
    needs &, < and > escaped; Teams renders these entities as the characters."""
    return text.one_line(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chat_message(*, headline, heroes, note, url, quote="", quote_by=""):
    """The JSON body an incoming webhook of Slack or Microsoft Teams accepts:
    one "text" field (both render it; both make the address a link). The
    customer's quote only when given (callers pass it only with consent)."""
    lines = [f"★ Featured win: {_chat_escape(headline)}"]
    if heroes:
        lines.append(f"Heroes: {_chat_escape(text.names_joined(heroes))}")
    if note:
        lines.append(f"Why we love this: {_chat_escape(note)}")
    if quote:
        said = f"“{_chat_escape(quote)}”"
        lines.append(f"{said} — {_chat_escape(quote_by)}" if quote_by else said)
    lines.append(url)
    return {"text": "\n".join(lines)}
