"""One log line per request (winsboard.requests): method, path (no query
string; tokens in the path masked), status, milliseconds, and the user's id
when the request looked the user up. Outermost in MIDDLEWARE, so error pages
and static files are counted too."""

import logging
import time

log = logging.getLogger("winsboard.requests")
SECRET_URL_ARGUMENTS = ("token", "uidb64")


def logged_path(request):
    """The path with the values of secret URL arguments (a display link's or
    a password reset's token) masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name in SECRET_URL_ARGUMENTS:
        value = match.kwargs.get(name) if match else None
        if isinstance(value, str) and value:
            path = path.replace(value, "[redacted]")
    return path


def _user_id(request):
    """The signed-in user's id if this request already loaded the user (never
    a query just for the log line)."""
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        fields = {
            "method": request.method,
            "path": logged_path(request),
            "status": response.status_code,
            "ms": elapsed,
            "user": _user_id(request),
        }
        log.info("%(method)s %(path)s %(status)s %(ms)sms user=%(user)s", fields, extra=fields)
        return response
