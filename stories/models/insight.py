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
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber, TruncMonth

# People in the order heroes are listed everywhere (as models.wins.HERO_ORDER).
PEOPLE_ORDER = ("first_name", "last_name", "username")


def cheered_wins():
    """Wins cheered at least once, per group. Cheers aren't recorded yet, so
    this is None (the page says so). When the Cheer model lands (a win's
    `cheers`), this becomes:
        Count("pk", filter=Q(cheers__isnull=False), distinct=True)
    and the chart, table and CSV gain the "Cheered wins" column by themselves."""
    return Value(None, output_field=IntegerField())


def _middle(rank, count):
    """Rows that are the middle one (odd count) or two (even) of their group."""
    return Q(**{f"{rank}__gte": (F(count) + 1) / 2, f"{rank}__lte": (F(count) + 2) / 2})


def _over(budget):
    return Sum(Case(When(cost__gt=budget, then=Value(1)), default=Value(0), output_field=IntegerField()))


COST_ORDER = (F("cost").asc(), F("pk").asc())


class InsightQuerySet:
    """Reads for the insight page; mixed into `StoryQuerySet`."""

    def for_insight(self, *, start, end, team=None):
        """The wins a figure counts: published (approved, not hidden), that
        happened between `start` and `end` (both included), of `team` if given."""
        wins = self.published().filter(happened_on__gte=start, happened_on__lte=end)
        return wins if team is None else wins.filter(team=team)

    def kinds_by_month(self):
        """{"month", "fixed", "creative", "learned", "praise"} per month with wins."""
        kinds = {kind: Count("pk", filter=Q(kind=kind)) for kind in self.model.Kind.values}
        return self.annotate(month=TruncMonth("happened_on")).values("month").annotate(**kinds).order_by("month")

    def decided_by_team_and_month(self):
        """{"team_id", "team__name", "month", "wins", "on_spot"}: how many wins,
        and how many of them needed no approval, per team and month."""
        return (
            self.annotate(month=TruncMonth("happened_on"))
            .values("team_id", "team__name", "month")
            .annotate(wins=Count("pk"), on_spot=Count("pk", filter=Q(needed_approval=False)))
            .order_by("team__name", "month")
        )

    def cost_middles_by_team(self, budget):
        """The wins with a cost: per team, the middle one or two rows by cost
        (`rank` of `n`), each carrying the team's `n`, `total` and `over` (wins
        over `budget`); and the same over all of them (`rank_all` of `n_all`,
        `total_all`, `over_all`). At most 2 rows per team, plus 2."""
        team = [F("team_id")]
        return (
            self.filter(cost__isnull=False)
            .annotate(
                rank=Window(RowNumber(), partition_by=team, order_by=COST_ORDER),
                n=Window(Count("pk"), partition_by=team),
                total=Window(Sum("cost"), partition_by=team),
                over=Window(_over(budget), partition_by=team),
                rank_all=Window(RowNumber(), order_by=COST_ORDER),
                n_all=Window(Count("pk")),
                total_all=Window(Sum("cost")),
                over_all=Window(_over(budget)),
            )
            .filter(_middle("rank", "n") | _middle("rank_all", "n_all"))
            .values(
                "team_id",
                "team__name",
                "cost",
                "rank",
                "n",
                "total",
                "over",
                "rank_all",
                "n_all",
                "total_all",
                "over_all",
            )
            .order_by()
        )

    def cost_middles_by_person(self, budget):
        """As `cost_middles_by_team`, per hero credited (a win's cost counts
        for each of its heroes): `person`, their names, `rank` of `n`, `total`, `over`."""
        hero = [F("heroes")]
        return (
            self.filter(cost__isnull=False, heroes__isnull=False)
            .annotate(
                person=F("heroes"),
                rank=Window(RowNumber(), partition_by=hero, order_by=COST_ORDER),
                n=Window(Count("pk"), partition_by=hero),
                total=Window(Sum("cost"), partition_by=hero),
                over=Window(_over(budget), partition_by=hero),
            )
            .filter(_middle("rank", "n"))
            .values(
                "person",
                "cost",
                "rank",
                "n",
                "total",
                "over",
                first_name=F("heroes__first_name"),
                last_name=F("heroes__last_name"),
                username=F("heroes__username"),
            )  # fmt: skip
            .order_by()
        )

    def over_budget(self, budget):
        """Wins that cost more than `budget`, newest first, with their team."""
        return self.filter(cost__gt=budget).select_related("team").order_by("-happened_on", "-created_at", "-id")

    def recognition_by_team(self):
        """{"team_id", "team__name", "wins", "heroes" (distinct people
        credited), "featured", "cheered"} per team."""
        return (
            self.values("team_id", "team__name")
            .annotate(
                wins=Count("pk", distinct=True),
                heroes=Count("heroes", distinct=True),
                featured=Count("pk", filter=Q(featured_at__isnull=False), distinct=True),
                cheered=cheered_wins(),
            )
            .order_by("team__name")
        )

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
        them since `since`, in name order, with `last_win` (when the last was
        posted; None if never). With `team`: people who have been on
        one of its wins before."""
        wins = self.published()

        def last(**who):
            return Subquery(wins.filter(**who).order_by("-created_at").values("created_at")[:1])

        people = get_user_model().objects.filter(is_active=True)
        if team is not None:
            on_team = wins.filter(team=team).filter(Q(author=OuterRef("pk")) | Q(heroes=OuterRef("pk")))
            people = people.filter(Exists(on_team))
        return (
            people.annotate(
                last_posted=last(author=OuterRef("pk")),
                last_credited=last(heroes=OuterRef("pk")),
            )
            .annotate(
                last_win=Greatest(Coalesce("last_posted", "last_credited"), Coalesce("last_credited", "last_posted"))
            )
            .filter(Q(last_win__lt=since) | Q(last_win__isnull=True))
            .order_by(*PEOPLE_ORDER)
        )

    def quiet_teams(self, *, since, team=None):
        """Teams with no published win posted since `since`, in name order,
        with `last_posted` (None if never)."""
        teams = self.model._meta.get_field("team").related_model.objects.all()
        if team is not None:
            teams = teams.filter(pk=team.pk)
        last = self.published().filter(team=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
        return (
            teams.annotate(last_posted=Subquery(last))
            .filter(Q(last_posted__lt=since) | Q(last_posted__isnull=True))
            .order_by("name")
        )
