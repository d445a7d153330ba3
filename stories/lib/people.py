"""A person's page, the pure part: the month-by-month timeline and the mix
of kinds of win, from counts the database gave (`StoryQuerySet.credit_counts`,
`credits_by_month`). Nothing here touches the database."""

from dataclasses import dataclass
from datetime import timedelta

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


def timeline(by_month, today, count=TIMELINE_MONTHS):
    """[Bar] for each of the last `count` months, months without wins included."""
    months = month_starts(today, count)
    most = max([by_month.get(month, 0) for month in months] + [1])
    return [
        Bar(label=month.strftime("%b %Y"), count=by_month.get(month, 0), most=most, start=month) for month in months
    ]


def kind_mix(counts, kinds):
    """[Bar] per kind of win (`kinds`: (value, label) pairs), from
    `credit_counts`'s `kind_<value>` counts; kinds with none included."""
    most = max([counts.get(f"kind_{value}", 0) for value, _ in kinds] + [1])
    return [Bar(label=label, count=counts.get(f"kind_{value}", 0), most=most) for value, label in kinds]
