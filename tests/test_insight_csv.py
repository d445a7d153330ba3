"""Each insight figure downloads as CSV: streamed, UTF-8 with a byte-order
mark (Excel reads accents right), and safe to open — a cell a spreadsheet
would run as a formula is neutralised with a leading apostrophe."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse

from stories.lib.csv_safe import BOM, csv_lines, safe_cell
from stories.models import Team

pytestmark = pytest.mark.django_db


# --- the writer (stories/lib/csv_safe.py) -------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'),
        ("+44 20 7946 0958", "'+44 20 7946 0958"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("A guest = happy", "A guest = happy"),
        ("Café ☕ 😀", "Café ☕ 😀"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(typed, written):
    assert safe_cell(typed) == written


def test_numbers_dates_yes_no_and_blanks_are_written_as_themselves():
    assert safe_cell(12) == "12"
    assert safe_cell(Decimal("-3.50")) == "-3.50"  # a number, not text a spreadsheet could run
    assert safe_cell(66.7) == "66.7"
    assert safe_cell(datetime.date(2026, 2, 5)) == "2026-02-05"
    assert safe_cell(True) == "yes" and safe_cell(False) == "no"
    assert safe_cell(None) == ""


def test_the_lines_start_with_a_bom_and_quote_what_needs_quoting():
    lines = list(csv_lines(["Team", "Note"], [("Front, desk", 'He said "wow"\nthen left'), ("=cmd", 3)]))
    assert lines[0] == BOM + "Team,Note\r\n"
    assert lines[0].encode("utf-8").startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO("".join(lines).removeprefix(BOM))))
    assert parsed == [["Team", "Note"], ["Front, desk", 'He said "wow"\nthen left'], ["'=cmd", "3"]]


def test_rows_are_read_only_as_they_are_written():
    """A lazy iterable (a queryset's iterator) is not read ahead."""
    read = []

    def rows():
        for number in range(3):
            read.append(number)
            yield [number]

    lines = csv_lines(["n"], rows())
    next(lines)
    assert read == []
    next(lines)
    assert read == [0]


# --- the downloads ------------------------------------------------------------


def download(client, figure, **params):
    response = client.get(f"/insight/{figure}.csv", params)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_a_download_is_streamed_utf8_csv_with_a_bom_and_a_file_name(manager_client, make_story, team):
    story = make_story(team=team, headline="Café crème for a guest", cost=Decimal("2500"))
    response, body = download(manager_client, "over-budget", period="month", date=story.happened_on)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    month = story.happened_on.strftime("%Y-%m")
    assert response["Content-Disposition"] == f'attachment; filename="winsboard-over-budget-{month}.csv"'
    assert body.startswith(b"\xef\xbb\xbfDate,Win,Team,")
    assert "Café crème for a guest" in body.decode("utf-8")


def test_a_file_name_says_the_team_and_period_but_never_the_teams_name(manager_client):
    team = Team.objects.create(name='Evil"; filename="x.exe')
    response, _ = download(manager_client, "kinds", team=team.pk, period="quarter", date="2025-05-01")
    assert response["Content-Disposition"] == f'attachment; filename="winsboard-kinds-2025-q2-team-{team.pk}.csv"'


def test_formulas_typed_into_headlines_and_names_arrive_as_text(manager_client, make_story, employee):
    evil = Team.objects.create(name='=HYPERLINK("http://evil.example")')
    employee.first_name, employee.last_name = "@Attacker", "+1"
    employee.save()
    make_story(team=evil, headline="-2+3 =cmd|' /C calc'!A0", cost=Decimal("3000"))
    _, over = download(manager_client, "over-budget")
    row = list(csv.reader(io.StringIO(over.decode("utf-8-sig"))))[1]
    assert row[1:4] == ["'-2+3 =cmd|' /C calc'!A0", '\'=HYPERLINK("http://evil.example")', "3000.00"]
    _, people = download(manager_client, "cost-people")
    assert list(csv.reader(io.StringIO(people.decode("utf-8-sig"))))[1][0] == "'@Attacker +1"
    for figure in ["kinds", "decided-teams", "cost-teams", "recognition"]:
        _, body = download(manager_client, figure)
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), (figure, row)
