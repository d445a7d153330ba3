"""Invitations, for managers: adding a person (one, or by a CSV import)
invites them; the invitation's token and code are stored as HMACs only;
re-issuing replaces them; the printable cards (managers only, a POST that
issues new codes, a constant number of queries); re-sending by e-mail, over
a real SMTP server."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.lib.invitation_codes import CODE_ALPHABET, normal_code, secret_hash
from stories.models import Invitation
from tests.helpers.people import client_for
from tests.helpers.smtp import smtp_mailers, smtp_server

pytestmark = pytest.mark.django_db

SITE = "https://wins.example.com"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.WINSBOARD_SITE_URL = SITE


def add(name, *, email="", team=None):
    return services.person_add(name=name, team=team, email=email)


def test_adding_a_person_issues_one_invitation_that_expires_after_the_configured_days(manager, settings):
    settings.WINSBOARD_INVITATION_DAYS = 3
    response = client_for(manager).post(reverse("person_add"), {"name": "Nadia Newcomer", "role": "employee"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(user__first_name="Nadia")
    assert invitation.used_at is None
    assert timedelta(days=3) - timedelta(minutes=1) < invitation.expires_at - timezone.now() <= timedelta(days=3)


def test_the_default_is_fourteen_days():
    from django.conf import settings

    assert settings.WINSBOARD_INVITATION_DAYS == 14


def test_only_the_hmacs_of_the_token_and_code_are_stored(db):
    person = add("Nadia Newcomer")
    issued = services.invitation_issue(user=person)
    row = Invitation.objects.filter(user=person).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert issued.token not in stored and issued.code not in stored
    assert row["token_hash"] == secret_hash(issued.token, kind="token")
    assert row["code_hash"] == secret_hash(issued.code, kind="code")
    assert len(row["code_hash"]) == 64 and row["code_hash"] != secret_hash(issued.code, kind="token")


def test_a_code_has_eight_characters_without_look_alikes_and_is_typed_any_way(db):
    issued = services.invitation_issue(user=add("Nadia Newcomer"))
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{8}}", issued.code)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert re.fullmatch(r"\w{4}-\w{4}", issued.shown_code)
    for typed in (issued.shown_code, issued.code.lower(), f" {issued.shown_code.lower()} "):
        assert Invitation.objects.for_code(typed).get().user.first_name == "Nadia"
    assert normal_code("ABCD-EFG0") == ""  # a zero is never in a code


def test_re_issuing_replaces_the_token_and_code(db):
    person = add("Nadia Newcomer")
    old = services.invitation_issue(user=person)
    new = services.invitation_issue(user=person)
    assert Invitation.objects.filter(user=person).count() == 1
    assert not Invitation.objects.for_token(old.token).exists() and not Invitation.objects.for_code(old.code).exists()
    assert Invitation.objects.for_code(new.code).usable().exists()


def test_nobody_who_joined_or_left_is_invited(employee, db):
    with pytest.raises(services.InvitationRefused):
        services.invitation_issue(user=employee)  # has a password: joined
    leaver = add("Lee Leaver")
    services.person_set_active(user=leaver, active=False)
    with pytest.raises(services.InvitationRefused):
        services.invitation_issue(user=leaver)


def test_an_import_invites_everyone_it_creates_and_mails_those_with_an_address(
    manager, django_capture_on_commit_callbacks
):
    client = client_for(manager)
    csv = b"name,email,team\nAda Newcomer,ada@example.com,Front desk\nBo Paper,,Housekeeping\n"
    preview = client.post(reverse("people_import"), {"csv_file": SimpleUploadedFile("people.csv", csv, "text/csv")})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people_import_apply"), {"token": preview.context["token"]})
    assert response.status_code == 302
    assert set(Invitation.objects.usable().values_list("user__first_name", flat=True)) == {"Ada", "Bo"}
    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


def test_the_invitation_email_links_to_join_with_a_working_token_and_code(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = add("Nadia Newcomer", email="nadia@example.com")
    (message,) = mail.outbox
    assert message.to == ["nadia@example.com"] and message.subject == "You're invited to Winsboard"
    token = re.search(rf"{SITE}/join/([\w-]+)/", message.body).group(1)
    code = re.search(r"type your code: (\w{4}-\w{4})", message.body).group(1)
    assert Invitation.objects.for_token(token).usable().get().user == person
    assert Invitation.objects.for_code(code).usable().get().user == person
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{SITE}/join/{token}/"' in html


def test_the_invitation_goes_over_a_real_smtp_server(settings, db, django_capture_on_commit_callbacks):
    with smtp_server() as (port, inbox):
        settings.MAILERS = smtp_mailers(port)
        with django_capture_on_commit_callbacks(execute=True):
            person = add("Nadia Newcomer", email="nadia@example.com")
    ((recipients, message),) = inbox.received
    assert recipients == ["nadia@example.com"] and message["Subject"] == "You're invited to Winsboard"
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_payload(decode=True)
    token = re.search(rf"{SITE}/join/([\w-]+)/".encode(), text).group(1).decode()
    assert Invitation.objects.for_token(token).usable().get().user == person


def test_someone_without_an_email_address_gets_no_mail(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add("Pat Paper")
    assert mail.outbox == [] and Invitation.objects.count() == 1


def test_a_manager_re_sends_an_invitation_and_the_old_code_stops_working(
    manager, db, django_capture_on_commit_callbacks
):
    person = add("Nadia Newcomer", email="nadia@example.com")
    old = services.invitation_issue(user=person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(reverse("invitation_send", args=[person.pk]), follow=True)
    assert "A new invitation is on its way to nadia@example.com" in response.content.decode()
    assert len(mail.outbox) == 1
    assert not Invitation.objects.for_code(old.code).exists()


def test_re_sending_to_someone_without_an_address_says_to_print_the_card(manager, db):
    person = add("Pat Paper")
    response = client_for(manager).post(reverse("invitation_send", args=[person.pk]), follow=True)
    assert "Pat Paper has no e-mail address: print their card instead." in response.content.decode()


def test_the_people_list_shows_who_has_not_joined_with_print_and_re_send(manager, db):
    add("Nadia Newcomer", email="nadia@example.com")
    paper = add("Pat Paper")
    page = client_for(manager).get(reverse("people_manage")).content.decode()
    row = page.split(f'id="person-{paper.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Invited" in row and f"/manage/people/cards/?person={paper.pk}" in row and "Re-send" not in row
    assert page.count("Re-send invitation") == 1


# --- the cards ----------------------------------------------------------------------


def test_employees_cannot_see_or_print_cards(employee, db):
    add("Nadia Newcomer")
    client = client_for(employee)
    assert client.get(reverse("invitation_cards")).status_code == 403
    assert client.post(reverse("invitation_cards")).status_code == 403
    assert client.post(reverse("invitation_send", args=[employee.pk])).status_code == 403


def test_signed_out_people_are_sent_to_sign_in_for_cards(client, db):
    response = client.get(reverse("invitation_cards"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_looking_at_the_cards_page_issues_nothing(manager, db):
    person = add("Nadia Newcomer")
    before = Invitation.objects.get(user=person).code_hash
    page = client_for(manager).get(reverse("invitation_cards")).content.decode()
    assert "Nadia Newcomer" in page and "new code" in page and ">Print cards</button>" in page
    assert Invitation.objects.get(user=person).code_hash == before


def test_printing_cards_issues_new_codes_for_everyone_not_joined(manager, employee, db):
    people = [add("Nadia Newcomer"), add("Pat Paper")]
    leaver = add("Lee Leaver")
    services.person_set_active(user=leaver, active=False)
    old = {p.pk: Invitation.objects.get(user=p).code_hash for p in people}
    response = client_for(manager).post(reverse("invitation_cards"))
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert page.count('class="invitation-card"') == 2 and "Lee Leaver" not in page and "Erin" not in page
    for code in re.findall(r'<p class="invitation-code">(\w{4}-\w{4})</p>', page):
        assert Invitation.objects.for_code(code).usable().exists()
    assert all(Invitation.objects.get(user_id=pk).code_hash != digest for pk, digest in old.items())
    assert page.count('class="qr-code"') == 2 and "http://testserver/join/" in page


def test_printing_one_card_re_issues_only_that_persons_code(manager, db):
    nadia, pat = add("Nadia Newcomer"), add("Pat Paper")
    pat_before = Invitation.objects.get(user=pat).code_hash
    page = client_for(manager).post(reverse("invitation_cards"), {"person": nadia.pk}).content.decode()
    assert page.count('class="invitation-card"') == 1 and "Nadia Newcomer" in page
    assert Invitation.objects.get(user=pat).code_hash == pat_before


def test_printing_the_card_of_a_made_up_person_is_a_404(manager, db):
    assert client_for(manager).post(reverse("invitation_cards"), {"person": "x1"}).status_code == 404


def test_the_cards_take_the_same_queries_for_3_or_30_people(manager, django_assert_max_num_queries, db):
    client = client_for(manager)
    for i in range(3):
        add(f"Early {i}")
    with django_assert_max_num_queries(20) as few:
        client.post(reverse("invitation_cards"))
    for i in range(27):
        add(f"Late {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.post(reverse("invitation_cards")).content.decode()
    assert page.count('class="invitation-card"') == 30


def test_the_people_list_takes_the_same_queries_with_invitations(manager, django_assert_max_num_queries, db):
    client = client_for(manager)
    add("Early")
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("people_manage"))
    for i in range(10):
        add(f"Late {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("people_manage"))


# --- accepting, the service's own checks (the pages look up first; a race may pass them) ---


@pytest.mark.parametrize("meanwhile", ["used", "re-issued", "deactivated", "expired"])
def test_accepting_an_invitation_that_changed_meanwhile_is_refused_and_sets_nothing(db, meanwhile):
    person = add("Nadia Newcomer")
    issued = services.invitation_issue(user=person)
    seen = Invitation.objects.for_token(issued.token).usable().get()  # what the page looked up
    if meanwhile == "used":
        services.invitation_accept(invitation=seen, password="first-Password-9")
    elif meanwhile == "re-issued":
        services.invitation_issue(user=person)
    elif meanwhile == "deactivated":
        services.person_set_active(user=person, active=False)
    else:
        past = timezone.now() - timedelta(seconds=1)
        Invitation.objects.filter(user=person).update(issued_at=past - timedelta(days=14), expires_at=past)
    with pytest.raises(services.InvitationRefused):
        services.invitation_accept(invitation=seen, password="second-Password-9")
    person.refresh_from_db()
    assert not person.check_password("second-Password-9")


def test_a_persons_edit_page_offers_their_card_and_re_sending_until_they_join(manager, employee, db):
    nadia = add("Nadia Newcomer", email="nadia@example.com")
    client = client_for(manager)
    page = client.get(reverse("person_edit", args=[nadia.pk])).content.decode()
    assert f"/manage/people/cards/?person={nadia.pk}" in page and "Re-send invitation" in page and "until" in page
    joined = client.get(reverse("person_edit", args=[employee.pk])).content.decode()
    assert "Print card" not in joined and "Re-send invitation" not in joined


@pytest.mark.django_db(transaction=True)
def test_two_managers_printing_the_same_card_at_once_leave_one_working_invitation():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    person = add("Nadia Newcomer")

    def issue(_):
        try:
            return services.invitation_issue(user=person)
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        issued = list(pool.map(issue, range(8)))
    assert Invitation.objects.filter(user=person).count() == 1
    assert [Invitation.objects.for_code(one.code).exists() for one in issued].count(True) == 1
