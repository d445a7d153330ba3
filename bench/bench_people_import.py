"""A people import of 5,000 rows (the issue's goal: preview and import in
under 10 s on these machines), through the real views: the upload and its
preview, then "Import N people" (one transaction), then the same file again
(nothing changes: preview only), the same people all renamed (in bulk, with
one wins_changed that moves their cards and reindexes their wins for
search: once the slow path), and the export of everyone.

On SQLite (a scratch file), or wherever BENCH_DATABASE_URL points (e.g. a
throwaway PostgreSQL from .ci/with-postgres: `BENCH_DATABASE_URL=$DATABASE_URL`).
Prints a table of wall-clock seconds and SQL queries; no pass/fail.
Run: `make bench` or `.venv/bin/python bench/bench_people_import.py`."""

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 5_000

sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402

SCRATCH = seeding.scratch_django()  # never db.sqlite3 or a configured database

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tests.helpers.people import make_user  # noqa: E402


def people_csv():
    lines = ["name,email,team,role,employee_id,status"]
    for n in range(ROWS):
        email = f"person{n}@example.com" if n % 2 else ""  # half have no e-mail
        role = "manager" if n % 50 == 0 else "employee"
        lines.append(f"Person {n},{email},Team {n % 40},{role},E{n:05},active")
    return ("\r\n".join(lines) + "\r\n").encode()


def timed(label, call):
    count = [0]

    def counted(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        started = time.perf_counter()
        response = call()
        if response.streaming:
            b"".join(response.streaming_content)
        seconds = time.perf_counter() - started
    assert response.status_code in (200, 302), (label, response.status_code)
    return label, seconds, count[0], response


def main():
    call_command("migrate", verbosity=0)
    manager = make_user(get_user_model(), "bench-manager", manager=True)
    client = Client()
    client.force_login(manager)
    data = people_csv()

    def upload():
        return client.post("/manage/people/import/", {"csv_file": SimpleUploadedFile("people.csv", data)})

    rows = [timed(f"preview of {ROWS:,} new people", upload)]
    token = re.search(r'name="token" value="([^"]+)"', rows[0][3].text).group(1)
    rows.append(
        timed(f"import of {ROWS:,} people", lambda: client.post("/manage/people/import/apply/", {"token": token}))
    )
    rows.append(timed("preview of the same file again (no changes)", upload))
    assert "Nothing to import" in rows[-1][3].text
    data = data.replace(b"Person ", b"Renamed ")

    def apply_renamed():
        token = re.search(r'name="token" value="([^"]+)"', upload().text).group(1)
        return client.post("/manage/people/import/apply/", {"token": token})

    rows.append(timed(f"preview + import renaming {ROWS:,} people", apply_renamed))
    rows.append(timed(f"export of {ROWS + 1:,} people", lambda: client.get("/manage/people/export.csv")))
    print(f"{connection.vendor}: {len(data) / 1024:.0f} KB CSV, {ROWS:,} rows")
    print(f"{'step':<48} {'seconds':>8} {'queries':>8}")
    for label, seconds, queries, _ in rows:
        print(f"{label:<48} {seconds:>8.2f} {queries:>8}")
    print(f"{'preview + import':<48} {rows[0][1] + rows[1][1]:>8.2f}")


if __name__ == "__main__":
    main()
