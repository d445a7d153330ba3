"""`manage.py search_index --rebuild`: rewrite every win's search index
entry (PostgreSQL's search vector, or SQLite's FTS5 row). The services keep
the index in step; run this after a bulk import or raw SQL changes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from ... import services


class Command(BaseCommand):
    help = "Rebuild the search index of every win."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rewrite every entry (required).")

    def handle(self, *args, rebuild=False, **options):
        if not rebuild:
            raise CommandError(gettext("Say --rebuild to rewrite the whole search index."))
        count = services.search_index_rebuild()
        self.stdout.write(
            ngettext("Indexed %(count)s win for search.", "Indexed %(count)s wins for search.", count)
            % {"count": count}
        )
