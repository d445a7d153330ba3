"""Empowerment insight for managers (/insight/): what trusting the front line
achieves, in charts drawn on the server — wins by kind, the share decided
on the spot, the cost of making things right against the budget,
recognition per team, a gentle nudge list and the lessons from misses —
each with its table and a CSV download (/insight/<figure>.csv).

Managers only. The filters live in the address (team, period); a bad value
is explained with a 400. Each figure is one aggregate query; reading the
page writes nothing.
"""

import datetime
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..access import curator_required
from ..forms.insight import InsightFilterForm
from ..lib import insight, insight_costs
from ..lib.csv_safe import CSV_CONTENT_TYPE, csv_lines
from ..lib.periods import current_period
from ..models import Story

MANAGERS_ONLY = _("Empowerment insight is for managers.")
NUDGE_DAYS = 30
OVER_BUDGET_SHOWN = 50
LESSONS_SHOWN = 20
OVER_BUDGET_COLUMNS = ("happened_on", "headline", "team__name", "cost", "needed_approval")


def _budget():
    return {"budget": settings.WINSBOARD_EMPOWERMENT_BUDGET, "currency": settings.WINSBOARD_CURRENCY}


def _kinds(wins, months, rows=None):
    rows = wins.by_team_and_month() if rows is None else rows
    return insight.kinds_figure(rows, months=months, kinds=Story.Kind.values)


def _decided(wins, months, which):
    return insight.decided_figures(wins.by_team_and_month(), months=months)[which]


def _cost_teams(wins, months):
    return insight_costs.cost_teams_figure(
        wins.cost_middles_by_team(settings.WINSBOARD_EMPOWERMENT_BUDGET), **_budget()
    )


def _cost_people(wins, months):
    rows = wins.cost_middles_by_person(settings.WINSBOARD_EMPOWERMENT_BUDGET)
    return insight_costs.cost_people_figure(rows, **_budget())


def _recognition(wins, months, rows=None):
    rows = wins.by_team_and_month() if rows is None else rows
    return insight.recognition_figure(rows, wins.heroes_by_team())


def _over_budget(wins, months):
    rows = wins.over_budget_newest_first().values_list(*OVER_BUDGET_COLUMNS)
    return insight.Figure(
        "over-budget",
        gettext("Wins over the budget"),
        "",
        insight_costs.over_budget_table(rows.iterator(), currency=settings.WINSBOARD_CURRENCY),
    )


# One builder per downloadable figure: (the filtered wins, the months shown) → Figure.
FIGURES = {
    "kinds": _kinds,
    "decided-teams": partial(_decided, which=0),
    "decided-trend": partial(_decided, which=1),
    "cost-teams": _cost_teams,
    "cost-people": _cost_people,
    "over-budget": _over_budget,
    "recognition": _recognition,
}


def _filters(request):
    """(form, period, team, today); period and team are None when the form is invalid."""
    today = timezone.localdate()
    form = InsightFilterForm(request.GET, today=today)
    if not form.is_valid():
        return form, None, None, today
    return form, *form.filters(), today


def _bad_filters(request, form):
    return render(request, "stories/insight/insight.html", {"form": form, "invalid": True}, status=400)


def _shown_form(period, team, today):
    """The filters as they apply (From/To only for a custom range). The
    hidden date is today while the period holds it, so switching from this
    year to "Month" shows this month."""
    day = today if period.start <= today <= period.end else period.start
    initial = {"team": team, "period": period.kind, "date": day}
    if period.kind == "custom":
        initial.update(start=period.start, end=period.end)
    return InsightFilterForm(initial=initial)


def _query(period, team):
    return urlencode({**({"team": team.pk} if team else {}), **period.query()})


def _page_context(period, team, today):
    wins = Story.objects.for_insight(start=period.start, end=period.end, team=team)
    months = period.months(today)
    rows = list(wins.by_team_and_month())  # the kinds, decided and recognition figures share it
    decided_teams, decided_trend = insight.decided_figures(rows, months=months)
    cost_teams = _cost_teams(wins, months)
    since = timezone.now() - datetime.timedelta(days=NUDGE_DAYS)
    kinds = _kinds(wins, months, rows)
    return {
        "kinds": kinds,
        "decided_teams": decided_teams,
        "decided_trend": decided_trend,
        "cost_teams": cost_teams,
        "cost_people": _cost_people(wins, months),
        "recognition": _recognition(wins, months, rows),
        "over_budget": wins.over_budget_newest_first()[:OVER_BUDGET_SHOWN],
        "lessons": wins.lessons()[:LESSONS_SHOWN],
        "lessons_count": kinds.extra["totals"]["learned"],
        "quiet_teams": Story.objects.quiet_teams(since=since, team=team),
        "quiet_people": insight.quiet_people(Story.objects.quiet_people(since=since, team=team)),
        "nudge_days": NUDGE_DAYS,
        "voice": insight.customer_voice(wins.customer_voice_figures()),
    }


def _navigation(period, team, today):
    around = {"previous": period.previous(), "next": period.next()}
    links = {name: (one, _query(one, team)) for name, one in around.items() if one is not None}
    current = current_period(period, today)
    if current is not None:
        links["current"] = (current, _query(current, team))
    return links


@require_safe
@curator_required(refusal=MANAGERS_ONLY)
def insight_page(request):
    form, period, team, today = _filters(request)
    if period is None:
        return _bad_filters(request, form)
    context = {
        "form": _shown_form(period, team, today),
        "period": period,
        "team": team,
        "query": _query(period, team),
        "navigation": _navigation(period, team, today),
        **_page_context(period, team, today),
    }
    return render(request, "stories/insight/insight.html", context)


@require_safe
@curator_required(refusal=MANAGERS_ONLY)
def insight_csv(request, figure):
    """One figure's numbers as CSV (UTF-8 with BOM, formula-safe), streamed."""
    if figure not in FIGURES:
        raise Http404("No such figure.")
    form, period, team, today = _filters(request)
    if period is None:
        return _bad_filters(request, form)
    table = FIGURES[figure](
        Story.objects.for_insight(start=period.start, end=period.end, team=team), period.months(today)
    ).table
    response = StreamingHttpResponse(csv_lines(table.header, table.rows), content_type=CSV_CONTENT_TYPE)
    name = f"winsboard-{figure}-{period.slug}{f'-team-{team.pk}' if team else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
