"""Charts as SVG geometry, worked out on the server: plain data (rectangles,
lines, texts, patterns) that `stories/insight/_chart.html` draws. Pure: no
requests, no models, no templates.

Three shapes cover the insight page: stacked columns (wins per month by
kind), horizontal bars with an optional reference line (shares, costs
against the budget, recognition per team) and a line (a share's trend).

Readable by everyone:
- every series has a colour *and* a pattern (solid, stripes, dots, bars),
  values are written on the chart, and a table carries the same numbers;
- every colour is dark enough against the white background (3:1 for
  graphics, and 4.5:1 for the white numbers written on bars) — see
  `contrast_ratio` and the tests;
- a fixed `viewBox` 380 units wide scales to a phone (≈ 360 px: text
  stays at ~11 px or more) and a desktop column alike.
"""

import math
from dataclasses import dataclass, field

WIDTH = 380
FONT = 14
SMALL = 12
TEXT = "#212529"  # 15.4:1 on white
MUTED = "#495057"  # 8.6:1 on white
GRID = "#dee2e6"  # decoration only
AXIS = "#6c757d"  # 4.7:1 on white
WHITE = "#ffffff"
TRACK = "#f1f3f5"  # behind a bar: decoration only


@dataclass(frozen=True)
class Series:
    """One kind of value: its name, colour and pattern ("solid", "stripes",
    "dots", "bars" or "grid")."""

    key: str
    label: str
    colour: str
    pattern: str = "solid"


@dataclass
class Chart:
    """What the template draws. Coordinates are in viewBox units."""

    id: str
    title: str
    description: str
    height: float = 0
    width: int = WIDTH
    series: list = field(default_factory=list)
    rects: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    polylines: list = field(default_factory=list)
    circles: list = field(default_factory=list)

    def pattern_id(self, series):
        return f"{self.id}-{series.key}"

    @property
    def patterns(self):
        return [{"id": self.pattern_id(one), "colour": one.colour, "kind": one.pattern} for one in self.series]

    def fill(self, series):
        return f"url(#{self.pattern_id(series)})"

    def rect(self, x, y, width, height, fill, stroke=None):
        self.rects.append(
            {"x": _r(x), "y": _r(y), "w": _r(max(width, 0)), "h": _r(max(height, 0)), "fill": fill, "stroke": stroke}
        )

    def line(self, x1, y1, x2, y2, colour, width=1, kind=""):
        """`kind`: a class for the line ("reference" for a budget mark)."""
        self.lines.append(
            {"x1": _r(x1), "y1": _r(y1), "x2": _r(x2), "y2": _r(y2), "colour": colour, "width": width, "kind": kind}
        )

    def text(self, x, y, words, *, anchor="start", colour=TEXT, size=FONT, bold=False, halo=None, note=""):
        """`halo`: a colour drawn around the letters (white numbers on a
        patterned bar stay readable); `note`: smaller, lighter words after them."""
        self.texts.append(
            {
                "x": _r(x),
                "y": _r(y),
                "text": words,
                "anchor": anchor,
                "colour": colour,
                "size": size,
                "bold": bold,
                "halo": halo,
                "note": note,
                "note_size": SMALL,
                "note_colour": MUTED,
            }
        )


def _r(value):
    """Coordinates with one decimal: exact enough, and short markup."""
    return round(float(value), 1)


def text_width(words, size=FONT, *, bold=False):
    """About how wide `words` are (a sans-serif letter averages 0.58 em, a
    bold one 0.64 em)."""
    return len(str(words)) * size * (0.64 if bold else 0.58)


def _label_every(categories, slot, max_labels):
    """Write every n-th category label: at most `max_labels`, and never two
    touching (month names are longer in some languages: "septembre")."""
    widest = max((text_width(label, SMALL) for label, _sub in categories), default=0)
    return max(math.ceil(len(categories) / max_labels), math.ceil((widest + 6) / slot), 1)


def shorten(words, limit):
    words = str(words)
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def nice_max(value, ticks=4):
    """A round top for an axis at or above `value`, and the step between its
    `ticks` gridlines: 7 → (8, 2), 130 → (150, 50), 0 → (4, 1)."""
    if value <= 0:
        return ticks, 1
    raw = value / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step >= 1:
        step = int(step) if float(step).is_integer() else step
    else:
        step = 1  # counts and money: no gridlines between whole numbers below 1
    return step * math.ceil(value / step), step


# --- stacked columns -------------------------------------------------------------------

COLUMNS_HEIGHT = 250


def stacked_columns(*, id, title, description, categories, series, values, max_labels=12):
    """Columns side by side, each a stack of `series` (bottom first).

    `categories`: [(label, sublabel)] along the bottom — e.g. ("Mar", "2026"),
    the sublabel shown where it changes; `values[key]`: one number per
    category. A column's total is written above it, a segment's value inside
    it when there is room; at most `max_labels` category labels are written.
    """
    chart = Chart(id=id, title=title, description=description, height=COLUMNS_HEIGHT, series=list(series))
    left, right, top, bottom = 34, 6, 20, 38
    plot_w, plot_h = WIDTH - left - right, COLUMNS_HEIGHT - top - bottom
    totals = [sum(values[one.key][i] for one in series) for i in range(len(categories))]
    top_value, step = nice_max(max(totals, default=0))
    _value_axis(chart, left, top, plot_w, plot_h, top_value, step)
    slot = plot_w / max(len(categories), 1)
    bar = min(slot * 0.72, 40)
    every = _label_every(categories, slot, max_labels)
    previous_sub = None
    for i, (label, sub) in enumerate(categories):
        x = left + slot * i + (slot - bar) / 2
        base = top + plot_h
        for one in series:
            value = values[one.key][i]
            height = plot_h * value / top_value
            if value:
                chart.rect(x, base - height, bar, height, chart.fill(one), stroke=WHITE)
                if height >= FONT + 3 and bar >= text_width(value, SMALL) + 4:
                    chart.text(
                        x + bar / 2,
                        base - height / 2 + SMALL * 0.35,
                        value,
                        anchor="middle",
                        colour=WHITE,
                        size=SMALL,
                        bold=True,
                        halo=one.colour,
                    )
            base -= height
        if totals[i] and len(categories) <= 24:
            chart.text(x + bar / 2, base - 4, totals[i], anchor="middle", size=SMALL, bold=True)
        centre = left + slot * i + slot / 2
        if i % every == 0:
            chart.text(centre, top + plot_h + 15, label, anchor="middle", size=SMALL, colour=MUTED)
        if sub != previous_sub:
            chart.text(left + slot * i + 2, top + plot_h + 31, sub, size=SMALL, colour=MUTED, bold=True)
            if previous_sub is not None:
                chart.line(left + slot * i, top + plot_h, left + slot * i, top + plot_h + 33, AXIS)
            previous_sub = sub
    return chart


def _value_axis(chart, left, top, plot_w, plot_h, top_value, step, suffix=""):
    """Horizontal gridlines with their values on the left, and the baseline."""
    value = 0
    while value <= top_value + 1e-9:
        y = top + plot_h - plot_h * value / top_value
        chart.line(left, y, left + plot_w, y, AXIS if value == 0 else GRID)
        shown = int(value) if float(value).is_integer() else value
        chart.text(left - 5, y + SMALL * 0.35, f"{shown}{suffix}", anchor="end", size=SMALL, colour=MUTED)
        value += step


# --- a line ----------------------------------------------------------------------------

LINE_HEIGHT = 220


def line(*, id, title, description, categories, points, series, top_value=100, step=25, suffix="%", max_labels=12):
    """One series as a line through `points` (one value or None per
    category; None leaves a gap), each point marked and — when there are at
    most `max_labels` — its value written above it."""
    chart = Chart(id=id, title=title, description=description, height=LINE_HEIGHT, series=[series])
    left, right, top, bottom = 40, 14, 22, 38
    plot_w, plot_h = WIDTH - left - right, LINE_HEIGHT - top - bottom
    _value_axis(chart, left, top, plot_w, plot_h, top_value, step, suffix)
    slot = plot_w / max(len(categories), 1)
    every = _label_every(categories, slot, max_labels)
    run, previous_sub, last_label = [], None, None
    for i, ((label, sub), value) in enumerate(zip(categories, points, strict=True)):
        x = left + slot * i + slot / 2
        if value is None:
            _end_run(chart, run, series)
            run = []
        else:
            y = top + plot_h - plot_h * min(value, top_value) / top_value
            run.append((x, y))
            chart.circles.append({"x": _r(x), "y": _r(y), "r": 4, "fill": series.colour})
            if len(categories) <= max_labels:
                words = f"{value:.0f}{suffix}"
                # Under the point when the label above the last one would touch it.
                crowded = last_label is not None and x - last_label < text_width(words, SMALL, bold=True) + 8
                below = crowded and y + 20 <= top + plot_h
                chart.text(x, y + 18 if below else y - 9, words, anchor="middle", size=SMALL, bold=True)
                last_label = None if below else x
        if i % every == 0:
            chart.text(x, top + plot_h + 15, label, anchor="middle", size=SMALL, colour=MUTED)
        if sub != previous_sub:
            chart.text(left + slot * i + 2, top + plot_h + 31, sub, size=SMALL, colour=MUTED, bold=True)
            previous_sub = sub
    _end_run(chart, run, series)
    return chart


def _end_run(chart, run, series):
    if len(run) > 1:
        chart.polylines.append({"points": " ".join(f"{_r(x)},{_r(y)}" for x, y in run), "colour": series.colour})


# --- horizontal bars -------------------------------------------------------------------

BAR = 16
BAR_GAP = 3
LABEL_ROOM = 110  # right of the longest bar, for its value


@dataclass(frozen=True)
class BarRow:
    """One category: its name, a note after it (lighter), and per series key
    its (value, text written at the bar's end); `series_for` swaps a series
    for this row (e.g. over budget)."""

    label: str
    values: dict
    note: str = ""
    series_for: dict = field(default_factory=dict)


def bars(*, id, title, description, rows, series, top_value=None, reference=None):
    """Horizontal bars, a group per row (one bar per series), the row's name
    above its bars. `reference`: (value, label) marked by a line
    through every row's bars (e.g. the budget). `top_value` fixes the scale's end
    (100 for shares); otherwise the largest value (or the reference) sets it."""
    chart = Chart(id=id, title=title, description=description, series=list(series))
    plot_w = WIDTH - LABEL_ROOM
    largest = max((value for row in rows for value, _ in row.values.values()), default=0)
    scale_end = top_value or max(largest, reference[0] if reference else 0) or 1
    extra = dict.fromkeys(one for row in rows for one in row.series_for.values())
    chart.series += [one for one in extra if one not in chart.series]
    y, spans = (22 if reference else 4), []
    for row in rows:
        label = shorten(row.label, 36)
        together = text_width(label, bold=True) + 6 + text_width(row.note, SMALL) <= WIDTH
        chart.text(0, y + FONT, label, bold=True, note=row.note if together else "")
        if row.note and not together:  # on a line of its own
            y += FONT + 2
            chart.text(0, y + SMALL, row.note, size=SMALL, colour=MUTED)
        y += FONT + 6
        spans.append([y - 3, 0])
        for one in series:
            value, words = row.values[one.key]
            _bar(chart, y, plot_w * float(value or 0) / float(scale_end), words, row.series_for.get(one.key, one))
            y += BAR + BAR_GAP
        spans[-1][1] = y
        y += 10
    if reference:
        x = plot_w * float(reference[0]) / float(scale_end)
        for top, bottom in spans:  # a mark through each row's bars, not across the names
            chart.line(x, top - 1, x, bottom + 1, TEXT, width=2.5, kind="reference")
        anchor = "end" if x > WIDTH / 2 else "start"
        chart.text(x + (-4 if anchor == "end" else 4), 12, reference[1], anchor=anchor, size=SMALL, bold=True)
    chart.height = y
    return chart


def _bar(chart, y, width, words, series):
    """A bar on its light track, its value written after it — or inside
    its end, in white, when it would run out of the chart."""
    plot_w = WIDTH - LABEL_ROOM
    width = min(width, plot_w)
    chart.rect(0, y, plot_w, BAR, TRACK)
    chart.rect(0, y, width, BAR, chart.fill(series))
    if width + 5 + text_width(words, SMALL, bold=True) <= WIDTH:
        chart.text(width + 5, y + BAR - 4, words, size=SMALL, bold=True)
    else:
        chart.text(width - 5, y + BAR - 4, words, anchor="end", size=SMALL, bold=True, colour=WHITE, halo=series.colour)


# --- colour contrast (WCAG 2.x) --------------------------------------------------------


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour):
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(one, other):
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
