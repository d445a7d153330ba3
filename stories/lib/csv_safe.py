"""CSV that spreadsheets open safely: UTF-8 with a byte-order mark (so Excel
reads accents and emoji right), and no cell that a spreadsheet would run as
a formula. Pure: it turns rows into text lines; a view streams them.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
"neutralised" with a leading apostrophe (OWASP's advice against CSV
injection): `=HYPERLINK(…)` typed into a headline arrives as the text
`'=HYPERLINK(…)`. Numbers (int, Decimal, float) are written as numbers.

    lines = csv_lines(["Team", "Wins"], [("Front desk", 12)])
    StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
"""

import csv
import datetime
from decimal import Decimal

BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The text a spreadsheet shows for `value`, never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """What csv.writer writes to: it hands back each line instead of storing it."""

    def write(self, line):
        return line


def csv_lines(header, rows):
    """The CSV text, a line at a time (the first starts with the BOM), for a
    streaming response. `rows` may be any iterable, e.g. a queryset's
    iterator(): nothing is read before it is written."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
