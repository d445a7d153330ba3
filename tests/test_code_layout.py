"""The code stays readable for someone joining: small modules, small views,
a README map that names every module (and nothing that is gone), and no
template line too long to read."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STORIES = ROOT / "stories"
MAX_MODULE_LINES = 400
MAX_VIEW_LINES = 40
MAX_TEMPLATE_LINE = 200


def modules():
    """Every Python module of the app, migrations aside."""
    return sorted(
        path
        for path in STORIES.rglob("*.py")
        if "migrations" not in path.parts and not (path.name == "__init__.py" and path.stat().st_size == 0)
    )


def readme_map():
    """The code block under "## Where to find…" in README.md."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Where to find…", 1)[1]
    return section.split("```", 2)[1]


def test_no_module_is_longer_than_a_newcomer_can_read():
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_view_is_longer_than_forty_lines():
    long = {}
    for path in (STORIES / "views").glob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.end_lineno - node.lineno >= MAX_VIEW_LINES:
                long[f"{path.name}:{node.name}"] = node.end_lineno - node.lineno + 1
    assert long == {}


def test_the_readme_map_names_every_module_of_the_app():
    listed = readme_map()
    missing = [
        str(path.relative_to(STORIES))
        for path in modules()
        if str(path.relative_to(STORIES)) not in listed and path.name != "__init__.py"
    ]
    assert missing == [], "add these to README.md's map"


def test_every_path_in_the_readme_map_exists():
    """A line's first word is a path (relative to the top-level folder above
    it; lines indented further continue the one before); a module named later
    on a line is next to it."""
    folder = here = ROOT
    gone = []
    for line in readme_map().splitlines():
        indent = len(line) - len(line.lstrip())
        if not line.strip():
            continue
        if indent <= 2:
            first = line.split()[0]
            here = (ROOT if indent == 0 else folder) / first
            folder = here if indent == 0 and first.endswith("/") else folder if indent else ROOT
            if not here.exists():
                gone.append(str(here.relative_to(ROOT)))
        for name in re.findall(r"[\w/]+\.py\b", line)[1 if indent <= 2 else 0 :]:
            if not ((folder / name).exists() or (here.parent / name).exists()):
                gone.append(name)
    assert gone == []


def test_story_queryset_names_every_read_of_its_mixins():
    """A reader finds any read of wins in one hop: StoryQuerySet's docstring
    names each mixin, the module it is in and every read it holds."""
    from stories.models.wins import StoryQuerySet

    doc = StoryQuerySet.__doc__
    unnamed = []
    for mixin in StoryQuerySet.__mro__[1:]:
        if not mixin.__module__.startswith("stories."):
            continue
        module = mixin.__module__.removeprefix("stories.").replace(".", "/") + ".py"
        reads = [name for name, value in vars(mixin).items() if callable(value) and not name.startswith("_")]
        unnamed += [
            f"{module}: {name}" for name in [module, mixin.__name__, *reads] if not re.search(rf"\b{name}\b", doc)
        ]
    assert unnamed == [], "name these in StoryQuerySet's docstring (stories/models/wins.py)"


def test_no_template_line_is_too_long_to_read():
    long = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in [*ROOT.glob("templates/**/*.html"), *STORIES.glob("templates/**/*.html")]
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if len(line) > MAX_TEMPLATE_LINE
    ]
    assert long == []


def test_every_css_rule_of_ours_is_closed():
    """An unclosed rule swallows every rule after it (nested as if inside it)."""
    unbalanced = {}
    for path in ROOT.glob("static/css/*.css"):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
        text = re.sub(r"\"[^\"]*\"|'[^']*'", "", text)
        depth = 0
        for char in text:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                break
        if depth != 0:
            unbalanced[path.name] = depth
    assert unbalanced == {}
