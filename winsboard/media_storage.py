"""The media store in an S3-compatible bucket (WINSBOARD_S3_BUCKET; see
winsboard/settings.py), kept private.

Pages link to the app's own addresses (`/media/<name>`, MEDIA_URL), exactly
as with files on disk, so every file still goes through the access check in
`stories.views.media`; only after it does the app redirect to a signed,
short-lived address in the bucket (`signed_url`). An old signed link stops
working when it expires, and a win hidden meanwhile gets no new one."""

from django.conf import settings
from storages.backends.s3 import S3Storage

from stories.lib.media import CONTENT_TYPES


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        """The app's access-checked address for `name` (never the bucket's)."""
        return f"/{settings.MEDIA_URL.lstrip('/')}{name}"

    def get_object_parameters(self, name):
        """Each object's type from its generated name, never what an uploader's
        browser claimed (a "video" sent as text/html stays video/mp4)."""
        parameters = super().get_object_parameters(name)
        parameters["ContentType"] = CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
        return parameters

    def signed_url(self, name, *, expire=None):
        """A signed address in the bucket, valid `expire` seconds
        (WINSBOARD_S3_URL_SECONDS by default)."""
        return super().url(name, expire=expire)
