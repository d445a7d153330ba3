"""Keyset ("older") pagination: page 500 costs what page 1 does.

The cursor is the last card's (created_at, id), written into the URL as
`<microseconds since epoch>.<id>`; a broken cursor is the caller's 400."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BadCursor(ValueError):
    pass


def encode_cursor(story):
    delta = story.created_at - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}.{story.pk}"


def decode_cursor(raw):
    try:
        micros_text, pk_text = raw.split(".")
        micros, pk = int(micros_text), int(pk_text)
        if not (0 <= micros < 10**17 and 0 < pk < 2**63):
            raise ValueError
        return EPOCH + timedelta(microseconds=micros), pk
    except (ValueError, OverflowError):
        raise BadCursor(raw) from None


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None
    is_first: bool


def keyset_page(queryset, *, cursor, size):
    """`queryset` must be ordered newest first by (created_at, id)."""
    if cursor:
        created_at, pk = decode_cursor(cursor)
        # The leading `created_at <= …` lets the database seek into the feed
        # index instead of scanning it from the top (the OR alone cannot).
        queryset = queryset.filter(created_at__lte=created_at).filter(Q(created_at__lt=created_at) | Q(pk__lt=pk))
    items = list(queryset[: size + 1])
    has_more = len(items) > size
    items = items[:size]
    return KeysetPage(
        items=items,
        next_cursor=encode_cursor(items[-1]) if has_more else None,
        is_first=not cursor,
    )


def keyset_page_or_none(params, queryset, *, size):
    """The page `params["before"]` asks for; None when that cursor is broken
    (the caller answers 400 with a way back)."""
    try:
        return keyset_page(queryset, cursor=params.get("before", ""), size=size)
    except BadCursor:
        return None


MAX_PAGE_NUMBER = 500


@dataclass
class NumberedPage:
    """A page of ranked results (search): "page=N" in the address. Ranked
    results have no cursor to seek to, so a page skips (N - 1) × size rows;
    the ranking sorts every match anyway."""

    items: list
    number: int
    has_next: bool

    @property
    def is_first(self):
        return self.number == 1


def numbered_page_or_none(params, queryset, *, size):
    """The page `params["page"]` asks for (1 when absent); None when the
    number is broken or past MAX_PAGE_NUMBER (the caller answers 400)."""
    raw = params.get("page", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else 0
    if not 1 <= number <= MAX_PAGE_NUMBER:
        return None
    start = (number - 1) * size
    items = list(queryset[start : start + size + 1])
    return NumberedPage(items=items[:size], number=number, has_next=len(items) > size)
