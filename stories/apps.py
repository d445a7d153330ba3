from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate, post_save
from django.utils.autoreload import file_changed
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
        from django.contrib.auth import get_user_model

        post_save.connect(names_moved, sender=get_user_model(), dispatch_uid="winsboard-user-names-moved")
        from .services.versions import forget_read_with_session

        # Versions read with a session (stories.sessions) hold for their request only.
        request_started.connect(forget_read_with_session, dispatch_uid="winsboard-versions-request-started")
        request_finished.connect(forget_read_with_session, dispatch_uid="winsboard-versions-request-finished")
        file_changed.connect(code_changed, dispatch_uid="winsboard-code-changed")


def create_cache_table(using="default", verbosity=1, **kwargs):
    """After `migrate`: the database cache's table, when CACHES uses one (idempotent)."""
    call_command("createcachetable", database=using, verbosity=verbosity)


NAME_FIELDS = frozenset({"is_active", "username", "first_name", "last_name"})


def names_moved(sender, instance, created, update_fields=None, **kwargs):
    """A person added or renamed by any path (the company sign-on's first
    visit, `createsuperuser`, a shell — the services move it themselves):
    the names' version moves, so the directory and the feed's filters, kept
    under it (stories.views.pages), show them on the next request, and so do
    the cards that show a renamed person (a new one is on none yet). Not for
    a sign-in's `last_login` nor a new password saved on its own. The search
    index is the services' and the admin's to refresh (a rename in a shell
    is found by the new name after `manage.py search_index --rebuild`)."""
    if created or update_fields is None or NAME_FIELDS & set(update_fields):
        from .models import Story
        from .services.changes import wins_changed

        wins_changed(() if created else Story.objects.showing_people([instance.pk]), names=True)


def code_changed(sender, file_path, **kwargs):
    """`runserver`: a template edited in place is reloaded without a restart,
    so cards and pages (keyed by the code's digest) are made anew with it.
    Says nothing about restarting (Django's own receivers decide)."""
    from .views.cards import _code_digest

    _code_digest.cache_clear()
