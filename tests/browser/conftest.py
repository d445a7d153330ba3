"""The real-browser harness: Playwright for Python driving Debian's Chromium
(headless) against pytest-django's live_server.

Every journey uses `browser_page`, which fails the test on any browser
console error, and `assert_accessible(page)`, which runs axe-core.
When Chromium is missing the journeys are skipped, and the run ends with one
loud line: how many were skipped and the command that installs Chromium —
except in CI (CI set), where each such journey fails and so does the run.
"""

import os
import shutil

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


# Every journey that could not run says this (a skip, or in CI a failure);
# the summary at the end counts them.
NO_CHROMIUM = "Chromium not found at"


def install_command():
    sudo = "" if os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get update && {sudo}apt-get install chromium fonts-liberation"


def chromium_found(path):
    return (os.path.isfile(path) and os.access(path, os.X_OK)) or ("/" not in path and shutil.which(path))


@pytest.fixture(scope="session")
def chromium_path():
    if chromium_found(CHROMIUM):
        return CHROMIUM
    reason = f"{NO_CHROMIUM} {CHROMIUM}: browser journey NOT run ({install_command()})."
    if os.environ.get("CI"):
        pytest.fail(reason + " In CI the journeys must run.", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_logreport(report):
    if report.when == "setup" and (report.skipped or report.failed) and NO_CHROMIUM in str(report.longrepr):
        _not_run.add(report.nodeid)


_not_run = set()


def pytest_sessionfinish(session, exitstatus):
    if _not_run and os.environ.get("CI") and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED  # never green in CI without the journeys


@pytest.hookimpl(wrapper=True, tryfirst=True)  # after pytest's own summary: the last line but the counts
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    result = yield
    if not _not_run:
        return result
    count = len(_not_run)
    journeys = f"{count} browser journey{'s' if count != 1 else ''}"
    where = CHROMIUM + (" (WINSBOARD_CHROMIUM)" if os.environ.get("WINSBOARD_CHROMIUM") else "")
    if os.environ.get("CI"):
        line = f"{journeys} FAILED: no Chromium at {where}, and CI is set, where the journeys must run."
    else:
        line = f"{journeys} SKIPPED: no Chromium at {where}."
    terminalreporter.write_sep("!", f"{line} Install it: {install_command()}", red=True, bold=True)
    return result


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
