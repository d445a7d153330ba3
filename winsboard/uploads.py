"""A guard on the size of a whole upload, before it is written anywhere."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

FORM_FIELDS_BYTES = 1024 * 1024  # everything that isn't a file, with room to spare
MB = 1024 * 1024


def max_request_bytes():
    """The most a valid post can send: 6 photos and a video at their limits."""
    return 6 * settings.WINSBOARD_MAX_PHOTO_MB * MB + settings.WINSBOARD_MAX_VIDEO_MB * MB + FORM_FIELDS_BYTES


class CappedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: refuses (400) a multipart body larger than
    any valid post, by its declared length and again while it streams in (a
    client may lie about or omit the length). Each file's own limit is checked
    by the form, which names the file."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = max_request_bytes()
        self.received = 0
        if content_length and content_length > self.limit:
            raise RequestDataTooBig("The upload is larger than a win's photos and video can be.")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > getattr(self, "limit", max_request_bytes()):
            raise RequestDataTooBig("The upload is larger than a win's photos and video can be.")
        return raw_data

    def file_complete(self, file_size):
        return None
