"""The period a manager looks at on /insight/: a calendar month, quarter or
year (and the one before or after it), or a custom range; the ISO weeks of
the weekly digest; a moment as a form field's number. Pure date
arithmetic."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext, pgettext_lazy

PERIODS = {
    "month": pgettext_lazy("a kind of period", "Month"),
    "quarter": pgettext_lazy("a kind of period", "Quarter"),
    "year": pgettext_lazy("a kind of period", "Year"),
    "custom": pgettext_lazy("a kind of period", "Custom range"),
}
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)
MAX_RANGE_YEARS = 5


@dataclass(frozen=True)
class Period:
    """The dates looked at, first and last included: a calendar month,
    quarter or year, or a custom range."""

    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self):
        if self.kind == "month":
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.kind == "quarter":
            # Translators: a quarter of a year and its first and last months, e.g. "Q4 2026 (Oct – Dec)".
            return gettext("Q%(quarter)s %(year)s (%(first)s – %(last)s)") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
                "first": date_format(self.start, "M"),
                "last": date_format(self.end, "M"),
            }
        if self.kind == "year":
            return str(self.start.year)
        return f"{_day(self.start)} – {_day(self.end)}"

    @property
    def slug(self):
        """For file names: 2026-11, 2026-q4, 2026, 2026-03-01-to-2026-06-15."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}-to-{self.end.isoformat()}"

    def months(self, today=None):
        """The first day of every month in the period — up to `today`'s month
        when the period runs on past it (no empty columns for the future)."""
        last = min(self.end, today) if today and self.start <= today else self.end
        month, months = self.start.replace(day=1), []
        while month <= last:
            months.append(month)
            month = _next_month(month)
        return months

    def previous(self):
        if self.kind == "custom" or self.start <= FIRST_DAY:
            return None
        return period_containing(self.kind, self.start - datetime.timedelta(days=1))

    def next(self):
        if self.kind == "custom" or self.end >= LAST_DAY:
            return None
        return period_containing(self.kind, self.end + datetime.timedelta(days=1))

    def query(self):
        """The URL parameters that choose this period again."""
        if self.kind == "custom":
            return {"period": "custom", "start": self.start.isoformat(), "end": self.end.isoformat()}
        return {"period": self.kind, "date": self.start.isoformat()}


def period_containing(kind, day):
    """The calendar month, quarter or year that `day` falls in."""
    if kind == "month":
        start, months = day.replace(day=1), 1
    elif kind == "quarter":
        start, months = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1), 3
    else:
        start, months = datetime.date(day.year, 1, 1), 12
    last_month = datetime.date(start.year, start.month + months - 1, 1)
    end = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    return Period(kind, start, end)


def _next_month(month):
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _day(day):
    # Translators: a date with a short month, e.g. "1 Mar 2026", in the letters of Django's date
    # filter (j: day, M: short month name, Y: year). Reorder them as your language writes dates.
    return date_format(day, pgettext("date format", "j M Y"))


def day_text(day, *, year=True):
    """A day as people write it: "3 November 2026" ("3 November" without the year)."""
    if not year:
        # Translators: a date without the year, e.g. "3 November", in the letters of Django's date
        # filter (j: day, F: month name). Reorder them as your language writes dates.
        return date_format(day, pgettext("date format", "j F"))
    # Translators: a date, e.g. "3 November 2026", in the letters of Django's date filter
    # (j: day, F: month name, Y: year). Reorder them as your language writes dates.
    return date_format(day, pgettext("date format", "j F Y"))


def current_period(period, today):
    """The month, quarter or year containing `today`, when `period` is
    another one of the same kind (a way back to now); else None."""
    if period.kind == "custom" or period.start <= today <= period.end:
        return None
    return period_containing(period.kind, today)


# --- ISO weeks (the weekly digest's) -----------------------------------------

_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


def week_label(day):
    """The ISO week a date falls in, as "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def last_week(today):
    """The last complete ISO week before `today` (Monday to Sunday): what a
    digest sent by Monday morning's cron is about."""
    return week_label(today - datetime.timedelta(days=today.isoweekday()))


def week_days(label):
    """(Monday, next Monday) of the ISO week `label`; ValueError when it is
    not one ("2026-W48")."""
    match = _WEEK.fullmatch(label or "")
    if not match:
        raise ValueError(f"{label!r} is not a week written like 2026-W48.")
    monday = datetime.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    return monday, monday + datetime.timedelta(days=7)


def week_span(label, tzinfo):
    """The ISO week `label` as aware datetimes [start, end) in `tzinfo`."""
    return tuple(datetime.datetime.combine(day, datetime.time.min, tzinfo) for day in week_days(label))


# --- a moment in a form field -------------------------------------------------

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MAX_MICROS = 10**17  # year ~5138: nothing a page sent


def as_micros(moment):
    """An aware datetime as whole microseconds since 1970 (for a form field)."""
    return (moment - _EPOCH) // datetime.timedelta(microseconds=1)


def from_micros(value):
    """What as_micros() gave, read back from a form; None when it is not one."""
    value = str(value if value is not None else "").strip()
    if not (value.isascii() and value.isdigit()) or int(value) >= _MAX_MICROS:
        return None
    return _EPOCH + datetime.timedelta(microseconds=int(value))
