"""A person's page, the pure part: the month-by-month timeline and the mix
of kinds of win, from the counts the database gave in one query
(`StoryQuerySet.credit_counts`). Nothing here touches the database."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.formats import date_format
from django.utils.translation import pgettext

TIMELINE_MONTHS = 12


def month_starts(today, count=TIMELINE_MONTHS):
    """The first days of the last `count` months, oldest first, this month last."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    return months


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    most: int  # the largest count in the chart (a <meter>'s max)
    start: object = None  # a month's first day, for a timeline


def timeline(counts, today, count=TIMELINE_MONTHS):
    """[Bar] for each of the last `count` months from the first one with a
    win to this month (quiet months after the first win included; none at
    all without a win), from `credit_counts(…, months=month_starts(today))`'s
    `month_<i>` counts."""
    months = month_starts(today, count)
    by_month = [counts.get(f"month_{index}", 0) for index in range(len(months))]
    first = next((index for index, n in enumerate(by_month) if n), len(months))
    most = max([*by_month, 1])
    # Translators: a month with a short name and its year, e.g. "Mar 2026", in the letters of Django's date
    # filter (M: short month name, Y: year).
    month_format = pgettext("date format", "M Y")
    return [
        Bar(label=date_format(month, month_format), count=n, most=most, start=month)
        for month, n in zip(months[first:], by_month[first:], strict=True)
    ]


def kind_mix(counts, kinds):
    """[Bar] per kind of win (`kinds`: (value, label) pairs), from
    `credit_counts`'s `kind_<value>` counts; kinds with none included."""
    most = max([counts.get(f"kind_{value}", 0) for value, _ in kinds] + [1])
    return [Bar(label=label, count=counts.get(f"kind_{value}", 0), most=most) for value, label in kinds]
