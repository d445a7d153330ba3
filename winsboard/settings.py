"""Winsboard settings: one module, read from the environment.

Every variable has a safe local default so a fresh clone runs with no set-up;
values that would be unsafe in production are refused loudly. `.env.example`
lists every variable.
"""

import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import quote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from winsboard.oidc_settings import oidc_settings

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


def env_choice(name, default, choices):
    """One of `choices` (any case); anything else is refused, naming them."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in {choice.lower() for choice in choices}:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return next(choice for choice in choices if choice.lower() == value)


def is_local_host(host):
    """Only this machine (or Django's test client) can reach the site by this name."""
    host = host.lower()
    return host in {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"} or host.endswith(".localhost")


# --- core ---------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-never-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
# DEBUG is on unless DEBUG=false: a server others reach must not run so
# (tracebacks, settings and URL patterns to anyone, a public SECRET_KEY).
if DEBUG and (public := [host for host in ALLOWED_HOSTS if not is_local_host(host)]):
    raise ImproperlyConfigured(
        f"DEBUG is on (it is unless DEBUG=false) while ALLOWED_HOSTS lets others reach the site "
        f"({', '.join(public)}): debug pages would show tracebacks and settings to anyone, with the public "
        "development SECRET_KEY. Set DEBUG=false and a SECRET_KEY for a server."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # "3 hours ago" in every language (naturaltime)
    # Full-text search on PostgreSQL (Story.search_vector). Harmless on SQLite:
    # it only adds lookups and registers types on PostgreSQL connections.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    # Sign-in by e-mailed code and company single sign-on (OpenID Connect);
    # password sign-in stays ours (stories.auth: stricter limits).
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # Before django_tasks_db: its `db_worker` command is ours (survives database errors).
    "stories",
    "django_tasks_db",
    # Signed inbound webhooks of mail providers (thank-you e-mails: stories.views.inbound).
    "anymail",
]

MIDDLEWARE = [
    "stories.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stories.views.pages.PageWithSessionMiddleware",  # before anything reads the session
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stories.languages.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "stories.middleware.MessageMiddleware",  # Django's, storage made when used
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "stories.middleware.ContentSecurityPolicyMiddleware",  # Django's, nonce-less header built once
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
                "django.template.context_processors.i18n",
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
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["ENGINE"] = "winsboard.sqlite3"  # Django's, each query's placeholders converted once
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Like SQLite's busy timeout: a write that waits 20 s for a lock gives
        # up, and the person gets "busy, try again" (503) instead of a hung page.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=20000"
else:
    # A web server (winsboard/wsgi.py, asgi.py set WINSBOARD_SERVING) opens the
    # file read-write but never creates it: a wrong or lost SQLITE_PATH answers
    # 503 instead of making an empty database. `manage.py migrate` creates it.
    serving = os.environ.get("WINSBOARD_SERVING") == "1"
    DATABASES = {
        "default": {
            "ENGINE": "winsboard.sqlite3",  # Django's, each query's placeholders converted once
            "NAME": f"file:{quote(str(SQLITE_PATH))}?mode=rw" if serving else SQLITE_PATH,
            # Each thread keeps its connection for up to a minute: opening one
            # (and its PRAGMAs) cost ~1.5 ms of every request that read the
            # database, more than the signed-in user's query itself.
            "CONN_MAX_AGE": 60,
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

# --- cache --------------------------------------------------------------------
# What several processes must agree on lives here: sign-in and password-reset
# limits (stories.auth) and the wins' version that slides.json compares its
# ETag with (stories.services.versions). Local memory (one process) by default
# with DEBUG on; the database (shared by every process and machine; `migrate`
# creates the table) with it off; Redis with CACHE_URL=redis://….


# The database and local-memory caches cull a third of their entries past
# MAX_ENTRIES (300 by default): someone sending many names could push a rate
# limit's count out early. Every limit's key expires with its window anyway.
SHARED_CACHE_ENTRIES = 100_000


def env_cache(name, default):
    url = env_str(name, default)
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss", "unix"}:
        # Fail fast when Redis is away instead of holding a worker.
        options = {"socket_connect_timeout": 2, "socket_timeout": 2}
        return {"BACKEND": "winsboard.redis_cache.RedisCache", "LOCATION": url, "OPTIONS": options}
    if parts.scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or "winsboard_cache"
        if not table.isidentifier():
            raise ImproperlyConfigured(
                f"{name}: db://TABLE needs a table name of letters, digits and _, not {table!r}."
            )
        options = {"MAX_ENTRIES": SHARED_CACHE_ENTRIES}
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table, "OPTIONS": options}
    if parts.scheme == "locmem":
        options = {"MAX_ENTRIES": SHARED_CACHE_ENTRIES}
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "winsboard", "OPTIONS": options}
    # Never echo the URL: it may carry a password.
    raise ImproperlyConfigured(
        f"{name} must start with redis://, rediss://, unix:// (Redis), db:// or locmem://, not {parts.scheme!r}://."
    )


CACHES = {"default": {**env_cache("CACHE_URL", "locmem://" if DEBUG else "db://winsboard_cache"), "KEY_PREFIX": "wb"}}


def in_process_memory(location, *, entries, cull, seconds):
    """A cache in each process's own memory, bounded (LocMemCache)."""
    options = {"MAX_ENTRIES": entries, "CULL_FREQUENCY": cull}
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": location,
        "TIMEOUT": seconds,
        "OPTIONS": options,
    }


def card_cache(default, enabled):
    """Rendered cards (stories.views.cards) are keyed by each win's version,
    read from the database with the page: exact in any cache, even one per
    process. So they share Redis when there is one, and otherwise stay in
    each process's memory (the database cache would cost an SQL query to
    read and three to write each card). WINSBOARD_CARD_CACHE=false renders
    every card every time (to measure what the cache saves)."""
    if not enabled:
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if default["BACKEND"].endswith("RedisCache"):
        return {**default, "KEY_PREFIX": "wb-cards", "TIMEOUT": CARD_SECONDS}
    # ~2-4 KB a card: at most ~20 MB a process.
    return in_process_memory("winsboard-cards", entries=6000, cull=4, seconds=CARD_SECONDS)


CARD_SECONDS = 24 * 3600  # a card's key changes with it: old ones just expire
WINSBOARD_CARD_CACHE = env_bool("WINSBOARD_CARD_CACHE", True)
CACHES["cards"] = card_cache(CACHES["default"], WINSBOARD_CARD_CACHE)


def page_cache(default, enabled):
    """Whole pages as one viewer sees them (stories.views.pages), keyed by
    the versions in the shared cache: exact in any cache. In Redis when
    there is one (~40-100 KB a page, kept PAGE_SECONDS: give Redis a
    `maxmemory` and an `allkeys-lru` policy), else in each process's memory,
    at most 300 pages (~25 MB). WINSBOARD_PAGE_CACHE=false makes every page
    every time (to measure what the cache saves)."""
    if not enabled:
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if default["BACKEND"].endswith("RedisCache"):
        return {**default, "TIMEOUT": PAGE_SECONDS}  # beside the versions: read with them in one round trip
    return in_process_memory("winsboard-pages", entries=300, cull=3, seconds=PAGE_SECONDS)


PAGE_SECONDS = 300
WINSBOARD_PAGE_CACHE = env_bool("WINSBOARD_PAGE_CACHE", True)
CACHES["pages"] = page_cache(CACHES["default"], WINSBOARD_PAGE_CACHE)

# Sessions: in the database; read through Redis when the shared cache is
# Redis (a signed-in request then reads its session without an SQL query;
# every change writes both). Never through the database cache (no gain) nor
# per-process memory (a sign-out in one process would not reach another).
SESSION_ENGINE = (
    "stories.sessions"  # Django's cached_db, read with the versions in one round trip
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "django.contrib.sessions.backends.db"
)

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

# --- sign-in without a password (django-allauth) ----------------------------
# allauth does the e-mailed code and OpenID Connect; nobody signs up on their
# own (managers add people), and our password form (stories.auth) keeps its
# own limits. The README's "Signing in" section is the operator's guide.
ACCOUNT_ADAPTER = "stories.sign_on.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "stories.sign_on.CompanySignOnAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 5 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to addresses without an account (the page reads the same)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Winsboard: "
# allauth's own limits are off: the code pages count with ours (stories.auth,
# fixed windows, atomic, one address can't be blocked by a stranger), and the
# wrong codes typed are capped per code (MAX_ATTEMPTS, kept in the session).
ACCOUNT_RATE_LIMITS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-on starts from a POST (our button), never a cross-site GET
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # we match people by verified e-mail ourselves (stories.sign_on)
SOCIALACCOUNT_STORE_TOKENS = False

WINSBOARD_PASSWORD_SIGN_IN = env_bool("WINSBOARD_PASSWORD_SIGN_IN", True)
WINSBOARD_OIDC = oidc_settings(os.environ)
WINSBOARD_OIDC_NAME = WINSBOARD_OIDC["name"] if WINSBOARD_OIDC else ""
WINSBOARD_OIDC_CREATE_USERS = env_bool("WINSBOARD_OIDC_CREATE_USERS", False)
WINSBOARD_OIDC_MANAGER_GROUP = env_str("WINSBOARD_OIDC_MANAGER_GROUP").strip()
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "provider_class": "stories.sign_on.CompanyProvider",  # a nonce, and the ID token's signature always checked
        "APPS": [WINSBOARD_OIDC["app"]] if WINSBOARD_OIDC else [],
    }
}

# Django 6.1 mailers (the EMAIL_BACKEND setting is deprecated; the variable
# picks the mailer's backend). By default one line per e-mail on the console
# (winsboard.mail: recipient, subject, first link) where `make run` runs; the
# whole message with django.core.mail.backends.console.EmailBackend. The SMTP
# backend reads its server from EMAIL_HOST….
mail_backend = env_str("EMAIL_BACKEND", "winsboard.mail.SummaryEmailBackend")
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
# Every language Winsboard ships; the catalogues live in locale/ (README: "Languages").
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("nl", "Nederlands"),
    ("ar", "العربية"),
]
LANGUAGES_BIDI = ["ar"]
# The site's language: for people who never chose one (e-mails) and browsers asking for none we ship.
LANGUAGE_CODE = env_str("WINSBOARD_LANGUAGE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    shipped = ", ".join(dict(LANGUAGES))
    raise ImproperlyConfigured(f"WINSBOARD_LANGUAGE must be one of {shipped}, not {LANGUAGE_CODE!r}.")
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["winsboard.formats"]  # English dates day first (winsboard/formats/en/formats.py)
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- static and media ---------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))


def media_storage():
    """The media store: an S3-compatible bucket when WINSBOARD_S3_BUCKET is set
    (private: the app checks who may see a file, then redirects to a signed
    address that expires), else MEDIA_ROOT on this machine's disk."""
    bucket = env_str("WINSBOARD_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    endpoint = env_str("WINSBOARD_S3_ENDPOINT_URL")
    if endpoint and (urlsplit(endpoint).scheme not in {"http", "https"} or not urlsplit(endpoint).hostname):
        raise ImproperlyConfigured(f"WINSBOARD_S3_ENDPOINT_URL must be an http(s):// address, not {endpoint!r}.")
    key_id, secret = env_str("WINSBOARD_S3_ACCESS_KEY_ID"), env_str("WINSBOARD_S3_SECRET_ACCESS_KEY")
    if bool(key_id) != bool(secret):
        raise ImproperlyConfigured(
            "Set both WINSBOARD_S3_ACCESS_KEY_ID and WINSBOARD_S3_SECRET_ACCESS_KEY, or neither."
        )
    return {
        "BACKEND": "winsboard.media_storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": env_str("WINSBOARD_S3_REGION") or None,
            "access_key": key_id or None,  # none: boto3 finds credentials itself (instance role, AWS_* variables)
            "secret_key": secret or None,
            "addressing_style": env_choice("WINSBOARD_S3_ADDRESSING_STYLE", "auto", ["auto", "path", "virtual"]),
            "querystring_auth": True,
            "signature_version": "s3v4",
            "querystring_expire": env_int("WINSBOARD_S3_URL_SECONDS", 300, minimum=10, maximum=86400),
            "default_acl": None,  # the bucket's own (private) policy
            "file_overwrite": True,  # names are random; no HEAD request before each write
        },
    }


# Served by nginx after the app's access check (X-Accel-Redirect to this
# internal location), so a large video never holds a Python worker.
WINSBOARD_MEDIA_ACCEL_REDIRECT = env_str("WINSBOARD_MEDIA_ACCEL_REDIRECT")
if WINSBOARD_MEDIA_ACCEL_REDIRECT and not (
    WINSBOARD_MEDIA_ACCEL_REDIRECT.startswith("/") and WINSBOARD_MEDIA_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured(
        f"WINSBOARD_MEDIA_ACCEL_REDIRECT must be an internal location like /protected-media/, "
        f"not {WINSBOARD_MEDIA_ACCEL_REDIRECT!r}."
    )


def media_origins(storage):
    """Where browsers fetch media from after the app's redirect: the bucket's
    origin, allowed in CSP img-src and media-src (none for files on disk)."""
    options = storage.get("OPTIONS", {})
    if "bucket_name" not in options:
        return []
    bucket, endpoint = options["bucket_name"], options["endpoint_url"]
    if endpoint:
        parts = urlsplit(endpoint)
        path_style = [f"{parts.scheme}://{parts.netloc}"]
        return (
            path_style
            if options["addressing_style"] == "path"
            else [*path_style, f"{parts.scheme}://{bucket}.{parts.netloc}"]
        )
    region = options["region_name"] or "us-east-1"
    return [
        f"https://{bucket}.s3.amazonaws.com",
        f"https://{bucket}.s3.{region}.amazonaws.com",
        f"https://s3.{region}.amazonaws.com",
    ]


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "winsboard.storage.HashedStaticFilesStorage"
        )
    },
}
WINSBOARD_MEDIA_ORIGINS = media_origins(STORAGES["default"])
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Uploads over 2.5 MB stream to a temporary file, never into memory. The first
# handler refuses a request bigger than a full post could be (6 photos and a
# video) before it is written anywhere; the form then checks each file's size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Where those temporary files wait (the system's temporary folder by default).
# `make serve` gives each worker a folder of its own and removes it when the
# worker exits, even killed mid-upload (winsboard/gunicorn_conf.py).
FILE_UPLOAD_TEMP_DIR = env_str("WINSBOARD_UPLOAD_TEMP_DIR") or None
FILE_UPLOAD_HANDLERS = [
    "winsboard.uploads.CappedUploadHandler",
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
# A refused form says why: an expired page, or secure cookies over plain HTTP.
CSRF_FAILURE_VIEW = "stories.views.errors.csrf_failure"
# HSTS (SECURE_HSTS_SECONDS): set below, once WINSBOARD_SITE_URL is known.
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
    "img-src": [CSP.SELF, "data:", "blob:", *WINSBOARD_MEDIA_ORIGINS],
    "media-src": [CSP.SELF, "blob:", *WINSBOARD_MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": WINSBOARD_VIDEO_EMBED_ORIGINS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # The company sign-on's button is a form answered by a redirect to its provider.
    "form-action": [CSP.SELF, *([WINSBOARD_OIDC["origin"]] if WINSBOARD_OIDC else [])],
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
# Quotes the customer has not confirmed (by their link) show only to the win's author and managers.
WINSBOARD_REQUIRE_CUSTOMER_CONSENT = env_bool("WINSBOARD_REQUIRE_CUSTOMER_CONSENT", False)
WINSBOARD_MAX_PHOTO_MB = env_int("WINSBOARD_MAX_PHOTO_MB", 25, minimum=1, maximum=200)
WINSBOARD_MAX_VIDEO_MB = env_int("WINSBOARD_MAX_VIDEO_MB", 200, minimum=1, maximum=4096)
# Photos with more pixels are refused (decompression bombs); 50 MP fits a 48 MP phone camera.
WINSBOARD_MAX_PHOTO_MEGAPIXELS = env_int("WINSBOARD_MAX_PHOTO_MEGAPIXELS", 50, minimum=1, maximum=200)


# --- celebrating: e-mail links, the chat webhook -------------------------------


def env_site_url(name):
    """The site's own address for links in e-mails, the digest and the chat
    message (pages use the request's). Default: the development server with
    DEBUG on, else https:// and the first ALLOWED_HOSTS name."""
    raw = env_str(name).strip().rstrip("/")
    if not raw:
        if DEBUG:
            return "http://127.0.0.1:8000"
        host = next((h for h in ALLOWED_HOSTS if h and not h.startswith((".", "*"))), "")
        return f"https://{host}" if host else ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or "@" in raw:
        raise ImproperlyConfigured(f"{name} must be the site's address, like https://wins.example.com, not {raw!r}.")
    if parts.scheme != "https" and not DEBUG:
        raise ImproperlyConfigured(f"{name} must start with https:// when DEBUG is off, not {raw!r}.")
    return raw


def env_https_url(name):
    """An https:// address (a chat webhook), or "" when unset."""
    raw = env_str(name).strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in raw):
        # The message names the variable only: a webhook address is a secret.
        raise ImproperlyConfigured(f"{name} must be an https:// address (an incoming webhook of Slack or Teams).")
    return raw


WINSBOARD_SITE_URL = env_site_url("WINSBOARD_SITE_URL")
# Backups (`manage.py backup`) are signed with this key (HMAC-SHA256) and
# `restore` refuses an archive not signed with it. Unset: SECRET_KEY signs
# them. Keep it with the backups' other secrets: a restore elsewhere needs it.
WINSBOARD_BACKUP_KEY = env_str("WINSBOARD_BACKUP_KEY")
# HSTS: on (a year) when the site's address is https://, off for plain
# http; SECURE_HSTS_SECONDS sets another max-age (0 turns it off). Django's
# SecurityMiddleware sends it on HTTPS responses only.
SECURE_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS", 365 * 24 * 3600 if WINSBOARD_SITE_URL.startswith("https://") else 0, minimum=0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = bool(SECURE_HSTS_SECONDS)
# Featuring a win posts a message there (Slack and Teams incoming webhooks).
WINSBOARD_CHAT_WEBHOOK_URL = env_https_url("WINSBOARD_CHAT_WEBHOOK_URL")
# Seconds to wait before each retry of a failed chat message (then give up, logged).
WINSBOARD_CHAT_RETRY_DELAYS = (5, 30, 120)
WINSBOARD_CHAT_TIMEOUT_SECONDS = 10
# An invitation (/join/) works this many days after it was issued or re-issued.
WINSBOARD_INVITATION_DAYS = env_int("WINSBOARD_INVITATION_DAYS", 14, minimum=1, maximum=365)


# --- thank-you e-mails become draft wins (stories.services.inbound) -------------
DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"


def env_domain(name, default):
    raw = env_str(name, default).strip().lower()
    if not re.fullmatch(rf"(?=.{{1,253}}$){DOMAIN_LABEL}(?:\.{DOMAIN_LABEL})*", raw):
        raise ImproperlyConfigured(f"{name} must be a domain name such as wins.example.com (got {raw!r}).")
    return raw


# Everyone's forwarding address is wins+<token>@ this domain (the mail server's MX points here).
WINSBOARD_INBOUND_DOMAIN = env_domain("WINSBOARD_INBOUND_DOMAIN", "localhost")
# Drafts nobody posted are removed by `manage.py sweep_media` after this many days.
WINSBOARD_INBOUND_DRAFT_DAYS = env_int("WINSBOARD_INBOUND_DRAFT_DAYS", 30, minimum=1, maximum=365)
# Mailgun's inbound webhook (/inbound/mailgun/inbound_mime/) checks each request's signature with this
# key; unset, the webhook address answers 404.
WINSBOARD_MAILGUN_WEBHOOK_SIGNING_KEY = env_str("WINSBOARD_MAILGUN_WEBHOOK_SIGNING_KEY")

# --- logging ------------------------------------------------------------------
# One line per request (stories.middleware.RequestLogMiddleware): method, path
# (no query string; tokens in paths masked), status, milliseconds, user id.
# LOG_FORMAT=json writes each line as one JSON object. No line carries a
# password, token or cookie (stories.lib.logs.RedactFilter); 4xx answers are
# logged without a traceback.
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ["plain", "json"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "stories.lib.logs.RedactFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "stories.lib.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's messages go through the same handler (not Django's own console one).
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}
