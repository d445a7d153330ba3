"""Display links are easy to set up and hard to lose: the full address with
a Copy button, a QR code (made here, as SVG, no external service; nothing a
strict CSP forbids) for managers only, and a revoke that asks first."""

import re

import pytest
from django.test import Client

from stories import services
from stories.lib.qr import qr_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(manager):
    return services.display_link_create(name="Lobby TV", query="seconds=20", by=manager)


def qr_url(link):
    return f"/manage/displays/{link.pk}/qr.svg"


def test_a_manager_gets_the_address_as_a_qr_code_svg(manager_client, link):
    response = manager_client.get(qr_url(link))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    address = f"http://testserver/slideshow/d/{link.token}/"
    assert response.content == qr_svg(address)  # the code of exactly this address
    assert response.content != qr_svg(address + "x")


def test_the_qr_code_is_plain_svg_a_strict_csp_allows(link):
    svg = qr_svg("http://testserver/slideshow/d/abc/").decode()
    assert svg.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    assert "style" not in svg and "<script" not in svg and "href" not in svg
    assert re.search(r'<path fill="#fff" d="M0 0h\d+v\d+h-\d+z"/>', svg)  # a white quiet zone: scans on a dark page


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("employee", 403)])
def test_only_managers_get_the_qr_code(client, employee, link, who, status):
    if who == "employee":
        client.force_login(employee)
    assert client.get(qr_url(link)).status_code == status


def test_a_revoked_link_has_no_qr_code(manager_client, link):
    services.display_link_revoke(link=link)
    assert manager_client.get(qr_url(link)).status_code == 404


def test_the_list_shows_the_whole_address_a_copy_button_and_the_qr_code(manager_client, link):
    page = " ".join(manager_client.get("/manage/displays/").text.split())
    address = f"http://testserver/slideshow/d/{link.token}/"
    assert f'rows="2" readonly>{address}</textarea>' in page
    assert f'data-copy="link-url-{link.pk}" hidden> Copy<span class="visually-hidden"> the address of Lobby TV' in page
    assert f'<img class="display-qr" src="{qr_url(link)}" width="198" height="198"' in page
    assert 'alt="QR code of the address of Lobby TV"' in page
    assert '<script src="/static/js/displays.js" defer></script>' in page


def test_revoke_asks_first_and_a_plain_post_only_asks(manager_client, link):
    page = " ".join(manager_client.get("/manage/displays/").text.split())
    assert '<summary class="btn btn-sm btn-outline-danger"> Revoke…' in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    asked = manager_client.post(f"/manage/displays/{link.pk}/revoke/")
    assert asked.status_code == 200 and "Revoke “Lobby TV”?" in asked.text
    link.refresh_from_db()
    assert link.revoked_at is None
    manager_client.post(f"/manage/displays/{link.pk}/revoke/", {"confirm": "yes"})
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_the_qr_code_needs_a_get(manager, link):
    client = Client()
    client.force_login(manager)
    assert client.post(qr_url(link)).status_code == 405
