"""The entry point for an ASGI server."""

import os

from django.core.asgi import get_asgi_application

from winsboard.warm_up import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "winsboard.settings")
# A web server opens SQLite's file but never creates it (winsboard/settings.py).
os.environ.setdefault("WINSBOARD_SERVING", "1")
application = get_asgi_application()
warm_up()  # after Django is set up
