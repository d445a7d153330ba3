"""The real-browser harness: Playwright for Python driving Debian's Chromium
(headless) against pytest-django's live_server.

Every journey uses `browser_page`, which fails the test on any browser
console error, and `assert_accessible(page)`, which runs axe-core.
When Chromium is missing the journeys are skipped with a loud reason —
except in CI (CI set), where that is a failure.
"""

import os
import shutil
import warnings

import pytest

CHROMIUM = os.environ.get("WINSBOARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# The ORM is used from the test's thread while Playwright runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path():
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return CHROMIUM
    reason = f"Chromium not found at {CHROMIUM}: browser journeys NOT run (apt-get install chromium)."
    if os.environ.get("CI"):
        pytest.fail(reason)
    warnings.warn(reason, stacklevel=1)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS, "headless": True}


# A form with errors answers 400/422 by design (bad input is a 4xx); Chromium
# logs that document response as a console error. Anything else fails.
EXPECTED_FORM_STATUS = ("status of 400 (Bad Request)", "status of 422 (Unprocessable Content)")


class ConsoleErrors(list):
    def record(self, text):
        if text.startswith("Failed to load resource") and text.endswith(EXPECTED_FORM_STATUS):
            return
        self.append(text)


@pytest.fixture
def console_errors():
    return ConsoleErrors()


@pytest.fixture
def browser_page(page, live_server, console_errors):
    """A page on the live server that records console errors and failed
    requests; the test fails if any happened."""
    page.set_default_timeout(10_000)
    page.on("console", lambda msg: console_errors.record(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console_errors.record(str(exc)))
    page.base_url = live_server.url
    yield page
    assert list(console_errors) == [], f"browser console errors: {console_errors}"
