from django.apps import AppConfig


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = "Wins"

    def ready(self):
        # Imported here, once the app registry is ready (these modules use models).
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import auth, services, tasks

        user_login_failed.connect(auth.count_failure, dispatch_uid="winsboard-count-sign-in-failure")
        user_logged_in.connect(auth.forget_failures, dispatch_uid="winsboard-forget-sign-in-failures")
        services.register_video_processor(tasks.process_video.enqueue)
        try:
            from pillow_heif import register_heif_opener
        except ImportError:  # pragma: no cover - pillow-heif is a pinned dependency
            return
        register_heif_opener()
