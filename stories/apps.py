from django.apps import AppConfig


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = "Wins"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import sign_in

        user_login_failed.connect(sign_in.count_failure, dispatch_uid="winsboard-count-sign-in-failure")
        user_logged_in.connect(sign_in.forget_failures, dispatch_uid="winsboard-forget-sign-in-failures")
        try:
            from pillow_heif import register_heif_opener
        except ImportError:  # pragma: no cover - pillow-heif is a pinned dependency
            return
        register_heif_opener()
