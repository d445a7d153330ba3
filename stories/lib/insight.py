"""Empowerment insight, the pure part: each figure on /insight/ — a chart (`stories.lib.charts`), the same numbers
as a table (shown on the page and downloaded as CSV), and a sentence that
says what the chart shows. The numbers come from the database's
aggregates (`stories.models.insight`); nothing here queries.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import charts

NO_TEAM = _("No team")
CENT = Decimal("0.01")


# --- numbers in words ------------------------------------------------------------------


def money(value):
    """1234.5 → "1,234.50"; 1200 → "1,200"."""
    value = Decimal(value).quantize(CENT, ROUND_HALF_UP)
    decimals = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def share(part, whole):
    """A percentage with one decimal (Decimal), None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def percent(value):
    if value is None:
        return "–"
    # Translators: a percentage, e.g. "67%" (write "67 %" where your language puts a space).
    return gettext("%(number)s%%") % {"number": number_format(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP), 0)}


def median_of_middle(values):
    """The median from the one or two middle values of a sorted group."""
    values = [Decimal(value) for value in values]
    return (sum(values) / len(values)).quantize(CENT, ROUND_HALF_UP) if values else None


# --- a figure: a chart, its table, a sentence ------------------------------------------


@dataclass
class Table:
    """The numbers behind a chart: shown as a table, downloaded as CSV."""

    caption: str
    header: list
    rows: list = field(default_factory=list)


@dataclass
class Figure:
    slug: str
    title: str
    summary: str
    table: Table
    chart: charts.Chart | None = None
    notes: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def empty(self):
        return self.chart is None


KIND_SERIES = {
    "fixed": charts.Series("fixed", _("Fixed it on the spot"), "#0a6b3d", "solid"),
    "creative": charts.Series("creative", _("Creative idea"), "#5b3fa8", "stripes"),
    "learned": charts.Series("learned", _("Learned from a miss"), "#8a4b00", "dots"),
    "praise": charts.Series("praise", _("Customer praise"), "#0b5c8a", "bars"),
}
ON_THE_SPOT = charts.Series("on_spot", _("Decided on the spot"), "#0a6b3d", "solid")
WITHIN_BUDGET = charts.Series("median", _("Median cost per win"), "#0b5c8a", "solid")
OVER_BUDGET = charts.Series("over", _("Median over the budget"), "#a4161a", "stripes")
RECOGNITION_SERIES = {
    "wins": charts.Series("wins", pgettext_lazy("a chart's series", "Wins"), "#17324d", "solid"),
    "heroes": charts.Series("heroes", _("Heroes credited"), "#8a4b00", "stripes"),
    "featured": charts.Series("featured", _("Featured wins"), "#5b3fa8", "dots"),
    "cheered": charts.Series("cheered", _("Cheered wins"), "#0a6b3d", "bars"),
}
NO_WINS = _("No wins in this period.")


def _kind_count(kind, count):
    """A count of one kind of win, for the kinds chart's sentence."""
    values = {"count": count}
    if kind == "fixed":
        return ngettext("%(count)s fixed it on the spot", "%(count)s fixed it on the spot", count) % values
    if kind == "creative":
        return ngettext("%(count)s creative idea", "%(count)s creative idea", count) % values
    if kind == "learned":
        return ngettext("%(count)s learned from a miss", "%(count)s learned from a miss", count) % values
    return ngettext("%(count)s customer praise", "%(count)s customer praise", count) % values


PALETTE = [*KIND_SERIES.values(), ON_THE_SPOT, WITHIN_BUDGET, OVER_BUDGET, *RECOGNITION_SERIES.values()]


def month_categories(months):
    return [(date_format(month, "M"), str(month.year)) for month in months]


def kinds_figure(rows, *, months, kinds):
    """Wins per month by kind, stacked. `rows`: {"month", <kind>: count},
    e.g. per team and month (StoryQuerySet.by_team_and_month)."""
    index = {month: i for i, month in enumerate(months)}
    values = {kind: [0] * len(months) for kind in kinds}
    for row in rows:
        if row["month"] in index:
            for kind in kinds:
                values[kind][index[row["month"]]] += row[kind]
    totals = {kind: sum(counts) for kind, counts in values.items()}
    total = sum(totals.values())
    header = [pgettext("a table's column", "Month"), *(KIND_SERIES[kind].label for kind in kinds), gettext("All wins")]
    table = Table(gettext("Wins per month by kind"), header)
    for i, month in enumerate(months):
        counts = [values[kind][i] for kind in kinds]
        table.rows.append([f"{month:%Y-%m}", *counts, sum(counts)])
    # Translators: joins the counts of each kind of win: "3 fixed it on the spot, 1 creative idea".
    parts = pgettext("list separator", ", ").join(_kind_count(kind, totals[kind]) for kind in kinds)
    # Translators: %(kinds)s is a list such as "3 fixed it on the spot, 1 creative idea".
    words = ngettext("%(count)s win: %(kinds)s.", "%(count)s wins: %(kinds)s.", total)
    summary = words % {"count": total, "kinds": parts} if total else str(NO_WINS)
    figure = Figure("kinds", table.caption, summary, table, extra={"totals": totals, "total": total})
    if total:
        figure.chart = charts.stacked_columns(
            id="chart-kinds", title=figure.title, description=summary, categories=month_categories(months),
            series=[KIND_SERIES[kind] for kind in kinds], values=values,
        )  # fmt: skip
    return figure


def _team_name(row, key="team__name"):
    return row[key] or str(NO_TEAM)


def _by_team_name(item):
    """Teams in alphabetical order (never a ranking), wins without a team last."""
    name = item[0]
    return (name == str(NO_TEAM), name.casefold())


def decided_figures(rows, *, months):
    """The share of wins decided on the spot (no approval needed): per team
    (bars) and per month (a line). `rows`: {"team__name", "month", "wins",
    "on_spot"}, one per team and month."""
    teams, per_month = {}, {month: [0, 0] for month in months}
    for row in rows:
        team = teams.setdefault(_team_name(row), [0, 0])
        team[0] += row["wins"]
        team[1] += row["on_spot"]
        if row["month"] in per_month:
            per_month[row["month"]][0] += row["wins"]
            per_month[row["month"]][1] += row["on_spot"]
    wins = sum(team[0] for team in teams.values())
    on_spot = sum(team[1] for team in teams.values())
    overall = share(on_spot, wins)
    words = ngettext(
        "%(percent)s of %(count)s win was decided on the spot, without asking for approval.",
        "%(percent)s of %(count)s wins were decided on the spot, without asking for approval.",
        wins,
    )
    summary = words % {"percent": percent(overall), "count": wins} if wins else str(NO_WINS)
    return _decided_teams(teams, summary, overall), _decided_trend(per_month, summary)


def _decided_columns():
    return [pgettext("a table's column", "Wins"), gettext("Decided on the spot"), gettext("Share (%)")]


def _decided_teams(teams, summary, overall):
    table = Table(gettext("Decided on the spot, per team"), [pgettext("a table's column", "Team"), *_decided_columns()])
    rows = []
    for name, (wins, on_spot) in sorted(teams.items(), key=_by_team_name):
        table.rows.append([name, wins, on_spot, share(on_spot, wins)])
        # Translators: on a bar: the share decided on the spot, then how many of how many wins ("67% · 2 of 3").
        words = gettext("%(percent)s · %(part)s of %(count)s") % {
            "percent": percent(share(on_spot, wins)),
            "part": on_spot,
            "count": wins,
        }
        rows.append(charts.BarRow(name, {"on_spot": (share(on_spot, wins), words)}))
    figure = Figure("decided-teams", table.caption, summary, table, extra={"share": overall})
    if rows:
        figure.chart = charts.bars(
            id="chart-decided-teams", title=figure.title, description=summary, rows=rows, series=[ON_THE_SPOT],
            top_value=100,
        )  # fmt: skip
    return figure


def _decided_trend(per_month, summary):
    table = Table(
        gettext("Decided on the spot, per month"), [pgettext("a table's column", "Month"), *_decided_columns()]
    )
    points = []
    for month, (wins, on_spot) in per_month.items():
        table.rows.append([f"{month:%Y-%m}", wins, on_spot, share(on_spot, wins)])
        points.append(share(on_spot, wins))
    figure = Figure("decided-trend", gettext("The share decided on the spot, month by month"), summary, table)
    if any(point is not None for point in points):
        figure.chart = charts.line(
            id="chart-decided-trend", title=figure.title, description=summary,
            categories=month_categories(per_month), points=points, series=ON_THE_SPOT,
        )  # fmt: skip
    if len(per_month) == 1:
        figure.notes.append(gettext("A trend needs more than one month: choose a quarter or a year."))
    return figure


def cost_groups(rows, key):
    """Medians and totals per group, from the database's rows: each row
    carries its group's `n`, `total` and `over`, and `middle` when it is one
    of the group's middle values (the database marks them: see
    `stories.models.insight`). Returns {group: {"wins", "total", "over",
    "median", "row"}} in the rows' order."""
    groups = {}
    for row in rows:
        group = groups.setdefault(row[key], {"middle": [], "row": row})
        if row["middle"]:
            group["middle"].append(row["cost"])
    return {
        group_id: {
            "wins": group["row"]["n"],
            "total": Decimal(group["row"]["total"]).quantize(CENT, ROUND_HALF_UP),
            "over": group["row"]["over"],
            "median": median_of_middle(group["middle"]),
            "row": group["row"],
        }
        for group_id, group in groups.items()
    }


def overall_cost(rows):
    """The same over every win: the teams' counts and totals added up, the
    median from the overall middle rows (`middle_all`)."""
    teams = cost_groups(rows, "team_id").values()
    middle = [row["cost"] for row in rows if row["middle_all"]]
    return {
        "wins": sum(group["wins"] for group in teams),
        "total": sum((group["total"] for group in teams), Decimal("0.00")),
        "over": sum(group["over"] for group in teams),
        "median": median_of_middle(middle),
    }


def quiet_people(people):
    """The nudge list: (person, when they were last on a win, or None) from
    people annotated with `last_posted` and `last_credited`."""
    return [(person, max(filter(None, (person.last_posted, person.last_credited)), default=None)) for person in people]


def person_name(first, last, username):
    """What pages call a person (as `stories.models.display_name`)."""
    return f"{first or ''} {last or ''}".strip() or username or gettext("A former colleague")


def recognition_figure(rows, heroes):
    """Wins, heroes credited, featured and cheered wins per team. `rows`:
    per team and month {"team_id", "team__name", "wins", "featured",
    "cheered"} (StoryQuerySet.by_team_and_month); `heroes`: {"team_id",
    "heroes"} (StoryQuerySet.heroes_by_team). A "cheered" of None (rows
    from before cheers were counted) leaves its series out."""
    teams = {}
    for row in rows:
        team = teams.setdefault(row["team_id"], {"name": _team_name(row), "wins": 0, "featured": 0, "cheered": None})
        team["wins"] += row["wins"]
        team["featured"] += row["featured"]
        if row["cheered"] is not None:
            team["cheered"] = (team["cheered"] or 0) + row["cheered"]
    for row in heroes:
        if row["team_id"] in teams:
            teams[row["team_id"]]["heroes"] = row["heroes"]
    cheered = any(team["cheered"] is not None for team in teams.values())
    keys = ["wins", "heroes", "featured", *(["cheered"] if cheered else [])]
    series = [RECOGNITION_SERIES[key] for key in keys]
    table = Table(
        gettext("Recognition per team"), [pgettext("a table's column", "Team"), *(one.label for one in series)]
    )
    chart_rows = []
    for team in sorted(teams.values(), key=lambda team: _by_team_name((team["name"],))):
        counts = {key: team.get(key) or 0 for key in keys}
        table.rows.append([team["name"], *counts.values()])
        chart_rows.append(charts.BarRow(team["name"], {key: (count, str(count)) for key, count in counts.items()}))
    wins = sum(team["wins"] for team in teams.values())
    featured = sum(team["featured"] for team in teams.values())
    summary = _recognition_summary(wins, len(teams), featured) if wins else str(NO_WINS)
    figure = Figure("recognition", gettext("Heroes credited, featured and cheered wins, per team"), summary, table)
    if chart_rows:
        figure.chart = charts.bars(
            id="chart-recognition", title=figure.title, description=summary, rows=chart_rows, series=series
        )
    return figure


def _recognition_summary(wins, teams, featured):
    # Translators: %(teams)s is e.g. "3 teams"; %(featured)s a number of wins.
    words = ngettext(
        "%(count)s win from %(teams)s credited their heroes; %(featured)s were featured.",
        "%(count)s wins from %(teams)s credited their heroes; %(featured)s were featured.",
        wins,
    )
    team_words = ngettext("%(count)s team", "%(count)s teams", teams) % {"count": teams}
    return words % {"count": wins, "teams": team_words, "featured": featured}


def customer_voice(figures):
    """The customer's voice in words, from `customer_voice_figures()`: the
    share of quotes the customer confirmed, their average rating (one decimal)."""
    average = figures["average_rating"]
    return {
        **figures,
        "confirmed_share": percent(share(figures["confirmed"], figures["quotes"])),
        "average_words": "–" if average is None else f"{Decimal(average).quantize(Decimal('0.1'), ROUND_HALF_UP)}",
    }
