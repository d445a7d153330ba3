from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from pillow_heif import register_heif_opener


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = "Wins"

    def ready(self):
        # Django's documented place for start-up wiring: these modules use the
        # models, which exist only once the app registry is ready.
        from . import auth, tasks

        user_login_failed.connect(auth.count_failure, dispatch_uid="winsboard-count-sign-in-failure")
        user_logged_in.connect(auth.forget_failures, dispatch_uid="winsboard-forget-sign-in-failures")
        tasks.register()  # the services' background work
        register_heif_opener()  # HEIC photos from iPhones
