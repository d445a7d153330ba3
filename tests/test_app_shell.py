"""The installable app's parts: a web app manifest, a service worker at the
site's root, an offline page — public, the same for everyone — and signing
out empties what the app kept on the device."""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from stories.app_shell import SHELL

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_winsboard_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "Winsboard"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    assert manifest["theme_color"] and manifest["background_color"]
    assert [s["name"] for s in manifest["shortcuts"]] == ["Post a win", "Featured"]
    assert [s["url"] for s in manifest["shortcuts"]] == ["/wins/new/", "/featured/"]


def test_every_icon_is_a_png_of_the_size_it_claims(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    purposes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        purposes.add((icon["sizes"], icon["purpose"]))
    assert purposes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}


def test_the_service_worker_is_served_from_the_root_and_keeps_only_the_shell(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.text
    shell = json.loads(body.split("const SHELL = ", 1)[1].split(";\n", 1)[0])
    assert shell == [f"/static/{path}" for path in SHELL]
    assert all(finders.find(path) for path in SHELL)
    assert 'const OFFLINE = "/offline/"' in body
    assert 'credentials: "omit"' in body  # kept as a stranger sees them


def test_the_workers_version_changes_with_the_shell(client, settings):
    before = client.get("/sw.js").text.splitlines()[0]
    settings.STATIC_URL = "/assets/"
    after = client.get("/sw.js").text.splitlines()[0]
    assert before != after


@pytest.mark.parametrize("url", ["/manifest.webmanifest", "/sw.js", "/offline/"])
def test_the_apps_parts_are_public_and_write_nothing(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200


def test_the_offline_page_says_the_draft_is_safe(client):
    page = client.get("/offline/").text
    assert "You're offline" in page and "Your draft is safe" in page


def test_every_page_links_the_manifest_and_the_icons(client, employee):
    client.force_login(employee)
    page = client.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'rel="apple-touch-icon"' in page and 'src="/static/js/app.js"' in page


def test_signing_out_empties_the_apps_caches_and_storage_on_the_device(client, employee):
    client.force_login(employee)
    response = client.post("/accounts/logout/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'
