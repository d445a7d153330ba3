"""Wins with known totals for the insight page: every figure on /insight/
can be worked out by hand from the table below (see tests/test_insight_figures.py).

All in January–March of last year ("YEAR"), shared long ago, except one
win shared today (so Erin and the Front desk are not "quiet").

| # | date  | team         | kind     | approval | cost | heroes        | featured | note
| 1 | 01-10 | Front desk   | fixed    | no       |  100 | erin          | yes      |
| 2 | 01-20 | Front desk   | creative | yes      |  300 | erin, oscar   |          |
| 3 | 02-05 | Front desk   | fixed    | no       | 2500 | oscar         |          | over budget, decided on the spot
| 4 | 03-03 | Front desk   | learned  | no       |    – | erin          |          |
| 5 | 01-15 | Housekeeping | praise   | no       |    – | oscar         | yes      |
| 6 | 02-10 | Housekeeping | fixed    | no       | 1500 | pat           |          |
| 7 | 02-11 | Housekeeping | fixed    | yes      | 3000 | pat           | yes      | over budget, approved
| 8 | 03-30 | (no team)    | creative | no       |    0 | erin          |          |
Cheered: win 1 (by Pat and Oscar), win 5 (by Erin), and the hidden win.
Not counted: a hidden win, a pending win, one the day before and one the
day after the year, and the recent one (this year).
The budget is 2,000.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from stories.models import Cheer, Story, Team
from tests.helpers.people import make_user

BUDGET = Decimal("2000")


def year():
    return timezone.localdate().year - 1


def _win(number, *, day, team, kind, approval, cost, heroes, featured=False, **fields):
    shared = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    story = Story.objects.create(
        headline=fields.pop("headline", f"Win {number}"),
        body=fields.pop("body", f"What happened in win {number}."),
        kind=kind,
        team=team,
        happened_on=day,
        needed_approval=approval,
        cost=None if cost is None else Decimal(cost),
        author=heroes[0],
        created_at=fields.pop("created_at", shared),
        featured_at=shared if featured else None,
        **fields,
    )
    story.heroes.set(heroes)
    return story


def seed_known_wins(django_user_model, *, employee, other_employee):
    """The wins in the table above; returns a dict of what a test needs."""
    pat = make_user(django_user_model, "pat", first="Pat", last="Porter")
    make_user(django_user_model, "gone", first="Gone", last="Away", is_active=False)
    front = Team.objects.create(name="Front desk")
    house = Team.objects.create(name="Housekeeping")
    night = Team.objects.create(name="Night shift")
    erin, oscar = employee, other_employee
    y = year()

    def on(month, day):
        return datetime.date(y, month, day)

    wins = [
        _win(1, day=on(1, 10), team=front, kind="fixed", approval=False, cost=100, heroes=[erin], featured=True),
        _win(2, day=on(1, 20), team=front, kind="creative", approval=True, cost=300, heroes=[erin, oscar]),
        _win(3, day=on(2, 5), team=front, kind="fixed", approval=False, cost=2500, heroes=[oscar]),
        _win(
            4,
            day=on(3, 3),
            team=front,
            kind="learned",
            approval=False,
            cost=None,
            heroes=[erin],
            headline="We double-booked the terrace",
            body="Two parties, one terrace.\nNow we check the book twice.",
        ),  # fmt: skip
        _win(5, day=on(1, 15), team=house, kind="praise", approval=False, cost=None, heroes=[oscar], featured=True),
        _win(6, day=on(2, 10), team=house, kind="fixed", approval=False, cost=1500, heroes=[pat]),
        _win(7, day=on(2, 11), team=house, kind="fixed", approval=True, cost=3000, heroes=[pat], featured=True),
        _win(8, day=on(3, 30), team=None, kind="creative", approval=False, cost=0, heroes=[erin]),
    ]
    # Not counted anywhere on the page:
    hidden = _win(90, day=on(1, 12), team=front, kind="learned", approval=False, cost=5000, heroes=[erin],
                  hidden_at=timezone.now(), hidden_reason="Private")  # fmt: skip
    _win(91, day=on(2, 12), team=house, kind="fixed", approval=False, cost=4000, heroes=[pat],
         status=Story.Status.PENDING)  # fmt: skip
    _win(92, day=datetime.date(y - 1, 12, 31), team=front, kind="fixed", approval=False, cost=9000, heroes=[oscar])
    _win(93, day=datetime.date(y + 1, 1, 1), team=house, kind="praise", approval=True, cost=7000, heroes=[pat],
         created_at=datetime.datetime(y, 6, 1, tzinfo=datetime.UTC))  # fmt: skip
    recent = _win(
        94, day=timezone.localdate(), team=front, kind="fixed", approval=False, cost=10, heroes=[erin],
        created_at=timezone.now(),
    )  # fmt: skip
    cheers = [(wins[0], pat), (wins[0], oscar), (wins[4], erin), (hidden, pat)]
    Cheer.objects.bulk_create(Cheer(story=story, user=user) for story, user in cheers)
    return {"wins": wins, "front": front, "house": house, "night": night, "pat": pat, "recent": recent}


def year_query(**extra):
    """The address parameters for last year, the fixture's year."""
    return {"period": "year", "date": f"{year()}-06-01", **extra}
