"""Empowerment insight's cost figures, the pure part: what making things
right cost per team and per person credited, against the budget drawn as a
line, and the table of wins over the budget (`stories.lib.insight` holds
the figures' parts and the other figures)."""

from django.utils.translation import gettext, ngettext, pgettext

from . import charts
from .insight import (
    NO_TEAM,
    OVER_BUDGET,
    WITHIN_BUDGET,
    Figure,
    Table,
    _by_team_name,
    _team_name,
    cost_groups,
    money,
    overall_cost,
    person_name,
)


def _cost_header(first_column, currency):
    values = {"currency": currency}
    return [
        first_column,
        gettext("Wins with a cost"),
        # Translators: a table's column; %(currency)s is a currency code such as EUR.
        gettext("Total (%(currency)s)") % values,
        gettext("Median per win (%(currency)s)") % values,
        gettext("Wins over the budget"),
    ]


def _cost_rows(groups, *, budget, currency):
    """Chart rows and table rows for named cost groups [(name, group)]."""
    chart_rows, table_rows = [], []
    for name, group in groups:
        values = {"count": group["wins"], "total": money(group["total"]), "over": group["over"]}
        if group["over"]:
            # Translators: under a bar: wins with a cost, their total cost, how many went over the budget.
            note = ngettext(
                "%(count)s win · total %(total)s · %(over)s over",
                "%(count)s wins · total %(total)s · %(over)s over",
                group["wins"],
            )
        else:
            note = ngettext("%(count)s win · total %(total)s", "%(count)s wins · total %(total)s", group["wins"])
        swap = {"median": OVER_BUDGET} if group["median"] > budget else {}
        median = money(group["median"])
        # Translators: on a bar: a median cost that is over the budget, e.g. "85 (over)".
        words = gettext("%(amount)s (over)") % {"amount": median} if swap else median
        chart_rows.append(
            charts.BarRow(name, {"median": (group["median"], words)}, note=note % values, series_for=swap)
        )
        table_rows.append([name, group["wins"], group["total"], group["median"], group["over"]])
    return chart_rows, table_rows


def cost_summary(overall, *, budget, currency):
    if not overall["wins"]:
        return gettext("No win in this period records a cost.")
    over = overall["over"]
    values = {
        "total": money(overall["total"]),
        "count": overall["wins"],
        "median": money(overall["median"]),
        "budget": money(budget),
        "currency": currency,
        "over": over,
    }
    cost = ngettext(
        "Making things right cost %(total)s %(currency)s over %(count)s win with a cost: "
        "a median of %(median)s %(currency)s per win, against a budget of %(budget)s %(currency)s.",
        "Making things right cost %(total)s %(currency)s over %(count)s wins with a cost: "
        "a median of %(median)s %(currency)s per win, against a budget of %(budget)s %(currency)s.",
        overall["wins"],
    )
    went_over = ngettext("%(over)s win went over it.", "%(over)s wins went over it.", over) if over else None
    # Translators: two sentences about costs: what they cost, then how many went over the budget.
    return gettext("%(cost)s %(over)s") % {
        "cost": cost % values,
        "over": went_over % values if over else gettext("None went over it."),
    }


def cost_figure(*, slug, title, caption, first_column, groups, summary, budget, currency, max_rows=None):
    """Median cost per win for each group, the budget drawn as a line."""
    chart_rows, table_rows = _cost_rows(groups, budget=budget, currency=currency)
    figure = Figure(slug, title, summary, Table(caption, _cost_header(first_column, currency), table_rows))
    if max_rows is not None and len(chart_rows) > max_rows:
        figure.notes.append(
            gettext("%(count)s people: too many to draw at once. Choose a team, or read the table.")
            % {"count": len(chart_rows)}
        )
    elif chart_rows:
        budget_words = gettext("Budget %(amount)s %(currency)s") % {"amount": money(budget), "currency": currency}
        figure.chart = charts.bars(
            id=f"chart-{slug}", title=title, description=summary, rows=chart_rows, series=[WITHIN_BUDGET],
            reference=(budget, budget_words),
        )  # fmt: skip
    return figure


def cost_teams_figure(rows, *, budget, currency):
    """Cost to make it right per team, and over all wins (`extra`: wins,
    total, over, median). `rows`: StoryQuerySet.cost_middles_by_team()."""
    rows = list(rows)
    overall = overall_cost(rows)
    groups = sorted(((_team_name(g["row"]), g) for g in cost_groups(rows, "team_id").values()), key=_by_team_name)
    figure = cost_figure(
        slug="cost-teams", title=gettext("Cost to make it right, per team"), caption=gettext("Cost per team"),
        first_column=pgettext("a table's column", "Team"), groups=groups,
        summary=cost_summary(overall, budget=budget, currency=currency), budget=budget, currency=currency,
    )  # fmt: skip
    median = overall["median"]
    figure.extra = {
        **overall,
        "total_words": money(overall["total"]),
        "median_words": "" if median is None else money(median),
    }
    return figure


def _people_summary(groups, over, *, budget, currency):
    if not groups:
        return gettext("No win in this period records a cost.")
    # Translators: %(over)s is how many of the people credited; %(budget)s an amount.
    words = ngettext(
        "%(count)s person was credited on wins with a cost; "
        "%(over)s of them have a median cost per win over the %(budget)s %(currency)s budget.",
        "%(count)s people were credited on wins with a cost; "
        "%(over)s of them have a median cost per win over the %(budget)s %(currency)s budget.",
        len(groups),
    )
    return words % {"count": len(groups), "over": over, "budget": money(budget), "currency": currency}


def cost_people_figure(rows, *, budget, currency, max_people=40):
    """Cost to make it right per person credited (a win's cost counts for
    each of its heroes). `rows`: StoryQuerySet.cost_middles_by_person()."""
    people = cost_groups(rows, "person").values()
    groups = sorted(
        ((person_name(g["row"]["first_name"], g["row"]["last_name"], g["row"]["username"]), g) for g in people),
        key=lambda item: item[0].casefold(),
    )
    over = sum(1 for _, group in groups if group["median"] > budget)
    figure = cost_figure(
        slug="cost-people", title=gettext("Cost to make it right, per person"),
        caption=gettext("Cost per person credited"), first_column=pgettext("a table's column", "Person"),
        groups=groups, summary=_people_summary(groups, over, budget=budget, currency=currency), budget=budget,
        currency=currency, max_rows=max_people,
    )  # fmt: skip
    figure.notes.insert(0, gettext("A win's cost counts for each hero it credits."))
    return figure


def over_budget_table(wins, *, currency):
    """Wins that cost more than the budget; `wins` may be a lazy iterable of
    (happened_on, headline, team name, cost, needed_approval)."""
    header = [
        pgettext("a table's column", "Date"),
        pgettext("a table's column", "Win"),
        pgettext("a table's column", "Team"),
        gettext("Cost (%(currency)s)") % {"currency": currency},
        gettext("Approved by a supervisor"),
    ]
    no_team = str(NO_TEAM)
    rows = ((day, headline, team or no_team, cost, approved) for day, headline, team, cost, approved in wins)
    return Table(gettext("Wins over the budget"), header, rows)
