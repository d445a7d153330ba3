"""Importing people from a CSV (/manage/people/import/): a preview naming
every problem by line, then one transaction; idempotent; Excel's files
accepted; hostile files refused with a message; the export round-trips."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from stories import services
from stories.models import Profile, Team

pytestmark = pytest.mark.django_db

GOOD = (
    "name,email,team,role,employee_id,status\n"
    "Ana Lima,ana@example.com,Front desk,manager,A1,active\n"
    "Ben Okafor,,Housekeeping,employee,B2,\n"
    "Cleo Nair,,Housekeeping,,,\n"
)


def upload(client, text, name="people.csv"):
    data = text if isinstance(text, bytes) else text.encode()
    return client.post("/manage/people/import/", {"csv_file": SimpleUploadedFile(name, data, "text/csv")})


def apply(client, preview):
    return client.post("/manage/people/import/apply/", {"token": preview.context["token"]})


def accounts():
    return get_user_model().objects.filter(is_superuser=False).exclude(username="mona").count()


def test_a_preview_writes_nothing_and_the_button_imports_in_one_go(manager_client, manager):
    preview = upload(manager_client, GOOD)
    assert preview.status_code == 200
    assert "Import 3 people" in preview.text
    assert accounts() == 0
    assert apply(manager_client, preview).status_code == 302
    ana = get_user_model().objects.get(email="ana@example.com")
    assert ana.profile.team.name == "Front desk" and ana.profile.employee_id == "A1"
    assert ana.groups.filter(name="Managers").exists()
    assert set(Team.objects.values_list("name", flat=True)) >= {"Front desk", "Housekeeping"}
    assert Profile.objects.filter(display_name="Cleo Nair", employee_id=None).exists()


def test_importing_the_same_file_twice_changes_nothing(manager_client, manager):
    apply(manager_client, upload(manager_client, GOOD))
    again = upload(manager_client, GOOD)
    assert again.context["plan"].changes == []
    assert again.context["plan"].unchanged == 3
    assert accounts() == 3


def test_every_bad_line_is_named_with_its_line_number(manager_client, manager):
    text = (
        "name,email,team,role\n"
        "Ana,not-an-email,Desk,employee\n"
        "Ben,ben@example.com,Desk,employee\n"
        "Ben again,BEN@example.com,Desk,employee\n"
        ",x@example.com,Desk,\n"
        '=HYPERLINK("http://evil"),eve@example.com,Desk,\n'
        "Boss,boss@example.com,Desk,boss\n"
    )
    preview = upload(manager_client, text)
    problems = dict(preview.context["plan"].problems)
    assert "not an e-mail address" in problems[2]
    assert problems[4] == "a duplicate in the file: the same person as line 3"
    assert "name is empty" in problems[5]
    assert "formula" in problems[6]
    assert "unknown role" in problems[7]
    assert set(problems) == {2, 4, 5, 6, 7}
    assert "Line 2:" in preview.text and "Line 7:" in preview.text
    assert "Import 1 person" in preview.text


def test_a_second_row_for_the_same_existing_person_is_a_problem(manager_client, manager):
    services.person_add(name="Ana", team=None, email="ana@example.com", employee_id="A1")
    text = "name,email,team,employee_id\nAna,ana@example.com,,\nAna L,,,A1\n"
    problems = dict(upload(manager_client, text).context["plan"].problems)
    assert problems == {3: "a second row for the same person as line 2"}


def test_excel_bom_semicolons_and_windows_line_endings_are_read(manager_client, manager):
    text = "\ufeffname;email;team\r\nZoë Ädler;zoe@example.com;Küche\r\n"
    preview = upload(manager_client, text.encode("utf-8"))
    assert preview.context["plan"].problems == []
    assert [c.row.name for c in preview.context["plan"].created] == ["Zoë Ädler"]
    assert preview.context["plan"].created[0].row.team == "Küche"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary data"),
        ("name,team\nJosé,Cocina\n".encode("cp1252"), "not UTF-8"),
        (b"", "empty"),
        (b"first,last\nA,B\n", "first line must name the columns"),
        (b"name,team\n" + b'"' + b"x" * 200_000 + b'",Desk\n', "be read as CSV"),
        ("name,team\n" + "Someone,Desk\n" * 10_001, "more than 10,000 rows"),
        (b"name,team\n" + b"A" * (5 * 1024 * 1024), "over 5 MB"),
    ],
    ids=["binary", "cp1252", "empty", "no-header", "huge-field", "too-many-rows", "too-big"],
)
def test_a_file_that_cant_be_read_is_refused_with_a_message(manager_client, manager, data, message):
    response = upload(manager_client, data)
    assert response.status_code == 400
    assert message in response.text
    assert accounts() == 0


def test_a_long_field_is_a_problem_on_its_line(manager_client, manager):
    plan = upload(manager_client, "name,team\n" + "N" * 81 + ",Desk\n").context["plan"]
    assert plan.problems == [(2, "the name is longer than 80 characters")]


def test_status_left_deactivates_and_ends_their_session(manager_client, manager, employee):
    employee.email = "erin@example.com"
    employee.save()
    theirs = Client()
    theirs.force_login(employee)
    preview = upload(manager_client, "name,email,team,status\nErin Employee,erin@example.com,,left\n")
    assert [c.user for c in preview.context["plan"].deactivated] == [employee]
    apply(manager_client, preview)
    employee.refresh_from_db()
    assert not employee.is_active
    assert theirs.get("/").status_code == 302


def test_a_preview_cannot_be_applied_after_people_changed(manager_client, manager):
    preview = upload(manager_client, GOOD)
    services.person_add(name="Someone", team=None, email="ana@example.com")
    response = apply(manager_client, preview)
    assert response.status_code == 302 and response.url == "/manage/people/import/"
    assert get_user_model().objects.filter(email="ana@example.com").count() == 1


def test_a_preview_token_is_single_use_and_belongs_to_its_manager(manager_client, manager, django_user_model):
    from tests.helpers.people import make_user

    preview = upload(manager_client, GOOD)
    other = Client()
    other.force_login(make_user(django_user_model, "max", manager=True))
    assert apply(other, preview).url == "/manage/people/import/"
    assert not get_user_model().objects.filter(email="ana@example.com").exists()
    apply(manager_client, preview)
    assert apply(manager_client, preview).url == "/manage/people/import/"
    assert get_user_model().objects.filter(email="ana@example.com").count() == 1


def test_an_employee_cannot_import_or_export(employee_client):
    assert upload(employee_client, GOOD).status_code == 403
    assert employee_client.post("/manage/people/import/apply/", {"token": "x" * 30}).status_code == 403
    assert employee_client.get("/manage/people/export.csv").status_code == 403
    assert employee_client.get("/manage/people/import/").status_code == 403


def test_the_export_round_trips_through_the_import_unchanged(manager_client, manager, employee):
    apply(manager_client, upload(manager_client, GOOD))
    services.person_add(name="-Dash Start", team=Team.objects.create(name="-Minus team"), email="dash@example.com")
    services.person_set_active(user=get_user_model().objects.get(email="ana@example.com"), active=False)
    exported = b"".join(manager_client.get("/manage/people/export.csv").streaming_content)
    assert exported.startswith(b"\xef\xbb\xbfname,email,team,role,employee_id,status")
    assert b"'-Dash Start" in exported and b"'-Minus team" in exported
    plan = upload(manager_client, exported).context["plan"]
    assert plan.problems == [] and plan.changes == []
    assert plan.unchanged == get_user_model().objects.count()
    assert b"ana@example.com,Front desk,manager,A1,left" in exported


def _existing(count, prefix, *, manager_every=2):
    """`count` people with an employee number (every other one a manager),
    each credited on a win of their own; the CSV that renames them all,
    moves their team, gives each a new e-mail, swaps every role and lets
    the first one go."""
    from stories.models import Story
    from stories.models.roles import can_curate

    people = []
    for n in range(count):
        user = services.person_add(
            name=f"{prefix} Person {n}", team=None, email=f"{prefix}{n}@example.com",
            employee_id=f"{prefix}{n}", manager=n % manager_every == 0,
        )  # fmt: skip
        story = Story.objects.create(headline=f"{prefix} win {n}", body="Helped.", author=user)
        story.heroes.set([user])
        people.append(user)
    rows = ["name,email,team,role,employee_id,status"]
    for n, user in enumerate(people):
        role = "employee" if can_curate(user) else "manager"
        status = "left" if n == 0 else "active"
        rows.append(f"Zed{prefix}{n} Newname,{prefix}{n}@new.example.com,{prefix} team,{role},{prefix}{n},{status}")
    return people, "\n".join(rows) + "\n"


def test_importing_changes_for_existing_people_applies_each_one_in_the_same_queries_for_2_or_8(manager_client, manager):
    """Renames, teams, e-mails, roles both ways and a leaver: every change
    lands, the cards and search follow the new names — and the import costs
    the same queries for 2 people as for 8 (it used to be ~9 per person)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stories.lib.search import parse
    from stories.models import Story
    from stories.models.roles import can_curate

    counts = []
    for count, prefix in ((2, "a"), (8, "b")):
        people, text = _existing(count, prefix)
        was_manager = {user.pk: can_curate(user) for user in people}
        preview = upload(manager_client, text)
        with CaptureQueriesContext(connection) as queries:
            assert apply(manager_client, preview).status_code == 302
        counts.append(len(queries))
        for n, user in enumerate(get_user_model().objects.filter(pk__in=[p.pk for p in people]).order_by("pk")):
            assert user.profile.display_name == f"Zed{prefix}{n} Newname"
            assert user.profile.team.name == f"{prefix} team"
            assert user.email == f"{prefix}{n}@new.example.com"
            assert can_curate(get_user_model().objects.get(pk=user.pk)) is not was_manager[user.pk]
            assert user.is_active is (n != 0)
        found = Story.objects.search(parse(f"zed{prefix}1")).values_list("headline", flat=True)
        assert list(found) == [f"{prefix} win 1"], "search finds a win by its hero's new name at once"
    assert counts[0] == counts[1], f"{counts[0]} queries for 2 people, {counts[1]} for 8"
