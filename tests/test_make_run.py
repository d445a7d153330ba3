"""`make run`: links in e-mails point where it serves, and it ends with its
address and the demo accounts (the demo's e-mails: tests/test_demo_data.py)."""

import os
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def make_run(tmp_path, *args, **env):
    """`make run` with a stand-in for Python that prints what it was given."""
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "python $* site=$WINSBOARD_SITE_URL"\n')
    fake.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "WINSBOARD_SITE_URL"} | env
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "run", f"PY={fake}", *args],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_links_in_emails_use_the_port_make_run_was_given(tmp_path):
    lines = make_run(tmp_path, "PORT=8611")
    assert "python manage.py demo_data --if-empty site=http://127.0.0.1:8611" in lines
    assert lines[-1] == "python manage.py runserver 127.0.0.1:8611 site=http://127.0.0.1:8611"


def test_a_site_url_of_your_own_wins(tmp_path):
    lines = make_run(tmp_path, "PORT=8611", WINSBOARD_SITE_URL="https://wins.example.com")
    assert "python manage.py demo_data --if-empty site=https://wins.example.com" in lines


def test_it_ends_with_its_address_and_the_demo_accounts(tmp_path):
    lines = [line for line in make_run(tmp_path, "HOST=127.0.0.1", "PORT=8700") if line.strip()]
    assert lines[-4] == "Winsboard is at http://127.0.0.1:8700/"
    assert lines[-3].startswith("Sign in as maria (manager) or sam") and "winsboard-demo" in lines[-3]
    assert lines[-2] == "python manage.py demo_data --consent-link site=http://127.0.0.1:8700"  # the customer's page


def test_it_prints_the_demo_forwarding_address_for_thank_you_emails(tmp_path):
    lines = make_run(tmp_path, "PORT=8700")
    [line] = [line for line in lines if line.startswith("Thank-you e-mails:")]
    assert "from sam@example.com to python manage.py forwarding_address sam --if-exists" in line
