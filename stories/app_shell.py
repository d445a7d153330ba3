"""What the installed app is made of: the web app manifest (names, colours,
icons, shortcuts) and what the service worker keeps on the phone — the app
shell's static files and the offline page, never a signed-in page.

The worker's version is a hash of the shell's static addresses (hashed by
content in production), so a deploy that changes any of them replaces the
worker and its cache; with DEBUG on, the files' sizes and times count too."""

import hashlib
import json
import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext

NAME = "Winsboard"
BRAND = "#17324d"  # the navigation's navy (static/css/winsboard.css --wb-brand)
BACKGROUND_LIGHT, BACKGROUND_DARK = "#ffffff", "#212529"
SHELL = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/winsboard.css",
    "js/theme.js",
    "js/app.js",
    "js/device-store.js",
    "img/icon-192.png",
)


def manifest_of():
    return {
        "id": "/",
        "name": NAME,
        "short_name": NAME,
        "description": gettext("Our team's wins for customers: post yours, cheer your colleagues'."),
        "lang": get_language() or "en",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": BRAND,
        "background_color": BACKGROUND_LIGHT,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        # The phone's share sheet: photos, a video, a link or text open "Post a win" with them.
        "share_target": {
            "action": reverse("share_target"),
            "method": "POST",
            "enctype": "multipart/form-data",
            "params": {
                "title": "title",
                "text": "text",
                "url": "url",
                "files": [
                    {"name": "photos", "accept": ["image/*", ".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"]},
                    {"name": "video", "accept": ["video/*", ".mp4", ".webm", ".mov"]},
                ],
            },
        },
        "shortcuts": [
            {
                "name": pgettext("a shortcut: publish a new win", "Post a win"),
                "url": reverse("story_create"),
                "icons": [_small_icon()],
            },
            {
                "name": pgettext("a shortcut: the featured wall", "Featured"),
                "url": reverse("featured"),
                "icons": [_small_icon()],
            },
        ],
    }


def _small_icon():
    return {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"}


def _shell_version(urls):
    digest = hashlib.sha256("\n".join(urls).encode())
    if settings.DEBUG:  # unhashed names: the files themselves say when they changed
        for path in SHELL:
            found = finders.find(path)
            if found:
                stat = os.stat(found)
                digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def service_worker_context():
    urls = [static(path) for path in SHELL]
    return {
        "version": _shell_version(urls),
        "shell_json": json.dumps(urls),
        "offline_url": reverse("offline"),
        "device_store_url": static("js/device-store.js"),
        "static_prefix": static(""),
    }
