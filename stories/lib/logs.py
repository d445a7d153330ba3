"""Log lines that carry no secret: a filter that masks tokens, passwords and
cookies (and drops the traceback of a 4xx answer), and a JSON formatter (one
object per line, for LOG_FORMAT=json). Configured in winsboard/settings.py."""

import json
import logging
import re
from datetime import UTC, datetime

MASK = "[redacted]"
_PATTERNS = [
    # Links that carry their secret in the path: a display's, a customer's, an
    # invitation's, a mailed photo's, a share's (tests/test_production_logs.py
    # walks the URL patterns: a new one with a token fails until it is here),
    # and a password reset's.
    (re.compile(r"(/(?:slideshow/d|customer|join|mail/photos|wins/share)/)[^/\s\"'?]+"), rf"\1{MASK}"),
    (re.compile(r"(/accounts/reset/)[^/\s\"'?]+/[^/\s\"'?]+"), rf"\1{MASK}"),
    # name=value pairs in query strings, form bodies and cookies.
    (
        re.compile(
            r"((?:password\w*|passwd|secret\w*|token|key|sessionid|csrftoken|csrfmiddlewaretoken|signature|"
            r"x-amz-signature|x-amz-credential)=)[^&\s;\"']+",
            re.IGNORECASE,
        ),
        rf"\1{MASK}",
    ),
    # Credentials inside URLs (redis://:pw@host, postgres://user:pw@host).
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://)[^/@\s\"']+@", re.IGNORECASE), rf"\1{MASK}@"),
]
REQUEST_FIELDS = ("method", "path", "status", "ms", "user")


def redact(text):
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    """Masks secrets in the message, the request fields and the traceback;
    a 4xx answer (403, 404 …) is logged without a traceback."""

    _formatter = logging.Formatter()

    def filter(self, record):
        record.msg, record.args = redact(record.getMessage()), ()
        if isinstance(getattr(record, "path", None), str):
            record.path = redact(record.path)
        status = getattr(record, "status_code", None) or getattr(record, "status", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info, record.exc_text = None, None
        elif record.exc_info:
            record.exc_text = redact(self._formatter.formatException(record.exc_info))
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request
    fields when the line is about a request, and the traceback if any."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)
