"""The CSV export (/manage/export.csv): managers only, the feed's filters,
streamed row by row, safe against spreadsheet formula injection, UTF-8 with
a byte-order mark."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from stories import services
from stories.lib.csv_safe import BOM, safe_cell, stream_csv
from stories.models import Story, Team
from stories.views.export import CHUNK, HEADER
from tests.helpers.people import client_for
from tests.helpers.queries import captured_queries
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db


def rows_of(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(BOM.encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_employees_may_not_export(employee_client, story):
    assert employee_client.get("/manage/export.csv").status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    assert client.get("/manage/export.csv").status_code == 302


def test_managers_get_every_column_of_every_published_win(
    manager_client, manager, employee, other_employee, make_story
):
    team = Team.objects.create(name="Concierge")
    story = make_story(
        headline="Saved the day",
        heroes=[employee, other_employee],
        team=team,
        kind="creative",
        cost="2500.00",
        needed_approval=True,
    )
    services.tag_add(story=story, name="Kindness", by=manager)
    services.story_feature(story=story, by=manager)
    services.cheer_set(story=story, user=manager, on=True)
    services.comment_create(story=story, author=manager, body="Well done!")
    hidden = services.comment_create(story=story, author=employee, body="Oops")
    services.comment_hide(comment=hidden, by=manager, reason="Off topic")
    response = manager_client.get("/manage/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="winsboard-wins-' in response["Content-Disposition"]
    header, row = rows_of(response)
    assert header == HEADER
    assert dict(zip(header, row, strict=True)) == {
        "Date": story.happened_on.isoformat(),
        "Team": "Concierge",
        "Kind of win": "Creative idea",
        "Headline": "Saved the day",
        "Heroes": "Erin Employee; Oscar Other",
        "Author": "Erin Employee",
        "Decided": "Needed approval",
        "Cost to make it right": "2500.00",
        "Currency": "USD",
        "Over budget": "yes",
        "Featured": "yes",
        "Tags": "Kindness",
        "Cheers": "1",
        "Comments": "1",  # the hidden one isn't counted
        "Link": f"http://testserver/wins/{story.pk}/",
    }


def test_the_export_applies_the_feeds_filters(manager_client, make_story):
    make_story(headline="Creative cake", kind="creative")
    make_story(headline="Fixed cake", kind="fixed")
    make_story(headline="Creative soup", kind="creative")
    hidden = make_story(headline="Hidden creative cake", kind="creative")
    Story.objects.filter(pk=hidden.pk).update(hidden_at="2026-01-01T00:00:00Z")
    rows = rows_of(manager_client.get("/manage/export.csv", {"kind": "creative", "q": "cake"}))
    assert [row[3] for row in rows[1:]] == ["Creative cake"]


def test_the_feed_offers_managers_the_export_of_what_it_shows(manager, employee, story):
    assert 'href="/manage/export.csv?kind=fixed">' in client_for(manager).get("/", {"kind": "fixed"}).text
    assert "/manage/export.csv" not in client_for(employee).get("/").text


def test_cells_that_a_spreadsheet_would_run_are_neutralised(manager_client, make_story):
    for headline in ('=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "Fine"):
        make_story(headline=headline)
    headlines = sorted(row[3] for row in rows_of(manager_client.get("/manage/export.csv"))[1:])
    assert headlines == sorted(
        ['\'=HYPERLINK("http://evil","x")', "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTab", "'\rReturn", "Fine"]
    )


def test_accented_names_survive_a_round_trip_with_the_byte_order_mark(manager_client, django_user_model, make_story):
    josé = django_user_model.objects.create_user(username="jose", first_name="José", last_name="Núñez")
    make_story(headline="Très bien", heroes=[josé])
    response = manager_client.get("/manage/export.csv")
    body = b"".join(response.streaming_content)
    assert body[:3] == b"\xef\xbb\xbf"
    assert "José Núñez" in body[3:].decode("utf-8") and "Très bien" in body.decode("utf-8-sig")


def test_the_export_is_streamed_a_chunk_of_wins_at_a_time(client, manager, employee):
    """The response is a stream: reading its first rows runs the queries for
    the first chunk of wins only, not for all of them."""
    seed_wins(CHUNK + 200, authors=[employee])
    client = client_for(manager)
    with captured_queries() as before:
        response = client.get("/manage/export.csv")
    assert isinstance(response, StreamingHttpResponse)
    stream = iter(response.streaming_content)
    with captured_queries() as first:
        assert next(stream).startswith(BOM.encode())
        next(stream)  # the first win
    with captured_queries() as rest:
        remaining = sum(1 for _ in stream)
    assert remaining == CHUNK + 200 - 1
    # Answering ran no query for wins (the signed-in user's own query counts
    # its notifications about wins: not that): they are read as the stream is read,
    answered = [q["sql"] for q in before.captured_queries if not q["sql"].startswith('SELECT "auth_user"')]
    assert not [sql for sql in answered if '"stories_story"' in sql]
    # the first chunk's heroes and tags when the first row was needed,
    assert [q for q in first.captured_queries if "stories_story_heroes" in q["sql"]]
    # and the second chunk's only when the stream got there.
    assert [q for q in rest.captured_queries if "stories_story_heroes" in q["sql"]]


def test_safe_cell_keeps_numbers_and_plain_text():
    assert safe_cell(None) == ""
    assert safe_cell(True) == "yes" and safe_cell(False) == "no"
    assert safe_cell(-5) == "-5"  # a number is never a formula
    assert safe_cell("Hello, =world") == "Hello, =world"
    assert safe_cell("-minus") == "'-minus"
    assert safe_cell("a\x00b") == "ab"


def test_stream_csv_consumes_rows_lazily():
    consumed = []

    def rows():
        for number in range(3):
            consumed.append(number)
            yield [number, f"row {number}"]

    stream = stream_csv(["n", "text"], rows())
    assert next(stream) == (BOM + "n,text\r\n").encode()
    assert consumed == []
    assert next(stream) == b"0,row 0\r\n"
    assert consumed == [0]
