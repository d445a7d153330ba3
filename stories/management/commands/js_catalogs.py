"""Write Django's JavaScript catalogue (gettext, ngettext, interpolate,
get_format, pluralidx and the "djangojs" translations) for every language in
settings.LANGUAGES into static/i18n/<code>.js: a plain static file, hashed and
cached like every other by the manifest storage, not a view run per request.
Run it after compiling the translations (README: "Languages"); `--check`
fails when a committed catalogue differs from a fresh render."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.views.i18n import JavaScriptCatalog

# Only our own catalogues (LOCALE_PATHS, and the app's locale/ if it ever has
# one), not the admin's JavaScript strings that every installed app would add.
_catalog_view = JavaScriptCatalog.as_view(domain="djangojs", packages=["stories"])


def catalog_dir():
    return Path(settings.BASE_DIR) / "static" / "i18n"


def render_catalog(code):
    """The catalogue of the language `code`, as JavaScript text."""
    with translation.override(code):
        response = _catalog_view(RequestFactory().get(f"/static/i18n/{code}.js"))
    return response.content.decode("utf-8")


class Command(BaseCommand):
    help = "Write the JavaScript translation catalogue of every language into static/i18n/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail if a committed catalogue is missing or stale."
        )

    def handle(self, *args, check, **options):
        folder = catalog_dir()
        stale = []
        for code, _name in settings.LANGUAGES:
            path = folder / f"{code}.js"
            fresh = render_catalog(code)
            if path.exists() and path.read_text(encoding="utf-8") == fresh:
                continue
            stale.append(path.name)
            if not check:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(fresh, encoding="utf-8")
        if check and stale:
            raise CommandError(
                gettext("These JavaScript catalogues are out of date: %(names)s. Run manage.py js_catalogs.")
                % {"names": ", ".join(stale)}
            )
        if not check:
            total = len(settings.LANGUAGES)
            self.stdout.write(
                ngettext("Wrote %(count)d of %(total)d catalogue.", "Wrote %(count)d of %(total)d catalogues.", total)
                % {"count": len(stale), "total": total}
            )
