"""Reading a people CSV (/manage/people/import/): columns
`name,email,team,role,employee_id,status`, a header required (`email`,
`employee_id`, `role`, `status` optional). Pure: bytes in, rows and
problems (each with its line number) out.

Accepted: UTF-8 with or without Excel's byte-order mark, `,` or `;`
between cells, Windows or Unix line endings. Refused as a whole, with a
message: another encoding, a binary file, a broken CSV, more than MAX_ROWS
rows. A cell the export neutralised (`'=…`, stories.lib.csv_safe) is read
back as written; a cell a spreadsheet would run as a formula is a problem.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import number_format
from django.utils.translation import gettext

from .csv_safe import FORMULA_STARTS

MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
COLUMNS = ("name", "email", "team", "role", "employee_id", "status")
REQUIRED = {"name", "team"}
ROLES = {"employee", "manager"}
STATUSES = {"active", "left"}
LIMITS = {"name": 80, "email": 254, "team": 80, "employee_id": 40, "role": 20, "status": 20}


class CsvRefused(ValueError):
    """The file as a whole can't be read: `str(error)` says why, for people."""


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    email: str  # lower-cased, "" when none
    team: str
    role: str  # "" (unchanged, or employee when new), "employee", "manager"
    employee_id: str
    status: str  # "" or "active" or "left"


@dataclass
class Parsed:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (line, message)


def _text(data):
    if b"\x00" in data[:MAX_BYTES]:
        raise CsvRefused(
            gettext("This is not a CSV file (it holds binary data). Save the sheet as “CSV UTF-8” and try again.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvRefused(
            gettext("This file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)” and try again.")
        ) from None


def _cell(raw):
    value = raw.strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:], False  # neutralised by our export (or by hand): plain text
    return value, value.startswith(("=", "+", "@"))


def _check(line, values, parsed):
    """The problems of one row (appended to `parsed.problems`); True when fine."""
    before = len(parsed.problems)
    for column, value in values.items():
        if len(value) > LIMITS[column]:
            # Translators: a problem on one line of a people file; %(column)s is a column's name (e.g. email).
            problem = gettext("the %(column)s is longer than %(limit)s characters")
            parsed.problems.append((line, problem % {"column": column, "limit": LIMITS[column]}))
    if not values["name"]:
        parsed.problems.append((line, gettext("the name is empty")))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            parsed.problems.append(
                (line, gettext("“%(email)s” is not an e-mail address") % {"email": values["email"][:80]})
            )
    if values["role"] and values["role"] not in ROLES:
        # Translators: "employee" and "manager" are the words the file must use: keep them in English.
        problem = gettext("unknown role “%(role)s” (employee or manager)") % {"role": values["role"][:20]}
        parsed.problems.append((line, problem))
    if values["status"] and values["status"] not in STATUSES:
        # Translators: "active" and "left" are the words the file must use: keep them in English.
        problem = gettext("unknown status “%(status)s” (active or left)") % {"status": values["status"][:20]}
        parsed.problems.append((line, problem))
    return len(parsed.problems) == before


def _header(reader):
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise CsvRefused(gettext("The file is empty.")) from None
    missing = sorted(REQUIRED - set(header))
    unknown = sorted(set(header) - set(COLUMNS))
    if missing or unknown or len(set(header)) != len(header):
        if missing:
            # Translators: keep the column names (name,email,team…) as they are: the file must use them.
            message = gettext(
                "The first line must name the columns: name,email,team,role,employee_id,status "
                "(name and team required; missing: %(missing)s)."
            )
            raise CsvRefused(message % {"missing": ", ".join(missing)})
        # Translators: keep the column names (name,email,team…) as they are: the file must use them.
        raise CsvRefused(
            gettext(
                "The first line must name the columns: name,email,team,role,employee_id,status "
                "(name and team required; unknown or repeated columns)."
            )
        )
    return header


def _duplicates(parsed):
    """A second row with the same e-mail or employee number is a problem (the first one counts)."""
    seen, kept = {}, []
    for row in parsed.rows:
        keys = [("e-mail", row.email.lower())] if row.email else []
        keys += [("employee number", row.employee_id)] if row.employee_id else []
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            problem = gettext("a duplicate in the file: the same person as line %(line)s") % {"line": first}
            parsed.problems.append((row.line, problem))
            continue
        seen.update({key: row.line for key in keys})
        kept.append(row)
    parsed.rows = kept


def parse_people_csv(data):
    """`data` (bytes) → Parsed; raises CsvRefused for a file that can't be read at all."""
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise CsvRefused(gettext("The file is over %(limit)s MB: split it and import each part.") % {"limit": limit})
    text = _text(data)
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect)
    parsed = Parsed()
    try:
        header = _header(reader)
        for cells in reader:
            if reader.line_num - 1 > MAX_ROWS:
                limit = number_format(MAX_ROWS, force_grouping=True)
                raise CsvRefused(
                    gettext("The file has more than %(limit)s rows: split it and import each part.") % {"limit": limit}
                )
            _read_row(reader.line_num, header, cells, parsed)
    except csv.Error as error:
        values = {"line": reader.line_num, "error": error}
        raise CsvRefused(gettext("Line %(line)s can't be read as CSV (%(error)s).") % values) from None
    _duplicates(parsed)
    parsed.problems.sort()
    return parsed


def _read_row(line, header, cells, parsed):
    if not any(cell.strip() for cell in cells):
        return  # blank lines are skipped
    if len(cells) > len(header):
        values = {"count": len(cells), "header": len(header)}
        parsed.problems.append((line, gettext("%(count)s cells where the header names %(header)s") % values))
        return
    cells = [*cells, *[""] * (len(header) - len(cells))]
    values, formulas = {column: "" for column in COLUMNS}, []
    for column, raw in zip(header, cells, strict=True):
        values[column], formula = _cell(raw)
        if formula:
            formulas.append(column)
    values["email"], values["role"], values["status"] = (
        values["email"].lower(),
        values["role"].lower(),
        values["status"].lower(),
    )
    for column in formulas:
        parsed.problems.append((line, gettext("the %(column)s looks like a spreadsheet formula") % {"column": column}))
    if _check(line, values, parsed) and not formulas:
        parsed.rows.append(Row(line=line, **values))
