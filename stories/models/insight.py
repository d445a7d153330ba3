"""Empowerment insight: every figure on /insight/ as one aggregate query,
computed by the database (SQLite and PostgreSQL alike) — a mixin of
`StoryQuerySet`, so each read is a named method:

    wins = Story.objects.for_insight(start=…, end=…, team=…)
    wins.kinds_by_month()

Medians come from window functions: each group's rows are numbered in cost
order and only its one or two middle rows are returned (with the group's
count, total and wins over budget), so a median never loads a group's rows
into Python — see `cost_middles_by_team`. `stories.lib.insight` turns the
rows into charts.
"""

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber, TruncMonth

from .celebrate import Cheer
from .customer_voice import CONFIRMING

# People in the order heroes are listed everywhere (as models.wins.HERO_ORDER).
PEOPLE_ORDER = ("first_name", "last_name", "username")


class MonthStart(TruncMonth):
    """The first day of a date's month (Django's TruncMonth). On SQLite,
    computed by SQLite's own strftime() rather than the Python function
    Django registers there: measured ~40% faster on a year of 50,000 wins."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-%%m-01', {sql})", params


def cheered_wins():
    """Wins cheered at least once, per group: an EXISTS, so the group's
    other counts stay unmultiplied by its cheers."""
    return Count("pk", filter=Exists(Cheer.objects.filter(story=OuterRef("pk"))))


def _middle(rank, count):
    """Is the row the middle one (odd `count`) or one of the middle two (even)
    of its group, by its `rank` in cost order? The median's rule, written
    once: integer division in SQL, on SQLite and PostgreSQL alike."""
    middle = Q(**{f"{rank}__gte": (F(count) + 1) / 2, f"{rank}__lte": (F(count) + 2) / 2})
    return ExpressionWrapper(middle, output_field=BooleanField())


def _over(budget):
    return Sum(Case(When(cost__gt=budget, then=Value(1)), default=Value(0), output_field=IntegerField()))


COST_ORDER = (F("cost").asc(), F("pk").asc())


def _cost_windows(group, budget):
    """Per `group` (a field): each win's `rank` in cost order, and its group's
    `n` wins, `total` cost and `over` (wins over `budget`)."""
    partition = [F(group)]
    return {
        "rank": Window(RowNumber(), partition_by=partition, order_by=COST_ORDER),
        "n": Window(Count("pk"), partition_by=partition),
        "total": Window(Sum("cost"), partition_by=partition),
        "over": Window(_over(budget), partition_by=partition),
    }


class InsightQuerySet:
    """Reads for the insight page; mixed into `StoryQuerySet`."""

    def for_insight(self, *, start, end, team=None):
        """The wins a figure counts: published (approved, not hidden), that
        happened between `start` and `end` (both included), of `team` if given."""
        wins = self.published().filter(happened_on__gte=start, happened_on__lte=end)
        return wins if team is None else wins.filter(team=team)

    def by_team_and_month(self):
        """One row per team and month with wins: {"team_id", "team__name",
        "month", "wins", "on_spot" (needed no approval), "featured",
        "cheered", and a count per kind ("fixed", "creative", "learned",
        "praise")}. The kinds chart, both "decided on the spot" charts and
        the recognition chart's wins and featured counts all come from it."""
        kinds = {kind: Count("pk", filter=Q(kind=kind)) for kind in self.model.Kind.values}
        return (
            self.annotate(month=MonthStart("happened_on"))
            .values("team_id", "team__name", "month")
            .annotate(
                wins=Count("pk"),
                on_spot=Count("pk", filter=Q(needed_approval=False)),
                featured=Count("pk", filter=Q(featured_at__isnull=False)),
                cheered=cheered_wins(),
                **kinds,
            )
            .order_by("team__name", "month")
        )

    def heroes_by_team(self):
        """{"team_id", "heroes"}: how many different people the team's wins credit."""
        return self.values("team_id").annotate(heroes=Count("heroes", distinct=True)).order_by()

    def cost_middles_by_team(self, budget):
        """The wins with a cost, as few rows as a median needs: per team, the
        middle one or two by cost (`middle` true), each carrying the team's
        `n`, `total` and `over` (wins over `budget`); and the middle one or
        two of all of them (`middle_all` true) for the overall median.
        At most 2 rows per team, plus 2. (Overall totals are the teams' sums.)"""
        return (
            self.filter(cost__isnull=False)
            .annotate(
                **_cost_windows("team_id", budget),
                rank_all=Window(RowNumber(), order_by=COST_ORDER),
                n_all=Window(Count("pk")),
            )
            .annotate(middle=_middle("rank", "n"), middle_all=_middle("rank_all", "n_all"))
            .filter(Q(middle=True) | Q(middle_all=True))
            .values("team_id", "team__name", "cost", "middle", "n", "total", "over", "middle_all")
            .order_by()
        )

    def cost_middles_by_person(self, budget):
        """As `cost_middles_by_team`, per hero credited (a win's cost counts
        for each of its heroes): `person`, their names, `middle`, `n`, `total`, `over`."""
        return (
            self.filter(cost__isnull=False, heroes__isnull=False)
            .annotate(person=F("heroes"), **_cost_windows("heroes", budget))
            .annotate(middle=_middle("rank", "n"))
            .filter(middle=True)
            .values(
                "person",
                "cost",
                "middle",
                "n",
                "total",
                "over",
                first_name=F("heroes__first_name"),
                last_name=F("heroes__last_name"),
                username=F("heroes__username"),
            )  # fmt: skip
            .order_by()
        )

    def over_budget_newest_first(self):
        """Wins that cost more than the empowerment budget (StoryQuerySet.over_budget),
        newest first, with their team."""
        return self.over_budget().select_related("team").order_by("-happened_on", "-created_at", "-id")

    def lessons(self):
        """ "Learned from a miss" wins, newest first (by when they happened)."""
        return (
            self.filter(kind=self.model.Kind.LEARNED)
            .select_related("team")
            .order_by("-happened_on", "-created_at", "-id")
        )

    # --- the gentle nudge list: nobody is ranked, only named ----------------------

    def quiet_people(self, *, since, team=None):
        """Active people with no published win posted by them or crediting
        them since `since`, in name order, with `last_posted` and
        `last_credited` (when the last such win was posted; None if never).
        With `team`: people who have been on one of its wins before."""
        wins = self.published()
        recent = wins.filter(created_at__gte=since)  # a short range of the feed's index

        def last(**who):
            return Subquery(wins.filter(**who).order_by("-created_at").values("created_at")[:1])

        people = get_user_model().objects.filter(is_active=True)
        if team is not None:
            on_team = wins.filter(team=team).filter(Q(author=OuterRef("pk")) | Q(heroes=OuterRef("pk")))
            people = people.filter(Exists(on_team))
        return (
            people.exclude(Exists(recent.filter(author=OuterRef("pk"))))
            .exclude(Exists(recent.filter(heroes=OuterRef("pk"))))
            .annotate(last_posted=last(author=OuterRef("pk")), last_credited=last(heroes=OuterRef("pk")))
            .order_by(*PEOPLE_ORDER)
        )

    def customer_voice_figures(self):
        """The customer's voice, in one query: wins with a customer quote (or
        whose customer said no to one), those the customer confirmed by their
        link, and the customers' ratings (1–5: how many, their average)."""
        quoted = Q(quote__gt="") | Q(customer_answer__gt="")
        return self.aggregate(
            quotes=Count("pk", filter=quoted),
            confirmed=Count("pk", filter=Q(customer_answer__in=CONFIRMING)),
            rated=Count("customer_rating"),
            average_rating=Avg("customer_rating"),
        )

    def quiet_teams(self, *, since, team=None):
        """Teams with no published win posted since `since`, in name order,
        with `last_posted` (None if never)."""
        teams = self.model._meta.get_field("team").related_model.objects.all()
        if team is not None:
            teams = teams.filter(pk=team.pk)
        wins = self.published()
        last = wins.filter(team=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
        return (
            teams.exclude(Exists(wins.filter(team=OuterRef("pk"), created_at__gte=since)))
            .annotate(last_posted=Subquery(last))
            .order_by("name")
        )
