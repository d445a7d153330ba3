"""CSV for spreadsheets: cells that cannot run as formulas, UTF-8 with a
byte-order mark (so Excel reads accented names right), produced row by row
so that a streamed response never holds the whole file.

Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, a
tab or a carriage return can be run as a formula by Excel, LibreOffice or
Google Sheets (e.g. `=HYPERLINK(…)` in a headline). Such text cells get a
leading apostrophe, which spreadsheets show as plain text (OWASP's advice).
Numbers are written as numbers and never need it.
"""

import csv
from datetime import date, datetime
from decimal import Decimal

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value as the text of one cell, neutralised if a spreadsheet could
    read it as a formula. None is an empty cell; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() returns what was written (csv.writer
    writes one row at a time into it)."""

    def write(self, text):
        return text


def stream_csv(header, rows):
    """The CSV file as a generator of UTF-8 bytes: the byte-order mark and
    the header first, then one chunk per row, each cell made safe. `rows` is
    consumed lazily, one row at a time."""
    writer = csv.writer(_Line())
    yield (BOM + writer.writerow([safe_cell(cell) for cell in header])).encode()
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row]).encode()
