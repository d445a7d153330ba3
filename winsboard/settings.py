"""Winsboard settings: one module, read from the environment.

Every variable has a safe local default so a fresh clone runs with no set-up;
values that would be unsafe in production are refused loudly. `.env.example`
lists every variable.
"""

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


# --- helpers that refuse bad values ------------------------------------------


def env_str(name, default=""):
    """The variable's value; unset or empty means the default."""
    return os.environ.get(name) or default


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default, *, minimum=None, maximum=None):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, not {value}.")
    return value


def env_decimal(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return Decimal(default)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}.") from None
    if not value.is_finite() or value < 0:
        raise ImproperlyConfigured(f"{name} must be zero or more, not {raw!r}.")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- core ---------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-never-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Full-text search on PostgreSQL (Story.search_vector). Harmless on SQLite:
    # it only adds lookups and registers types on PostgreSQL connections.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks_db",
    "stories",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "winsboard.urls"
WSGI_APPLICATION = "winsboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "stories.context_processors.winsboard",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------
# SQLite by default (a file in the project), tuned for a multi-user web app:
# WAL so readers never block the writer, a busy timeout, and IMMEDIATE
# transactions so two concurrent posts queue instead of failing "locked".
SQLITE_PATH = Path(env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")))
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# ModelBackend, plus the signed-in user's unread notifications count, read in
# the same query that loads the user (stories.auth): no extra query per page.
AUTHENTICATION_BACKENDS = ["stories.auth.NotifiedUserBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "feed"
LOGOUT_REDIRECT_URL = "login"

# Django 6.1 mailers (the EMAIL_BACKEND setting is deprecated; the variable
# picks the mailer's backend). Console by default: reset links are printed
# where `make run` runs. The SMTP backend reads its server from EMAIL_HOST….
mail_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {"default": {"BACKEND": mail_backend}}
if mail_backend == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587, minimum=1, maximum=65535),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "winsboard@localhost")

# --- i18n ---------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- static and media ---------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "winsboard.storage.HashedStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Uploads over 2.5 MB stream to a temporary file, never into memory. The first
# handler refuses a request bigger than a full post could be (6 photos and a
# video) before it is written anywhere; the form then checks each file's size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "stories.lib.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- background tasks ---------------------------------------------------------
TASKS = {
    "default": {
        # Video probing runs as a task: at once in development and tests; in
        # production (DEBUG off) in django-tasks-db's queue, run by `manage.py db_worker`.
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# --- security -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
if SECURE_HSTS_SECONDS:
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Behind a proxy: trust its X-Forwarded-Proto, and take the client's address
# from the last X-Forwarded-For entry (the one our proxy added) for the
# sign-in limit (stories.auth).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Hosted-video embeds we build ourselves (never what a user typed).
WINSBOARD_VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def env_video_hosts(name):
    """Extra video hosts: comma-separated `provider=host=https://embed.address/{id}`
    entries, e.g. `ourtv=tv.example.com=https://tv.example.com/embed/{id}`. A link
    on `host` gives the id (its last path segment or its `v` parameter); the
    embed address is built from the template and allowed in CSP frame-src."""
    hosts = []
    for entry in env_list(name):
        provider, host, template = ([*entry.split("=", 2), "", ""])[:3]
        provider, host = provider.strip().lower(), host.strip().lower()
        embed = urlsplit(template.strip())
        if (
            not provider.isidentifier()
            or len(provider) > 16
            or provider in {"upload", "youtube", "vimeo"}
            or not host
            or "/" in host
            or embed.scheme != "https"
            or not embed.hostname
            or "@" in embed.netloc
            or "{id}" in embed.netloc
            or template.count("{id}") != 1
        ):
            raise ImproperlyConfigured(
                f"{name}: each entry must look like provider=host=https://embed.address/{{id}}, not {entry!r}."
            )
        hosts.append(
            {"provider": provider, "host": host, "embed": template.strip(), "origin": f"https://{embed.netloc}"}
        )
    return hosts


WINSBOARD_VIDEO_HOSTS = env_video_hosts("WINSBOARD_VIDEO_HOSTS")
WINSBOARD_VIDEO_EMBED_ORIGINS += sorted(
    {host["origin"] for host in WINSBOARD_VIDEO_HOSTS} - set(WINSBOARD_VIDEO_EMBED_ORIGINS)
)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": WINSBOARD_VIDEO_EMBED_ORIGINS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Winsboard ----------------------------------------------------------------
WINSBOARD_EMPOWERMENT_BUDGET = env_decimal("WINSBOARD_EMPOWERMENT_BUDGET", "2000")
WINSBOARD_CURRENCY = env_str("WINSBOARD_CURRENCY", "USD")
WINSBOARD_FEED_PAGE_SIZE = 20
WINSBOARD_REVIEW_BEFORE_PUBLISH = env_bool("WINSBOARD_REVIEW_BEFORE_PUBLISH", False)
WINSBOARD_MAX_PHOTO_MB = env_int("WINSBOARD_MAX_PHOTO_MB", 25, minimum=1, maximum=200)
WINSBOARD_MAX_VIDEO_MB = env_int("WINSBOARD_MAX_VIDEO_MB", 200, minimum=1, maximum=4096)
# Photos with more pixels are refused (decompression bombs); 50 MP fits a 48 MP phone camera.
WINSBOARD_MAX_PHOTO_MEGAPIXELS = env_int("WINSBOARD_MAX_PHOTO_MEGAPIXELS", 50, minimum=1, maximum=200)

# --- logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
