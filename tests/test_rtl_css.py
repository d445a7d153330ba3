"""Right to left: our own stylesheets use logical properties (margin-inline-start,
not margin-left), so an Arabic page (dir="rtl") mirrors without a second
stylesheet; only Bootstrap needs its RTL build (static/vendor/bootstrap/bootstrap.rtl.min.css)."""

import re
from pathlib import Path

from django.conf import settings

CSS = sorted((Path(settings.BASE_DIR) / "static" / "css").glob("*.css"))
PHYSICAL = re.compile(
    r"^\s*(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?\s*:"
    r"|(?:left|right)\s*:(?!\s*50%)"  # left: 50% with translateX(-50%) centres, in either direction
    r"|text-align\s*:\s*(?:left|right)"
    r"|float\s*:\s*(?:left|right))",
    re.MULTILINE,
)


def test_our_stylesheets_use_logical_properties_only():
    assert CSS
    found = [f"{path.name}: {match.group(0).strip()}" for path in CSS for match in PHYSICAL.finditer(path.read_text())]
    assert found == []


def test_what_grows_or_marks_in_the_reading_direction_flips_right_to_left():
    slideshow = (Path(settings.BASE_DIR) / "static" / "css" / "slideshow.css").read_text()
    assert re.search(r'\[dir="rtl"\] \.deck-progress-bar \{\s*transform-origin: right center;', slideshow)
    site = (Path(settings.BASE_DIR) / "static" / "css" / "winsboard.css").read_text()
    assert re.search(r'\[dir="rtl"\] \.wall-item\.drop-before \.card \{\s*box-shadow: 6px 0', site)


def test_bootstraps_rtl_stylesheet_is_the_same_version_as_its_ltr_one():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap"
    version = re.compile(r"Bootstrap\s+v(\d+\.\d+\.\d+)")
    ltr = version.search((vendor / "bootstrap.min.css").read_text()[:300]).group(1)
    rtl_text = (vendor / "bootstrap.rtl.min.css").read_text()
    assert version.search(rtl_text[:300]).group(1) == ltr
    assert "sourceMappingURL" not in rtl_text  # the manifest storage would fail on the missing map
    assert ".me-auto{margin-left:auto!important}" in rtl_text  # Bootstrap's RTL build: "end" is the left
