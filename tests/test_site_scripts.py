"""Every page's scripts (templates/base.html): static/js/site.js once, before
any feature's script, all deferred so they run in that order (site.js owns
Winsboard.announce, the htmx redirect handler and failure telling, which the
feature scripts count on); htmx and its configuration for signed-in people
only."""

import re

import pytest

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>")
OURS = re.compile(r'src="/static/(js/[^"]+)"')
HTMX = re.compile(r'src="/static/django_htmx/htmx-2\.min\.js"')


def scripts(response):
    """(path under static/, deferred?) of each of our own scripts, in page order."""
    found = []
    for attrs in SCRIPT.findall(response.text):
        if src := OURS.search(attrs):
            found.append((src.group(1), " defer" in attrs or 'type="module"' in attrs))
    return found


@pytest.fixture
def pages(client, employee, manager, story):
    anonymous = [("sign in", client.get("/accounts/login/")), ("reset", client.get("/accounts/password_reset/"))]
    client.force_login(employee)
    employees = [
        ("feed", client.get("/")),
        ("new form", client.get("/wins/new/")),
        ("win", client.get(f"/wins/{story.pk}/")),
    ]
    client.force_login(manager)
    managers = [
        ("manager's feed", client.get("/")),
        ("review queue", client.get("/manage/")),
        ("display links", client.get("/manage/displays/")),
        ("featured wall", client.get("/featured/")),
    ]
    return {"anonymous": anonymous, "employee": employees, "manager": managers}


def test_every_page_loads_site_js_once_before_any_feature_script(pages):
    for name, response in [page for group in pages.values() for page in group]:
        assert response.status_code == 200, name
        ours = [path for path, _ in scripts(response) if path != "js/theme.js"]  # theme.js: colours, before drawing
        assert ours[0] == "js/site.js" and ours.count("js/site.js") == 1, (name, ours)
        assert all(deferred for path, deferred in scripts(response) if path != "js/theme.js"), name


def test_feature_scripts_come_after_site_js_where_they_are_used(pages):
    loaded = {name: [path for path, _ in scripts(response)] for group in pages.values() for name, response in group}
    assert {"js/celebrate.js", "js/curation.js"} <= set(loaded["manager's feed"])
    assert "js/celebrate.js" in loaded["feed"] and "js/curation.js" not in loaded["feed"]
    assert {"js/heroes.js", "js/photos.js", "js/upload.js", "js/story-form.js"} <= set(loaded["new form"])
    assert "js/queue.js" in loaded["review queue"] and "js/displays.js" in loaded["display links"]


def test_htmx_and_its_configuration_load_for_signed_in_people_only(pages):
    for name, response in pages["anonymous"]:
        assert not HTMX.search(response.text) and "htmx-config" not in response.text, name
    for name, response in pages["employee"] + pages["manager"]:
        text = response.text
        assert text.count('<meta name="htmx-config"') == 1 and len(HTMX.findall(text)) == 1, name
        assert text.index('<meta name="htmx-config"') < HTMX.search(text).start() < text.index("/static/js/site.js")
