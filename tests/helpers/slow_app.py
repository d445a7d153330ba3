"""A WSGI app for tests of the gunicorn worker itself: answers its process
id after the pause its query string asks for (seconds)."""

import os
import time


def app(environ, start_response):
    time.sleep(min(float(environ.get("QUERY_STRING") or 0), 5))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]
