"""Empowerment insight, the pure part: each figure on /insight/ — a chart (`stories.lib.charts`), the same numbers
as a table (shown on the page and downloaded as CSV), and a sentence that
says what the chart shows. The numbers come from the database's
aggregates (`stories.models.insight`); nothing here queries.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import charts

NO_TEAM = "No team"
CENT = Decimal("0.01")


# --- numbers in words ------------------------------------------------------------------


def money(value):
    """1234.5 → "1,234.50"; 1200 → "1,200"."""
    value = Decimal(value).quantize(CENT, ROUND_HALF_UP)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def share(part, whole):
    """A percentage with one decimal (Decimal), None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def percent(value):
    return "–" if value is None else f"{value:.0f}%"


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
    "fixed": charts.Series("fixed", "Fixed it on the spot", "#0a6b3d", "solid"),
    "creative": charts.Series("creative", "Creative idea", "#5b3fa8", "stripes"),
    "learned": charts.Series("learned", "Learned from a miss", "#8a4b00", "dots"),
    "praise": charts.Series("praise", "Customer praise", "#0b5c8a", "bars"),
}
ON_THE_SPOT = charts.Series("on_spot", "Decided on the spot", "#0a6b3d", "solid")
WITHIN_BUDGET = charts.Series("median", "Median cost per win", "#0b5c8a", "solid")
OVER_BUDGET = charts.Series("over", "Median over the budget", "#a4161a", "stripes")
RECOGNITION_SERIES = {
    "wins": charts.Series("wins", "Wins", "#17324d", "solid"),
    "heroes": charts.Series("heroes", "Heroes credited", "#8a4b00", "stripes"),
    "featured": charts.Series("featured", "Featured wins", "#5b3fa8", "dots"),
    "cheered": charts.Series("cheered", "Cheered wins", "#0a6b3d", "bars"),
}
PALETTE = [*KIND_SERIES.values(), ON_THE_SPOT, WITHIN_BUDGET, OVER_BUDGET, *RECOGNITION_SERIES.values()]


def month_categories(months):
    return [(month.strftime("%b"), str(month.year)) for month in months]


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
    header = ["Month", *(KIND_SERIES[kind].label for kind in kinds), "All wins"]
    table = Table("Wins per month by kind", header)
    for i, month in enumerate(months):
        counts = [values[kind][i] for kind in kinds]
        table.rows.append([f"{month:%Y-%m}", *counts, sum(counts)])
    parts = ", ".join(f"{totals[kind]} {KIND_SERIES[kind].label.lower()}" for kind in kinds)
    summary = f"{total} wins: {parts}." if total else "No wins in this period."
    figure = Figure("kinds", "Wins per month by kind", summary, table, extra={"totals": totals, "total": total})
    if total:
        figure.chart = charts.stacked_columns(
            id="chart-kinds", title=figure.title, description=summary, categories=month_categories(months),
            series=[KIND_SERIES[kind] for kind in kinds], values=values,
        )  # fmt: skip
    return figure


def _team_name(row, key="team__name"):
    return row[key] or NO_TEAM


def _by_team_name(item):
    """Teams in alphabetical order (never a ranking), wins without a team last."""
    name = item[0]
    return (name == NO_TEAM, name.casefold())


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
    summary = (
        f"{percent(overall)} of {wins} wins were decided on the spot, without asking for approval."
        if wins
        else "No wins in this period."
    )
    return _decided_teams(teams, summary, overall), _decided_trend(per_month, summary)


def _decided_teams(teams, summary, overall):
    table = Table("Decided on the spot, per team", ["Team", "Wins", "Decided on the spot", "Share (%)"])
    rows = []
    for name, (wins, on_spot) in sorted(teams.items(), key=_by_team_name):
        table.rows.append([name, wins, on_spot, share(on_spot, wins)])
        words = f"{percent(share(on_spot, wins))} · {on_spot} of {wins}"
        rows.append(charts.BarRow(name, {"on_spot": (share(on_spot, wins), words)}))
    figure = Figure("decided-teams", "Decided on the spot, per team", summary, table, extra={"share": overall})
    if rows:
        figure.chart = charts.bars(
            id="chart-decided-teams", title=figure.title, description=summary, rows=rows, series=[ON_THE_SPOT],
            top_value=100,
        )  # fmt: skip
    return figure


def _decided_trend(per_month, summary):
    table = Table("Decided on the spot, per month", ["Month", "Wins", "Decided on the spot", "Share (%)"])
    points = []
    for month, (wins, on_spot) in per_month.items():
        table.rows.append([f"{month:%Y-%m}", wins, on_spot, share(on_spot, wins)])
        points.append(share(on_spot, wins))
    figure = Figure("decided-trend", "The share decided on the spot, month by month", summary, table)
    if any(point is not None for point in points):
        figure.chart = charts.line(
            id="chart-decided-trend", title=figure.title, description=summary,
            categories=month_categories(per_month), points=points, series=ON_THE_SPOT,
        )  # fmt: skip
    if len(per_month) == 1:
        figure.notes.append("A trend needs more than one month: choose a quarter or a year.")
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
    return f"{first or ''} {last or ''}".strip() or username or "A former colleague"


COST_HEADER = ["Wins with a cost", "Total ({currency})", "Median per win ({currency})", "Wins over the budget"]


def _cost_rows(groups, *, budget, currency):
    """Chart rows and table rows for named cost groups [(name, group)]."""
    chart_rows, table_rows = [], []
    for name, group in groups:
        over_words = f" · {group['over']} over" if group["over"] else ""
        note = f"{plural(group['wins'], 'win')} · total {money(group['total'])}{over_words}"
        swap = {"median": OVER_BUDGET} if group["median"] > budget else {}
        words = money(group["median"]) + (" (over)" if swap else "")
        chart_rows.append(charts.BarRow(name, {"median": (group["median"], words)}, note=note, series_for=swap))
        table_rows.append([name, group["wins"], group["total"], group["median"], group["over"]])
    return chart_rows, table_rows


def cost_summary(overall, *, budget, currency):
    if not overall["wins"]:
        return "No win in this period records a cost."
    over = overall["over"]
    return (
        f"Making things right cost {money(overall['total'])} {currency} over {overall['wins']} wins with a cost: "
        f"a median of {money(overall['median'])} {currency} per win, against a budget of {money(budget)} {currency}. "
        + (f"{over} {'win' if over == 1 else 'wins'} went over it." if over else "None went over it.")
    )


def cost_figure(*, slug, title, caption, first_column, groups, summary, budget, currency, max_rows=None):
    """Median cost per win for each group, the budget drawn as a line."""
    chart_rows, table_rows = _cost_rows(groups, budget=budget, currency=currency)
    header = [first_column, *(column.format(currency=currency) for column in COST_HEADER)]
    figure = Figure(slug, title, summary, Table(caption, header, table_rows))
    if max_rows is not None and len(chart_rows) > max_rows:
        figure.notes.append(f"{len(chart_rows)} people: too many to draw at once. Choose a team, or read the table.")
    elif chart_rows:
        figure.chart = charts.bars(
            id=f"chart-{slug}", title=title, description=summary, rows=chart_rows, series=[WITHIN_BUDGET],
            reference=(budget, f"Budget {money(budget)} {currency}"),
        )  # fmt: skip
    return figure


def cost_teams_figure(rows, *, budget, currency):
    """Cost to make it right per team, and over all wins (`extra`: wins,
    total, over, median). `rows`: StoryQuerySet.cost_middles_by_team()."""
    rows = list(rows)
    overall = overall_cost(rows)
    groups = sorted(((_team_name(g["row"]), g) for g in cost_groups(rows, "team_id").values()), key=_by_team_name)
    figure = cost_figure(
        slug="cost-teams", title="Cost to make it right, per team", caption="Cost per team", first_column="Team",
        groups=groups, summary=cost_summary(overall, budget=budget, currency=currency), budget=budget,
        currency=currency,
    )  # fmt: skip
    median = overall["median"]
    figure.extra = {
        **overall,
        "total_words": money(overall["total"]),
        "median_words": "" if median is None else money(median),
    }
    return figure


def cost_people_figure(rows, *, budget, currency, max_people=40):
    """Cost to make it right per person credited (a win's cost counts for
    each of its heroes). `rows`: StoryQuerySet.cost_middles_by_person()."""
    people = cost_groups(rows, "person").values()
    groups = sorted(
        ((person_name(g["row"]["first_name"], g["row"]["last_name"], g["row"]["username"]), g) for g in people),
        key=lambda item: item[0].casefold(),
    )
    over = sum(1 for _, group in groups if group["median"] > budget)
    summary = (
        f"{len(groups)} people were credited on wins with a cost; "
        f"{over} of them have a median cost per win over the {money(budget)} {currency} budget."
        if groups
        else "No win in this period records a cost."
    )
    figure = cost_figure(
        slug="cost-people", title="Cost to make it right, per person", caption="Cost per person credited",
        first_column="Person", groups=groups, summary=summary, budget=budget, currency=currency,
        max_rows=max_people,
    )  # fmt: skip
    figure.notes.insert(0, "A win's cost counts for each hero it credits.")
    return figure


OVER_BUDGET_HEADER = ["Date", "Win", "Team", "Cost ({currency})", "Approved by a supervisor"]


def over_budget_table(wins, *, currency):
    """Wins that cost more than the budget; `wins` may be a lazy iterable of
    (happened_on, headline, team name, cost, needed_approval)."""
    header = [column.format(currency=currency) for column in OVER_BUDGET_HEADER]
    rows = ((day, headline, team or NO_TEAM, cost, approved) for day, headline, team, cost, approved in wins)
    return Table("Wins over the budget", header, rows)


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
    table = Table("Recognition per team", ["Team", *(one.label for one in series)])
    chart_rows = []
    for team in sorted(teams.values(), key=lambda team: _by_team_name((team["name"],))):
        counts = {key: team.get(key) or 0 for key in keys}
        table.rows.append([team["name"], *counts.values()])
        chart_rows.append(charts.BarRow(team["name"], {key: (count, str(count)) for key, count in counts.items()}))
    wins = sum(team["wins"] for team in teams.values())
    featured = sum(team["featured"] for team in teams.values())
    summary = (
        f"{wins} wins from {plural(len(teams), 'team')} credited their heroes; {featured} were featured."
        if wins
        else "No wins in this period."
    )
    figure = Figure("recognition", "Heroes credited, featured and cheered wins, per team", summary, table)
    if chart_rows:
        figure.chart = charts.bars(
            id="chart-recognition", title=figure.title, description=summary, rows=chart_rows, series=series
        )
    return figure


def customer_voice(figures):
    """The customer's voice in words, from `customer_voice_figures()`: the
    share of quotes the customer confirmed, their average rating (one decimal)."""
    average = figures["average_rating"]
    return {
        **figures,
        "confirmed_share": percent(share(figures["confirmed"], figures["quotes"])),
        "average_words": "–" if average is None else f"{Decimal(average).quantize(Decimal('0.1'), ROUND_HALF_UP)}",
    }
