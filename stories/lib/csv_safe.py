"""CSV that spreadsheets open safely: UTF-8 with a byte-order mark (so Excel
reads accented names and emoji right), no cell that a spreadsheet would run
as a formula, and produced row by row so a streamed response never holds the
whole file. Pure: it turns rows into lines; a view streams them.

Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, a
tab or a carriage return can be run as a formula by Excel, LibreOffice or
Google Sheets (e.g. `=HYPERLINK(…)` typed into a headline). Such text cells
get a leading apostrophe, which spreadsheets show as plain text (OWASP's
advice). Numbers are written as numbers and never need it.

    StreamingHttpResponse(csv_lines(["Team", "Wins"], rows), content_type=CSV_CONTENT_TYPE)
"""

import csv
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import pgettext

BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value as the text of one cell, neutralised if a spreadsheet could
    read it as a formula. None is an empty cell; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            pgettext("a yes/no cell in a CSV file", "yes") if value else pgettext("a yes/no cell in a CSV file", "no")
        )
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """What csv.writer writes to: it hands back each line instead of storing it."""

    def write(self, line):
        return line


def csv_lines(header, rows):
    """The CSV text, a line at a time (the first starts with the BOM). `rows`
    may be any iterable, e.g. a queryset's iterator(): nothing is read before
    it is written."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def stream_csv(header, rows):
    """The same lines as UTF-8 bytes, for a StreamingHttpResponse."""
    for line in csv_lines(header, rows):
        yield line.encode()
