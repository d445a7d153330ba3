from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.db.models.signals import post_migrate
from pillow_heif import register_heif_opener


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = "Wins"

    def ready(self):
        register_heif_opener()  # HEIC photos from iPhones
        # CACHE_URL=db:// (the default with DEBUG off) needs its table: `migrate` makes it.
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="winsboard-create-cache-table")
        from .languages import remember_browser_language

        user_logged_in.connect(remember_browser_language, dispatch_uid="winsboard-remember-browser-language")


def create_cache_table(using="default", verbosity=1, **kwargs):
    """After `migrate`: the database cache's table, when CACHES uses one (idempotent)."""
    call_command("createcachetable", database=using, verbosity=verbosity)
