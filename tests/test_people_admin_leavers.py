"""Leavers: deactivated in /manage/people/ or in the Django admin, their
session ends at once; what they made stays, credited by name."""

import pytest
from django.test import Client

from stories import services
from tests.helpers.people import admin_save, make_user

pytestmark = pytest.mark.django_db


def test_a_display_link_made_by_a_leaver_keeps_working_and_names_them(client, django_user_model, superuser):
    maker = make_user(django_user_model, "lena", first="Lena", last="Leaver", manager=True)
    link = services.display_link_create(name="Lobby TV", query="", by=maker)
    services.person_set_active(user=maker, active=False)
    assert Client().get(f"/slideshow/d/{link.token}/slides.json").status_code == 200
    client.force_login(superuser)
    assert "Lena Leaver" in client.get("/manage/displays/").text


def test_deactivating_in_the_admin_ends_the_session_at_once(client, superuser, employee):
    theirs = Client()
    theirs.force_login(employee)
    assert theirs.get("/").status_code == 200
    client.force_login(superuser)
    response = admin_save(client, f"/admin/auth/user/{employee.pk}/change/", is_active=None)
    assert response.status_code == 302
    employee.refresh_from_db()
    assert not employee.is_active
    assert theirs.get("/").status_code == 302
