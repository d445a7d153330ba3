"""/healthz, and settings read from the environment that refuse bad values.

Settings are imported in a fresh Python process with a controlled
environment, exactly as `manage.py` or gunicorn would import them."""

import re
import secrets
from unittest import mock

import pytest
from django.db import OperationalError

from tests.helpers.settings import BASE_DIR, SETTINGS_VARS, load_settings, refusals, refused, run_python

# --- /healthz ------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client):
    with mock.patch("stories.views.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


# --- core settings ----------------------------------------------------------------------


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    assert "SECRET_KEY must be set when DEBUG is off." in refused(DEBUG="false")


def test_settings_start_with_debug_off_given_a_secret_key_and_allow_no_host_by_default():
    values = load_settings(
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE", DEBUG="false", SECRET_KEY="s3"
    )
    assert values == {"DEBUG": False, "SECRET_KEY": "s3", "ALLOWED_HOSTS": [], "SESSION_COOKIE_SECURE": True}


def test_with_debug_off_static_files_get_hashed_names_and_modules_import_them_by_those():
    values = load_settings("STORAGES", DEBUG="false", SECRET_KEY="s3")
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == "winsboard.storage.HashedStaticFilesStorage"


@pytest.mark.parametrize("hosts", ["wins.example.com", "127.0.0.1,wins.example.com", "*", ".example.com", "10.0.0.5"])
def test_debug_left_on_with_a_host_others_can_reach_refuses_to_start(hosts):
    """DEBUG is on unless DEBUG=false: with ALLOWED_HOSTS=wins.example.com that
    once served tracebacks, settings and the public development key."""
    message = refused(ALLOWED_HOSTS=hosts)
    assert "DEBUG is on" in message and "Set DEBUG=false" in message


def test_debug_on_is_fine_for_local_names_only():
    hosts = "localhost,127.0.0.1,[::1],testserver,wins.localhost"
    assert load_settings("DEBUG", ALLOWED_HOSTS=hosts)["DEBUG"] is True


def test_the_cache_is_local_memory_in_development_and_the_database_in_production():
    local = load_settings("CACHES")["CACHES"]["default"]
    assert local["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    shared = load_settings("CACHES", DEBUG="false", SECRET_KEY="s3")["CACHES"]["default"]
    assert shared["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert shared["LOCATION"] == "winsboard_cache"


def test_the_shared_cache_keeps_enough_entries_that_no_one_can_push_a_limit_out():
    """Django culls its database and local-memory caches past 300 entries:
    a stranger sending many names would push rate-limit counts out."""
    for url in ("db://winsboard_cache", "locmem://"):
        caches = load_settings("CACHES", CACHE_URL=url)["CACHES"]
        assert caches["default"]["OPTIONS"]["MAX_ENTRIES"] >= 100_000


def test_cache_url_picks_redis_or_a_named_database_table():
    redis = load_settings("CACHES", CACHE_URL="redis://:pw@cache.internal:6379/2")["CACHES"]["default"]
    assert redis["BACKEND"] == "winsboard.redis_cache.RedisCache"  # Django's, one client per pool
    assert redis["LOCATION"] == "redis://:pw@cache.internal:6379/2"
    table = load_settings("CACHES", CACHE_URL="db://wins_cache")["CACHES"]["default"]
    assert (table["BACKEND"], table["LOCATION"]) == ("django.core.cache.backends.db.DatabaseCache", "wins_cache")


def test_a_bad_cache_url_is_refused_without_echoing_its_password():
    assert "secret" not in refused(CACHE_URL="memcached://:secret@cache:11211")


def test_media_goes_to_a_private_s3_bucket_when_one_is_named():
    storage = load_settings(
        "STORAGES",
        WINSBOARD_S3_BUCKET="wins-media",
        WINSBOARD_S3_ENDPOINT_URL="https://s3.example.com",
        WINSBOARD_S3_REGION="eu-west-1",
        WINSBOARD_S3_ACCESS_KEY_ID="AKIA",
        WINSBOARD_S3_SECRET_ACCESS_KEY="secret",
    )["STORAGES"]["default"]
    assert storage["BACKEND"] == "winsboard.media_storage.PrivateS3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "wins-media",
        "https://s3.example.com",
        "eu-west-1",
    )
    assert options["querystring_auth"] is True and options["querystring_expire"] == 300
    assert options["default_acl"] is None
    assert load_settings("STORAGES")["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")


def test_the_buckets_origin_is_allowed_for_images_and_video_and_nothing_else():
    """Browsers follow the app's redirect to the bucket: CSP must let them."""
    csp = load_settings(
        "SECURE_CSP", WINSBOARD_S3_BUCKET="wins", WINSBOARD_S3_ENDPOINT_URL="https://s3.example.com:9000"
    )["SECURE_CSP"]
    for directive in ("img-src", "media-src"):
        assert "https://s3.example.com:9000" in csp[directive] and "https://wins.s3.example.com:9000" in csp[directive]
    assert "https://s3.example.com:9000" not in csp["script-src"] + csp["connect-src"] + csp["default-src"]
    assert (
        "https://wins.s3.eu-west-1.amazonaws.com"
        in load_settings("SECURE_CSP", WINSBOARD_S3_BUCKET="wins", WINSBOARD_S3_REGION="eu-west-1")["SECURE_CSP"][
            "img-src"
        ]
    )
    local = load_settings("SECURE_CSP")["SECURE_CSP"]
    assert local["img-src"] == ["'self'", "data:", "blob:"]


def test_settings_default_to_a_local_debug_setup():
    values = load_settings("DEBUG", "ALLOWED_HOSTS", "SECRET_KEY")
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert values["SECRET_KEY"].startswith("django-insecure-")


def test_empty_variables_mean_their_defaults(tmp_path):
    """As a copied .env.example leaves them: `SQLITE_PATH=` must not become the current folder."""
    variables = ["DEBUG", "SQLITE_PATH", "MEDIA_ROOT", "TASKS_BACKEND", "WINSBOARD_EMPOWERMENT_BUDGET"]
    names = ["DEBUG", "SQLITE_PATH", "MEDIA_ROOT", "TASKS", "WINSBOARD_EMPOWERMENT_BUDGET"]
    empty = load_settings(*names, **dict.fromkeys(variables, ""))
    assert empty == load_settings(*names)
    assert empty["SQLITE_PATH"].endswith("db.sqlite3")


def test_allowed_hosts_and_media_root_come_from_the_environment(tmp_path):
    values = load_settings(
        "ALLOWED_HOSTS",
        "MEDIA_ROOT",
        DEBUG="false",
        SECRET_KEY="s3",
        ALLOWED_HOSTS=" wins.example.com, , intranet ",
        MEDIA_ROOT=str(tmp_path),
    )
    assert values == {"ALLOWED_HOSTS": ["wins.example.com", "intranet"], "MEDIA_ROOT": str(tmp_path)}


OIDC_CLIENT = {"WINSBOARD_OIDC_CLIENT_ID": "winsboard", "WINSBOARD_OIDC_CLIENT_SECRET": "s3"}
BAD_VALUES = [
    ({"DEBUG": "maybe"}, "DEBUG must be true or false, not 'maybe'."),
    ({"WINSBOARD_EMPOWERMENT_BUDGET": "abc"}, "WINSBOARD_EMPOWERMENT_BUDGET must be a number, not 'abc'."),
    ({"WINSBOARD_EMPOWERMENT_BUDGET": "-5"}, "WINSBOARD_EMPOWERMENT_BUDGET must be zero or more"),
    ({"WINSBOARD_EMPOWERMENT_BUDGET": "NaN"}, "WINSBOARD_EMPOWERMENT_BUDGET must be zero or more"),
    ({"WINSBOARD_EMPOWERMENT_BUDGET": "Infinity"}, "WINSBOARD_EMPOWERMENT_BUDGET must be zero or more"),
    ({"WINSBOARD_MAX_PHOTO_MB": "lots"}, "WINSBOARD_MAX_PHOTO_MB must be a whole number"),
    ({"WINSBOARD_MAX_PHOTO_MB": "0"}, "WINSBOARD_MAX_PHOTO_MB must be between 1 and 200"),
    ({"WINSBOARD_INVITATION_DAYS": "0"}, "WINSBOARD_INVITATION_DAYS must be between 1 and 365, not 0."),
    ({"WINSBOARD_INVITATION_DAYS": "two weeks"}, "WINSBOARD_INVITATION_DAYS must be a whole number"),
    ({"WINSBOARD_INBOUND_DOMAIN": "wins@example.com"}, "WINSBOARD_INBOUND_DOMAIN must be a domain name"),
    ({"WINSBOARD_INBOUND_DRAFT_DAYS": "0"}, "WINSBOARD_INBOUND_DRAFT_DAYS must be between 1 and 365, not 0."),
    ({"SECURE_HSTS_SECONDS": "-1"}, "SECURE_HSTS_SECONDS must be between 0 and None"),
    ({"WINSBOARD_REVIEW_BEFORE_PUBLISH": "perhaps"}, "WINSBOARD_REVIEW_BEFORE_PUBLISH must be true or false"),
    ({"WINSBOARD_REQUIRE_CUSTOMER_CONSENT": "sure"}, "WINSBOARD_REQUIRE_CUSTOMER_CONSENT must be true or false"),
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'LOUD'."),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be one of plain, json, not 'xml'."),
    ({"CACHE_URL": "memcached://:secret@cache:11211"}, "CACHE_URL must start with redis://"),
    ({"CACHE_URL": "db://drop table"}, "CACHE_URL: db://TABLE needs a table name"),
    ({"WINSBOARD_S3_BUCKET": "wins", "WINSBOARD_S3_ENDPOINT_URL": "ftp://x"}, "WINSBOARD_S3_ENDPOINT_URL must be"),
    ({"WINSBOARD_S3_BUCKET": "wins", "WINSBOARD_S3_ACCESS_KEY_ID": "AKIA"}, "Set both WINSBOARD_S3_ACCESS_KEY_ID"),
    ({"WINSBOARD_S3_BUCKET": "wins", "WINSBOARD_S3_URL_SECONDS": "5"}, "WINSBOARD_S3_URL_SECONDS must be between"),
    (
        {"WINSBOARD_MEDIA_ACCEL_REDIRECT": "protected"},
        "WINSBOARD_MEDIA_ACCEL_REDIRECT must be an internal location",
    ),
    (
        {"WINSBOARD_OIDC_ISSUER": "https://login.example.com", "WINSBOARD_OIDC_CLIENT_ID": "winsboard"},
        "Single sign-on is half set: WINSBOARD_OIDC_ISSUER, WINSBOARD_OIDC_CLIENT_ID given, "
        "WINSBOARD_OIDC_CLIENT_SECRET missing.",
    ),
    ({"WINSBOARD_OIDC_CLIENT_SECRET": "s3"}, "WINSBOARD_OIDC_ISSUER, WINSBOARD_OIDC_CLIENT_ID missing"),
    (
        {"WINSBOARD_OIDC_ISSUER": "http://login.example.com", **OIDC_CLIENT},
        "WINSBOARD_OIDC_ISSUER must start with https:// (http:// only for this machine)",
    ),
    ({"WINSBOARD_OIDC_ISSUER": "login.example.com", **OIDC_CLIENT}, "WINSBOARD_OIDC_ISSUER must be the identity"),
    ({"WINSBOARD_OIDC_ISSUER": "https://a.example?x=1", **OIDC_CLIENT}, "WINSBOARD_OIDC_ISSUER must be the identity"),
    ({"WINSBOARD_PASSWORD_SIGN_IN": "sometimes"}, "WINSBOARD_PASSWORD_SIGN_IN must be true or false"),
    ({"WINSBOARD_OIDC_CREATE_USERS": "y"}, "WINSBOARD_OIDC_CREATE_USERS must be true or false"),
]


@pytest.fixture(scope="module")
def bad_value_refusals():
    """Every bad value's refusal, found in one interpreter (not one each)."""
    return dict(zip(range(len(BAD_VALUES)), refusals([env for env, _ in BAD_VALUES]), strict=True))


@pytest.mark.parametrize("case", range(len(BAD_VALUES)), ids=[",".join(env) for env, _ in BAD_VALUES])
def test_settings_refuse_bad_values_loudly(case, bad_value_refusals):
    _, message = BAD_VALUES[case]
    assert bad_value_refusals[case] is not None, "the settings accepted a bad environment"
    assert message in bad_value_refusals[case]


def test_the_empowerment_budget_and_currency_come_from_the_environment():
    values = load_settings(
        "WINSBOARD_EMPOWERMENT_BUDGET",
        "WINSBOARD_CURRENCY",
        WINSBOARD_EMPOWERMENT_BUDGET="500",
        WINSBOARD_CURRENCY="EUR",
    )
    assert values == {"WINSBOARD_EMPOWERMENT_BUDGET": "500", "WINSBOARD_CURRENCY": "EUR"}
    assert load_settings("WINSBOARD_EMPOWERMENT_BUDGET")["WINSBOARD_EMPOWERMENT_BUDGET"] == "2000"


# --- email ---------------------------------------------------------------------------------


MAILER_PROBE = """
import django
django.setup()
from django.core import mail
mailer = mail.mailers["default"]
print(type(mailer).__module__, getattr(mailer, "host", None), getattr(mailer, "port", None),
      getattr(mailer, "username", None), getattr(mailer, "use_tls", None))
"""


def test_email_is_summed_up_on_the_console_by_default_and_whole_when_asked():
    result = run_python(MAILER_PROBE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "winsboard.mail"
    whole = run_python(MAILER_PROBE, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert whole.stdout.split()[0] == "django.core.mail.backends.console"


def test_the_smtp_mailer_takes_its_server_from_the_environment():
    result = run_python(
        MAILER_PROBE,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.com",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="winsboard",
        EMAIL_HOST_PASSWORD="secret",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.mail.backends.smtp", "smtp.example.com", "2525", "winsboard", "True"]


# --- the database --------------------------------------------------------------------------


def test_database_url_selects_postgresql():
    db = load_settings("DATABASES", DATABASE_URL="postgres://wins:pw@db.internal:5433/winsboard")["DATABASES"]
    default = db["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["NAME"], default["USER"], default["HOST"], default["PORT"]) == (
        "winsboard",
        "wins",
        "db.internal",
        5433,
    )


def test_sqlite_through_a_database_url_runs_on_our_sqlite_backend_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'wins.sqlite3'}"
    assert load_settings("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]["ENGINE"] == "winsboard.sqlite3"


def test_sqlite_is_the_default_and_is_tuned_for_many_users(tmp_path):
    path = tmp_path / "wins.sqlite3"
    default = load_settings("DATABASES", SQLITE_PATH=str(path))["DATABASES"]["default"]
    assert default["ENGINE"] == "winsboard.sqlite3"
    assert default["NAME"] == str(path)
    assert default["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert default["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in default["OPTIONS"]["init_command"]


SQLITE_PROBE = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    pragmas = {}
    for name in ("journal_mode", "busy_timeout", "foreign_keys"):
        cursor.execute("PRAGMA " + name)
        pragmas[name] = cursor.fetchone()[0]
print(pragmas)
"""


def test_a_real_sqlite_file_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    result = run_python(SQLITE_PROBE, SQLITE_PATH=str(tmp_path / "wins.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'journal_mode': 'wal', 'busy_timeout': 20000, 'foreign_keys': 1}"


CONCURRENT_WRITERS = """
import threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE wins (n integer)")
errors = []

def post_wins():
    try:
        for _ in range(25):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM wins")  # read, then write: the classic lock upgrade
                cursor.fetchone()
                time.sleep(0.001)
                cursor.execute("INSERT INTO wins VALUES (1)")
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=post_wins) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM wins")
    print(cursor.fetchone()[0], errors)
"""


def test_concurrent_posts_on_sqlite_queue_instead_of_failing_database_is_locked(tmp_path):
    result = run_python(CONCURRENT_WRITERS, SQLITE_PATH=str(tmp_path / "wins.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "100 []"


# --- every variable is documented ------------------------------------------------------------


def test_hsts_is_on_for_a_year_when_the_site_is_https_and_its_max_age_can_be_changed():
    production = {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "wins.example.com"}
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS")
    https = load_settings(*names, **production, WINSBOARD_SITE_URL="https://wins.example.com")
    assert https == {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}
    shorter = load_settings(
        *names, **production, WINSBOARD_SITE_URL="https://wins.example.com", SECURE_HSTS_SECONDS="600"
    )
    assert shorter["SECURE_HSTS_SECONDS"] == 600
    off = load_settings(*names, **production, WINSBOARD_SITE_URL="https://wins.example.com", SECURE_HSTS_SECONDS="0")
    assert off == {"SECURE_HSTS_SECONDS": 0, "SECURE_HSTS_INCLUDE_SUBDOMAINS": False}
    plain = load_settings(*names, DEBUG="true", WINSBOARD_SITE_URL="http://127.0.0.1:8000")
    assert plain["SECURE_HSTS_SECONDS"] == 0


@pytest.mark.parametrize("document", [".env.example", "README.md"])
def test_every_environment_variable_is_documented(document):
    text = (BASE_DIR / document).read_text()
    missing = [name for name in SETTINGS_VARS if not re.search(rf"\b{name}\b", text)]
    assert len(SETTINGS_VARS) > 10
    assert missing == [], f"{document} does not mention {missing}"


def test_the_production_settings_in_the_readme_pass_the_deploy_check(tmp_path):
    production = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "wins.example.com",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "BEHIND_PROXY": "true",
        "SQLITE_PATH": str(tmp_path / "wins.sqlite3"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
    }
    check = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run_python(f"import django.core.management as m; m.execute_from_command_line({check})", **production)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_the_suite_runs_on_a_real_database_file_or_postgresql():
    """In-memory SQLite would make live_server share the test's connection
    (spurious 500s in browser journeys); see django_db_modify_db_settings."""
    from django.db import connection

    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        assert name.endswith(".sqlite3") and "memory" not in name
        assert connection.cursor().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    else:
        assert connection.vendor == "postgresql"


def test_single_sign_on_is_off_by_default_and_on_with_all_three_variables():
    off = load_settings("WINSBOARD_OIDC_NAME", "SOCIALACCOUNT_PROVIDERS")
    assert off["WINSBOARD_OIDC_NAME"] == ""
    on = load_settings(
        "WINSBOARD_OIDC_NAME",
        "SOCIALACCOUNT_PROVIDERS",
        "SECURE_CSP",
        WINSBOARD_OIDC_ISSUER="http://127.0.0.1:9400/",  # http:// on this machine only
        WINSBOARD_OIDC_NAME="  Contoso   Entra ID ",
        **OIDC_CLIENT,
    )
    assert on["WINSBOARD_OIDC_NAME"] == "Contoso Entra ID"
    (app,) = on["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]["APPS"]
    assert app["client_id"] == "winsboard" and app["secret"] == "s3"
    assert app["settings"]["server_url"] == "http://127.0.0.1:9400"
    # The button's form is answered by a redirect to the provider: only its origin is added.
    assert on["SECURE_CSP"]["form-action"] == ["'self'", "http://127.0.0.1:9400"]
    assert load_settings("SECURE_CSP")["SECURE_CSP"]["form-action"] == ["'self'"]


def test_sessions_are_read_through_redis_only_when_the_shared_cache_is_redis():
    engine = "SESSION_ENGINE"
    assert load_settings(engine, CACHE_URL="redis://127.0.0.1:6390/0")[engine] == "stories.sessions"  # cached_db
    assert load_settings(engine, CACHE_URL="db://winsboard_cache")[engine].endswith("backends.db")
    assert load_settings(engine, CACHE_URL="locmem://")[engine].endswith("backends.db")  # per process: never


@pytest.mark.slow
def test_with_redis_a_signed_in_page_reads_its_session_without_sql_and_signing_out_reaches_every_process(
    tmp_path, settings, employee
):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.helpers.servers import redis_server

    with redis_server(tmp_path) as cache_url:
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "winsboard.redis_cache.RedisCache", "LOCATION": cache_url},
        }
        settings.SESSION_ENGINE = "stories.sessions"
        browser = Client()
        browser.force_login(employee)
        browser.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/").status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"]]
        other_process = Client()  # the same session cookie (a copy), another worker
        other_process.cookies[settings.SESSION_COOKIE_NAME] = browser.cookies[settings.SESSION_COOKIE_NAME].value
        assert other_process.get("/").status_code == 200
        browser.post("/accounts/logout/")
        answer = other_process.get("/")
        assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
