"""Background work, as Django 6 tasks (`django.tasks`).

The immediate backend runs them at once in development and tests;
production queues them in the database (django-tasks-db) for
`manage.py db_worker`. See settings.TASKS. Tasks call services, never the
other way round: the services learn of a task through a registry
(`services.register_video_processor`, done in StoriesConfig.ready).
"""

import logging

from django.tasks import task

from . import services
from .lib.media import MediaError
from .lib.videos import examine_video
from .models import Video

logger = logging.getLogger(__name__)


@task
def process_video(video_id):
    """Probe an uploaded video, read its duration and give it a poster —
    or mark it rejected with a reason its author sees."""
    video = Video.objects.filter(pk=video_id, status=Video.Status.PROCESSING).first()
    if video is None or not video.file:
        return "gone"
    try:
        report = examine_video(video.file.name, video.content_type)
    except MediaError as error:
        services.video_reject(video=video, reason=f"We couldn't use this video: {error}")
        return "rejected"
    except Exception:  # noqa: BLE001 - never leave a video "processing" for ever
        logger.exception("Processing video %s failed", video_id)
        services.video_reject(video=video, reason="We couldn't process this video. Try uploading it again.")
        return "rejected"
    services.video_ready(video=video, report=report)
    return "ready"
