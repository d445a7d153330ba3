"""Settings as a fresh process sees them: `manage.py` or gunicorn import
winsboard.settings with a controlled environment, and so do these."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SETTINGS_FILE = BASE_DIR / "winsboard" / "settings.py"
SETTINGS_VARS = sorted(set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', SETTINGS_FILE.read_text())))


def run_python(code, **env):
    """Run `code` in a new interpreter with only `env` as Winsboard's configuration."""
    environ = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARS}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser journeys only
    environ.update(DJANGO_SETTINGS_MODULE="winsboard.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=120
    )


def load_settings(*names, **env):
    """The values of settings `names` as a fresh process sees them with `env`."""
    code = (
        "import json, winsboard.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refused(**env):
    """The ImproperlyConfigured message importing the settings with `env` raises."""
    result = run_python("import winsboard.settings", **env)
    assert result.returncode != 0, "the settings accepted a bad environment"
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


REFUSALS = """
import importlib, json, os, sys
from django.core.exceptions import ImproperlyConfigured
base = dict(os.environ)
found = []
for env in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(base | env)
    sys.modules.pop("winsboard.settings", None)
    try:
        importlib.import_module("winsboard.settings")
    except ImproperlyConfigured as error:
        found.append(str(error))
    else:
        found.append(None)
print(json.dumps(found))
"""


def refusals(envs):
    """The ImproperlyConfigured message (or None) of importing the settings
    with each environment of `envs`, all in one new interpreter (each import
    from scratch, from the same clean environment): one process, not one each."""
    environ = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARS}
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environ["DJANGO_SETTINGS_MODULE"] = "winsboard.settings"
    result = subprocess.run(
        [sys.executable, "-c", REFUSALS],
        cwd=BASE_DIR,
        env=environ,
        input=json.dumps(envs),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
