"""The JavaScript catalogues (manage.py js_catalogs): one static file per
language in static/i18n/, committed, hashed by the manifest storage like every
static file, and loaded before our scripts on every page that runs them."""

import re
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from stories.management.commands.js_catalogs import catalog_dir, render_catalog
from tests.helpers.static_files import collect

CATALOG = re.compile(r'<script src="/static/i18n/(\w+)\.js" defer></script>')
FIRST_OURS = re.compile(r'<script (?:type="module" )?src="/static/js/(?!theme\.js)')


def test_every_committed_catalogue_matches_a_fresh_render():
    # Fails after a translation changed until `manage.py js_catalogs` is run again (README "Languages").
    call_command("js_catalogs", "--check")
    for code, _name in settings.LANGUAGES:
        assert (catalog_dir() / f"{code}.js").read_text(encoding="utf-8") == render_catalog(code)


def test_a_stale_or_missing_catalogue_is_caught_and_rewritten(settings, tmp_path):
    shutil.copytree(catalog_dir(), tmp_path / "static" / "i18n")
    settings.BASE_DIR = tmp_path
    (tmp_path / "static" / "i18n" / "de.js").write_text("// an old catalogue\n", encoding="utf-8")
    (tmp_path / "static" / "i18n" / "ar.js").unlink()

    with pytest.raises(CommandError, match=r"ar\.js, de\.js|de\.js, ar\.js"):
        call_command("js_catalogs", "--check")
    assert not (tmp_path / "static" / "i18n" / "ar.js").exists()  # --check writes nothing

    call_command("js_catalogs", verbosity=0)
    call_command("js_catalogs", "--check")
    assert (tmp_path / "static" / "i18n" / "de.js").read_text(encoding="utf-8") == render_catalog("de")


def test_the_catalogue_defines_the_functions_our_scripts_call_without_eval():
    text = render_catalog("ar")
    for name in ("gettext", "ngettext", "pgettext", "interpolate", "get_format", "pluralidx"):
        assert f"globals.{name} = django.{name}" in text, name
    assert "eval(" not in text and "Function(" not in text  # the CSP has no 'unsafe-eval'


def test_each_language_gets_its_own_formats():
    assert '"DECIMAL_SEPARATOR": ","' in render_catalog("de")
    assert '"DECIMAL_SEPARATOR": "."' in render_catalog("en")


def test_production_storage_hashes_every_catalogue(tmp_path):
    collected = collect(tmp_path)
    for code, _name in settings.LANGUAGES:
        assert collected.hashed_name(f"i18n/{code}.js") != f"i18n/{code}.js"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "de", "ar"])
def test_pages_load_their_languages_catalogue_before_our_scripts(client, employee, code):
    client.force_login(employee)
    with translation.override(code):
        pages = [client.get(url, HTTP_ACCEPT_LANGUAGE=code) for url in ("/", "/wins/new/", "/accounts/login/")]
    for response in pages:
        text = response.content.decode()
        assert CATALOG.findall(text) == [code]
        assert CATALOG.search(text).start() < FIRST_OURS.search(text).start()


@pytest.mark.django_db
def test_the_slideshow_loads_the_catalogue_before_its_modules(client, manager, story):
    client.force_login(manager)
    text = client.get("/slideshow/").content.decode()
    assert CATALOG.findall(text) == ["en"]
    assert CATALOG.search(text).start() < text.index('type="module" src="/static/js/slideshow/main.js"')


def test_a_language_without_a_catalogue_falls_back_to_the_default():
    from stories.templatetags.language_tags import js_catalog

    with translation.override("pt-br"):
        assert js_catalog() == "i18n/en.js"
    with translation.override("de-at"):
        assert js_catalog() == "i18n/de.js"
