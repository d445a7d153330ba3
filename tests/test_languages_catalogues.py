"""Every language Winsboard ships says everything: each catalogue holds every
word marked in the code (no more, no less), each one translated (none fuzzy,
every plural form), placeholders and links kept, and the compiled files the
server and the browser read say what the catalogues say."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]
DOMAINS = ("django", "djangojs")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{ *\w+ *\}\}")
TAG = re.compile(r"</?([a-z]+)\b")
PLURAL_FORMS = {"es": 2, "fr": 2, "de": 2, "nl": 2, "ar": 6}


def catalogue(code, domain):
    path = LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    return polib.pofile(str(path))


def live(entries):
    return [entry for entry in entries if not entry.obsolete]


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("code", SHIPPED)
def test_every_word_is_translated_and_none_is_fuzzy(code, domain):
    entries = live(catalogue(code, domain))
    assert entries, f"{code} {domain}: an empty catalogue"
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("code", SHIPPED)
def test_plurals_have_every_form_the_language_has(code, domain):
    po = catalogue(code, domain)
    assert f"nplurals={PLURAL_FORMS[code]};" in po.metadata["Plural-Forms"].replace(" ", "")
    short = [
        entry.msgid
        for entry in live(po)
        if entry.msgid_plural
        and sorted(k for k, v in entry.msgstr_plural.items() if v.strip()) != list(range(PLURAL_FORMS[code]))
    ]
    assert short == []


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_the_placeholders_and_tags_of_the_english(code, domain):
    wrong = []
    for entry in live(catalogue(code, domain)):
        english = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        translated = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        wanted_names = {name for text in english for name in PLACEHOLDER.findall(text)}
        wanted_tags = sorted(TAG.findall(entry.msgid))
        for text in translated:
            names = set(PLACEHOLDER.findall(text))
            # A plural's singular may say "one" in words instead of its count.
            if names - wanted_names or (wanted_names - names) - {"count", "counter", "n", ""}:
                wrong.append(f"{entry.msgid!r} → {text!r}: placeholders")
            if sorted(TAG.findall(text)) != wanted_tags:
                wrong.append(f"{entry.msgid!r} → {text!r}: tags")
    assert wrong == []


def test_the_compiled_catalogues_say_what_the_catalogues_say():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "translations"), "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_browsers_catalogues_are_built_for_every_language():
    for code, _name in settings.LANGUAGES:
        built = ROOT / "static" / "i18n" / f"{code}.js"
        assert built.exists(), f"{built.relative_to(ROOT)} is missing: run bin/translations compile"


@pytest.fixture
def extracted(tmp_path, settings, monkeypatch):
    """The words marked in the code today, as makemessages extracts them."""
    if shutil.which("xgettext") is None:
        reason = "xgettext (GNU gettext) is not installed: bin/system-deps gettext"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # makemessages writes beside the code it reads: read ours through links
    # from a folder of its own, so the repository's catalogues stay as they are.
    for name in ("stories", "templates", "static", "winsboard"):
        (tmp_path / name).symlink_to(ROOT / name)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    ignored = [flag for pattern in _tool().IGNORED for flag in ("-i", pattern)]
    for domain in DOMAINS:
        call_command("makemessages", "-d", domain, "-l", "xx", "--symlinks", *ignored, "--no-location", verbosity=0)
    return {domain: tmp_path / "locale" / "xx" / "LC_MESSAGES" / f"{domain}.po" for domain in DOMAINS}


def _tool():
    """bin/translations, whose list of what is not ours the extraction shares."""
    loader = SourceFileLoader("translations_tool", str(ROOT / "bin" / "translations"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def _keys(path):
    return {(entry.msgctxt, entry.msgid) for entry in live(polib.pofile(str(path)))} if path.exists() else set()


@pytest.mark.slow
def test_every_catalogue_holds_exactly_the_words_marked_in_the_code(extracted):
    for domain, path in extracted.items():
        marked = _keys(path)
        assert marked, f"no words marked for {domain}"
        for code in SHIPPED:
            held = _keys(LOCALE / code / "LC_MESSAGES" / f"{domain}.po")
            missing, stale = sorted(marked - held, key=str), sorted(held - marked, key=str)
            assert (missing, stale) == ([], []), f"{code} {domain}: run `make messages`, then translate"
