"""The slideshow's native ES modules in production: collectstatic with the
production storage gives every module a hashed name, and a hashed module
imports the hashed names of its modules, so a browser that caches static
files forever never mixes an old render.js with a new main.js."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.helpers.static_files import collect

MODULES = Path(django_settings.BASE_DIR) / "static" / "js" / "slideshow"
UNSAFE_JS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*.style"
)
IMPORT_FROM = re.compile(r"""^import\s.*?\sfrom\s*["']([^"']+)["'];?$""", re.MULTILINE)


def relative_imports(text):
    return IMPORT_FROM.findall(text)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """All of the project's static files, collected once into a throwaway STATIC_ROOT."""
    return collect(tmp_path_factory.mktemp("static"))


def test_every_slideshow_module_is_reached_from_main():
    reached, todo = set(), ["main.js"]
    while todo:
        name = todo.pop()
        reached.add(name)
        for target in relative_imports((MODULES / name).read_text()):
            assert target.startswith("./"), target
            if target[2:] not in reached:
                todo.append(target[2:])
    assert reached == {path.name for path in MODULES.glob("*.js")}


def test_every_module_starts_by_saying_what_it_holds():
    for path in MODULES.glob("*.js"):
        assert path.read_text().startswith("// "), path.name


def test_no_module_parses_html_or_evaluates_strings():
    """User text goes in through textContent only; the CSP forbids eval and inline styles."""
    for path in MODULES.glob("*.js"):
        assert not UNSAFE_JS.findall(path.read_text()), path.name


def test_hashed_main_js_imports_the_hashed_names_of_its_modules(collected):
    main = collected.hashed_text("js/slideshow/main.js")
    assert collected.hashed_name("js/slideshow/main.js") != "js/slideshow/main.js"
    for module in ["controls.js", "live.js", "player.js"]:
        hashed = Path(collected.hashed_name(f"js/slideshow/{module}")).name
        assert hashed != module and hashed.endswith(".js")
        assert f'from "./{hashed}"' in main


def test_every_hashed_module_imports_only_hashed_modules_that_were_collected(collected):
    for path in MODULES.glob("*.js"):
        name = f"js/slideshow/{path.name}"
        source_imports = relative_imports(path.read_text())
        hashed_imports = relative_imports(collected.hashed_text(name))
        expected = ["./" + Path(collected.hashed_name(f"js/slideshow/{target[2:]}")).name for target in source_imports]
        assert hashed_imports == expected, name
        for target in hashed_imports:
            assert (collected.root / "js" / "slideshow" / target[2:]).is_file(), (name, target)


def test_a_change_deep_in_the_modules_gives_main_js_a_new_hashed_name(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(MODULES, source / "js" / "slideshow")
    before = collect(tmp_path / "before", [source]).hashed_name("js/slideshow/main.js")
    with (source / "js" / "slideshow" / "parts.js").open("a") as parts:  # main → player → render → parts
        parts.write("// changed\n")
    after = collect(tmp_path / "after", [source]).hashed_name("js/slideshow/main.js")
    assert before != after
