"""Celebrating's rules (stories.models.celebrate, stories.models.notifications,
stories.lib.linkify, stories.lib.periods), no database needed: who may cheer,
“Ana, Luis and 12 others”, what a comment may be and how its links are made
safe, the digest's weeks, and the chat message."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from stories.lib.linkify import linkify
from stories.lib.periods import as_micros, from_micros, last_week, week_days, week_label, week_span
from stories.lib.text import names_joined
from stories.models.celebrate import (
    COMMENT_MAX,
    CREDITED_WIN,
    NAMES_SHOWN,
    OWN_WIN,
    CelebrateError,
    cheer_refusal,
    comment_clean_body,
    comment_clean_reason,
    comment_editable,
)
from stories.models.notifications import chat_message, notification_detail, notification_text

# --- who may cheer -------------------------------------------------------------------


def test_the_author_and_the_heroes_may_not_cheer_everyone_else_may():
    assert cheer_refusal(user_id=1, author_id=1, hero_ids=[2, 3]) == OWN_WIN
    assert cheer_refusal(user_id=3, author_id=1, hero_ids=[2, 3]) == CREDITED_WIN
    assert cheer_refusal(user_id=4, author_id=1, hero_ids=[2, 3]) is None


@pytest.mark.parametrize(
    ("names", "total", "text"),
    [
        ([], 0, ""),
        (["Ana"], 1, "Ana"),
        (["Ana", "Luis"], 2, "Ana and Luis"),
        (["Ana", "Luis"], 3, "Ana, Luis and 1 other"),
        (["Ana", "Luis"], 14, "Ana, Luis and 12 others"),
        (["Ana", "Luis", "Cy"], 3, "Ana, Luis and 1 other"),  # two names at most
        ([], 5, "5 people"),
        (["Ana", ""], 2, "Ana and 1 other"),
    ],
)
def test_people_are_named_two_at_most_then_counted(names, total, text):
    assert names_joined(names, total=total, shown=NAMES_SHOWN) == text


# --- comments --------------------------------------------------------------------------


def test_a_comment_keeps_its_line_breaks_and_loses_invisible_characters():
    assert comment_clean_body("  Well done!\r\n\r\nReally.\u202e  ") == "Well done!\n\nReally."


@pytest.mark.parametrize("body", ["", "   ", "\n\n", "\u200b"])
def test_an_empty_comment_is_refused(body):
    with pytest.raises(CelebrateError, match="Write something first."):
        comment_clean_body(body)


def test_a_comment_of_1000_characters_is_kept_and_1001_refused_with_the_count():
    assert comment_clean_body("a" * COMMENT_MAX) == "a" * COMMENT_MAX
    with pytest.raises(CelebrateError, match=r"Keep comments to 1,000 characters \(this one has 1,001\)"):
        comment_clean_body("a" * (COMMENT_MAX + 1))


def test_a_reason_to_hide_a_comment_is_required_and_one_line():
    assert comment_clean_reason("  Names\na   guest ") == "Names a guest"
    with pytest.raises(CelebrateError, match="Give a reason for hiding this comment"):
        comment_clean_reason(" ")


def test_a_comment_can_be_edited_for_fifteen_minutes():
    written = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert comment_editable(written, written + timedelta(minutes=15))
    assert not comment_editable(written, written + timedelta(minutes=15, seconds=1))


def test_linkify_escapes_everything_and_keeps_line_breaks():
    html = linkify('<script>alert("x")</script> & <b>bold</b>\nnext line')
    assert html == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;<br>\nnext line"


def test_linkify_makes_http_and_https_addresses_safe_links():
    html = linkify("See https://example.com/a?b=1&c=2 and http://intra.net/x.")
    assert (
        '<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">https://example.com/a?b=1&amp;c=2</a>'
        in html
    )
    assert '<a href="http://intra.net/x" rel="nofollow noopener">http://intra.net/x</a>.' in html


@pytest.mark.parametrize(
    "body",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example.com/x",
        "www.example.com",
        "mail me: a@b.example",
    ],
)
def test_nothing_but_http_and_https_becomes_a_link(body):
    assert "<a " not in linkify(body)


def test_a_link_cannot_break_out_of_its_attribute_or_smuggle_a_user():
    html = linkify('https://example.com/"onmouseover="alert(1) https://user:pw@example.com/')
    assert '<a href="https://example.com/" rel="nofollow noopener">https://example.com/</a>&quot;onmouseover' in html
    assert '"onmouseover' not in html
    assert 'href="https://user:pw@example.com/"' not in html


@pytest.mark.parametrize(
    "body",
    [
        "https://example.com/&quot;onmouseover=alert(1)",
        "https://example.com/&#34;onmouseover=alert(1)//",
        'https://example.com/?q="><img src=x onerror=alert(1)>',
        "https://example.com/'onmouseover='alert(1)'",
        "https://example.com/`onmouseover=alert(1)`",
        "https://example.com/<script>alert(1)</script>",
        "https://user&#64;evil.example@example.com/",
        "javascript&colon;alert(1) https&colon;//example.com",
    ],
)
def test_no_comment_text_escapes_its_link_or_makes_markup(body):
    html = linkify(body)
    markup = re.sub(r'<a href="[^"<>]*" rel="nofollow noopener">[^<>"]*</a>|<br>', "", html)
    assert "<" not in markup and ">" not in markup.replace("&gt;", "")  # nothing but the links is markup
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith(("http://", "https://")) and '"' not in href and "'" not in href and "@" not in href


def test_trailing_punctuation_belongs_to_the_sentence_but_balanced_brackets_to_the_link():
    assert '<a href="https://en.wikipedia.org/wiki/Hotel_(disambiguation)"' in linkify(
        "(see https://en.wikipedia.org/wiki/Hotel_(disambiguation))"
    )
    assert linkify("Look: https://example.com!").endswith('rel="nofollow noopener">https://example.com</a>!')


# --- notifications in words ---------------------------------------------------------------


def test_each_event_reads_as_a_sentence():
    assert notification_text("cheered", who="Ana and 4 others", headline="Cake") == (
        "Ana and 4 others cheered your win “Cake”."
    )
    assert notification_text("credited", who="Erin", headline="Cake") == "Erin credited you as a hero in “Cake”."
    assert notification_text("shown", who="", headline="Cake", when="3 November 2026") == (
        "Your win “Cake” was shown at the all-hands on 3 November 2026."
    )
    assert notification_detail("featured", "So kind") == "Why we love this: So kind"
    hidden = notification_detail("hidden", "Names a guest.")
    assert hidden.startswith("Reason: Names a guest. ") and "Edit it to fix what the reason says" in hidden


def test_a_page_time_goes_to_a_form_and_back_and_nonsense_is_none():
    moment = datetime(2026, 11, 27, 10, 0, 0, 123456, tzinfo=UTC)
    assert from_micros(str(as_micros(moment))) == moment
    for nonsense in ["", "abc", "-5", "1e9", "9" * 30, None]:
        assert from_micros(nonsense) is None


# --- the digest's weeks -----------------------------------------------------------------


def test_weeks_are_iso_weeks_and_last_week_is_the_one_before_this_monday():
    assert week_label(date(2026, 11, 27)) == "2026-W48"
    assert last_week(date(2026, 11, 30)) == "2026-W48"  # a Monday: the week just ended
    assert last_week(date(2026, 11, 29)) == "2026-W47"  # a Sunday: the week before this one
    assert week_label(date(2027, 1, 1)) == "2026-W53"
    assert week_days("2026-W48") == (date(2026, 11, 23), date(2026, 11, 30))
    start, end = week_span("2026-W48", ZoneInfo("Europe/Paris"))
    assert start.isoformat() == "2026-11-23T00:00:00+01:00" and end - start == timedelta(days=7)


@pytest.mark.parametrize("label", ["", "2026-48", "2026-W54", "2026-W00", "W48", "2026-w48 "])
def test_a_week_that_is_not_one_is_refused(label):
    with pytest.raises(ValueError):
        week_days(label)


# --- the chat message ---------------------------------------------------------------------


def test_the_chat_message_is_one_text_field_with_headline_heroes_note_and_link():
    message = chat_message(
        headline="Saved the anniversary",
        heroes=["Erin Employee", "Oscar Other"],
        note="Pure kindness",
        url="https://w/1",
    )
    assert message == {
        "text": "★ Featured win: Saved the anniversary\nHeroes: Erin Employee and Oscar Other\n"
        "Why we love this: Pure kindness\nhttps://w/1"
    }


def test_the_chat_message_cannot_ping_the_channel_or_fake_a_link():
    text = chat_message(headline="<!channel> <https://evil|click> & co", heroes=[], note="", url="https://w/1")["text"]
    assert "<!channel>" not in text and "<https://evil" not in text
    assert "&lt;!channel&gt; &lt;https://evil|click&gt; &amp; co" in text


def test_the_quote_is_in_the_chat_message_only_when_given():
    assert "“" not in chat_message(headline="H", heroes=["A"], note="", url="u")["text"]
    text = chat_message(headline="H", heroes=["A"], note="", url="u", quote="Thank you!", quote_by="Mrs Lee")["text"]
    assert "“Thank you!” — Mrs Lee" in text
