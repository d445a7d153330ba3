"""A fresh machine: bin/system-deps installs what the tests need (or says how),
and without Chromium the browser journeys are skipped with one loud line —
or, in CI, fail the run. Nothing here uninstalls anything: apt-get and id are
fakes, the files looked for live under a throwaway root, and Chromium is
"missing" because WINSBOARD_CHROMIUM points nowhere."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SCRIPT = ROOT / "bin" / "system-deps"
BASH = "/bin/bash"

# --- bin/system-deps ---------------------------------------------------------

FILES = {
    "chromium": "usr/bin/chromium",
    "fonts-liberation": "usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "postgresql": "usr/lib/postgresql/15/bin/initdb",
    "redis-server": "usr/bin/redis-server",
    "wrk": "usr/bin/wrk",
}

# A fake apt-get: logs each call (with DEBIAN_FRONTEND), "installs" a package by
# creating its file under the fake root, and fails when told to.
FAKE_APT = """#!/bin/bash
echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> "$FAKE_LOG"
case " $* " in *" ${FAKE_APT_FAIL:-no-failure} "*) exit 100 ;; esac
for arg in "$@"; do
  case $arg in
    chromium) f=usr/bin/chromium ;;
    fonts-liberation) f=usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ;;
    postgresql) f=usr/lib/postgresql/15/bin/initdb ;;
    redis-server) f=usr/bin/redis-server ;;
    wrk) f=usr/bin/wrk ;;
    *) continue ;;
  esac
  f=$WINSBOARD_SYSTEM_ROOT/$f
  mkdir -p "$(dirname "$f")" && touch "$f" && chmod +x "$f"
done
"""
FAKE_ID = '#!/bin/bash\necho "$FAKE_UID"\n'


class Machine:
    def __init__(self, tmp_path):
        self.root = tmp_path / "root"
        self.bin = tmp_path / "bin"
        self.log = tmp_path / "apt.log"
        self.root.mkdir()
        self.bin.mkdir()
        for name, text in {"apt-get": FAKE_APT, "id": FAKE_ID}.items():
            (self.bin / name).write_text(text)
            (self.bin / name).chmod(0o755)

    def has(self, *packages):
        for package in packages:
            path = self.root / FILES[package]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            path.chmod(0o755)

    def run(self, *needs, uid=0, apt=True, **env):
        """bin/system-deps NEEDS…; the fake bin first on PATH (only it without apt)."""
        path = f"{self.bin}:/usr/bin:/bin" if apt else str(self.bin)
        if not apt:
            (self.bin / "apt-get").unlink(missing_ok=True)
        full_env = {
            "PATH": path,
            "WINSBOARD_SYSTEM_ROOT": str(self.root),
            "FAKE_LOG": str(self.log),
            "FAKE_UID": str(uid),
            **env,
        }
        result = subprocess.run([BASH, SCRIPT, *needs], env=full_env, capture_output=True, text=True, timeout=30)
        return result

    @property
    def apt_calls(self):
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def machine(tmp_path):
    return Machine(tmp_path)


INSTALL = "-o DPkg::Lock::Timeout=300 -o Acquire::Retries=2 install -y -qq --no-install-recommends"
UPDATE = "-o DPkg::Lock::Timeout=300 -o Acquire::Retries=2 update -qq"


def test_as_root_it_installs_exactly_what_is_missing_and_says_why(machine):
    machine.has("fonts-liberation")
    result = machine.run("browser")
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls == [
        f"DEBIAN_FRONTEND=noninteractive {UPDATE}",
        f"DEBIAN_FRONTEND=noninteractive {INSTALL} chromium",
    ]
    assert "missing chromium: the headless browser the journeys in tests/browser drive" in result.stderr
    assert "installing chromium with apt-get" in result.stderr
    assert "fonts-liberation" not in result.stderr


def test_a_fresh_machine_gets_chromium_and_fonts_then_nothing_the_second_time(machine):
    first = machine.run("browser")
    assert first.returncode == 0, first.stderr
    assert machine.apt_calls[-1] == f"DEBIAN_FRONTEND=noninteractive {INSTALL} chromium fonts-liberation"
    calls = len(machine.apt_calls)
    second = machine.run("browser")
    assert (second.returncode, second.stderr, len(machine.apt_calls)) == (0, "", calls)


def test_postgres_and_redis(machine):
    machine.run("postgres", "redis")
    assert machine.apt_calls[-1] == f"DEBIAN_FRONTEND=noninteractive {INSTALL} postgresql redis-server"


def test_make_bench_gets_wrk_and_redis(machine):
    result = machine.run("bench", "redis")
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls[-1] == f"DEBIAN_FRONTEND=noninteractive {INSTALL} wrk redis-server"
    assert "missing wrk: the HTTP load generator bench/bench_http.py drives" in result.stderr


def test_postgres_is_not_needed_with_a_database_url(machine):
    result = machine.run("postgres", DATABASE_URL="postgres://db.example/winsboard")
    assert (result.returncode, machine.apt_calls) == (0, [])


def test_all_there_means_silence(machine):
    machine.has(*FILES)
    result = machine.run("browser", "postgres", "redis", "bench")
    assert (result.returncode, result.stdout, result.stderr, machine.apt_calls) == (0, "", "", [])


def test_winsboard_no_apt_installs_nothing_and_prints_the_command(machine):
    result = machine.run("browser", WINSBOARD_NO_APT="1")
    assert (result.returncode, machine.apt_calls) == (0, [])
    assert "NOT installing chromium fonts-liberation: WINSBOARD_NO_APT is set." in result.stderr
    assert (
        "To install, run:  apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation"
        in result.stderr
    )


def test_not_root_prints_the_sudo_command(machine):
    result = machine.run("browser", uid=1000)
    assert (result.returncode, machine.apt_calls) == (0, [])
    assert "not running as root" in result.stderr
    assert (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-liberation"
        in result.stderr
    )


def test_without_apt_get_it_names_the_packages(machine):
    result = machine.run("browser", apt=False)
    assert result.returncode == 0, result.stderr
    assert "no apt-get here (not Debian or Ubuntu)" in result.stderr
    assert "packages for: chromium fonts-liberation" in result.stderr


@pytest.mark.parametrize("step", ["update", "install"])
def test_offline_apt_does_not_fail_make(machine, step):
    result = machine.run("browser", FAKE_APT_FAIL=step)
    assert result.returncode == 0, result.stderr
    assert f"apt-get {step} failed" in result.stderr
    assert "To install, run:  apt-get update && apt-get install" in result.stderr


def test_a_custom_chromium_counts(machine, tmp_path):
    browser = tmp_path / "my-chromium"
    browser.touch()
    browser.chmod(0o755)
    machine.has("fonts-liberation")
    result = machine.run("browser", WINSBOARD_CHROMIUM=str(browser))
    assert (result.returncode, machine.apt_calls) == (0, [])


def test_an_unknown_need_is_a_mistake(machine):
    result = machine.run("browsers")
    assert result.returncode == 2
    assert "unknown need 'browsers'" in result.stderr


# --- no Chromium: the journeys skip (or fail in CI) with one summary line ----

JOURNEYS = """
def test_a_journey(browser_page):
    pass

def test_another_journey(page):
    pass

def test_not_a_journey():
    pass
"""

FOUND = """
def test_a_journey_finds_its_browser(chromium_path):
    assert chromium_path == "/bin/true"
"""


def run_pytest(tmp_path, tests, **env):
    """pytest in a child process on `tests`, with the real browser harness:
    its conftest re-exports tests/browser/conftest.py's hooks and fixtures."""
    (tmp_path / "conftest.py").write_text("from tests.browser.conftest import *  # noqa: F403\n")
    (tmp_path / "test_generated.py").write_text(tests)
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    full_env = {k: v for k, v in os.environ.items() if k != "CI"}
    full_env.update(PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="winsboard.settings", **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(tmp_path / "pytest.ini"), str(tmp_path)],
        cwd=tmp_path,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def summary_lines(result):
    return [line for line in result.stdout.splitlines() if "browser journey" in line and line.startswith("!")]


def test_without_chromium_the_journeys_skip_with_one_loud_line_and_the_run_passes(tmp_path):
    result = run_pytest(tmp_path, JOURNEYS, WINSBOARD_CHROMIUM="/nonexistent")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in result.stdout
    [line] = summary_lines(result)
    assert "2 browser journeys SKIPPED: no Chromium at /nonexistent" in line
    install = "apt-get install chromium fonts-liberation"
    assert (f"sudo {install}" if os.geteuid() else f"Install it: apt-get update && {install}") in line


def test_in_ci_a_journey_without_chromium_fails_the_run_and_says_why(tmp_path):
    result = run_pytest(tmp_path, JOURNEYS, WINSBOARD_CHROMIUM="/nonexistent", CI="true")
    assert result.returncode == 1, result.stdout
    assert "1 passed, 2 errors" in result.stdout
    [line] = summary_lines(result)
    assert "2 browser journeys FAILED: no Chromium at /nonexistent" in line
    assert "CI is set, where the journeys must run" in line


def test_with_chromium_there_is_no_summary_line(tmp_path):
    result = run_pytest(tmp_path, FOUND, WINSBOARD_CHROMIUM="/bin/true", CI="true")
    assert result.returncode == 0, result.stdout
    assert summary_lines(result) == []
