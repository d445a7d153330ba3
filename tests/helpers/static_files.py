"""collectstatic with the production storage, into a throwaway folder."""

import json
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings


class Collected:
    """What collectstatic wrote with the production storage: the files, and
    the manifest mapping each name to its hashed name."""

    def __init__(self, static_root):
        self.root = Path(static_root)
        self.paths = json.loads((self.root / "staticfiles.json").read_text())["paths"]

    def hashed_name(self, name):
        return self.paths[name]

    def hashed_text(self, name):
        return (self.root / self.paths[name]).read_text()


def collect(static_root, static_dirs=None):
    """collectstatic into `static_root` with the production storage (from
    `static_dirs` alone when given)."""
    overrides = {
        "STATIC_ROOT": static_root,
        "STORAGES": {
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "winsboard.storage.HashedStaticFilesStorage"},
        },
    }
    if static_dirs is not None:  # only these folders: no apps' static files
        overrides["STATICFILES_DIRS"] = static_dirs
        overrides["STATICFILES_FINDERS"] = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    with override_settings(**overrides):
        call_command("collectstatic", interactive=False, verbosity=0)
    return Collected(static_root)
