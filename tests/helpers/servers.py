"""Servers the production tests start themselves, on this machine only:
an S3 server (moto), Redis (Debian's redis-server), and Winsboard under
gunicorn with the settings `make serve` uses. Each is stopped afterwards."""

import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.faults import need_binary
from winsboard.media_storage import PrivateS3Storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
S3_KEY = "winsboard-test"


# --- S3 (moto's server mode) ---------------------------------------------------


@contextmanager
def moto_server():
    """moto's S3 server on a free loopback port: yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@functools.cache
def _s3_client(endpoint):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=S3_KEY, aws_secret_access_key=S3_KEY, region_name="us-east-1"
    )


class ReusedConnectionS3Storage(PrivateS3Storage):
    """The app's S3 storage, with one boto3 connection per endpoint for the
    whole test session (making one costs ~0.5 s of reading AWS's models)."""

    _shared = {}

    @property
    def connection(self):
        key = (self.endpoint_url, threading.get_ident())
        if key not in self._shared:
            self._shared[key] = PrivateS3Storage.connection.fget(self)
        return self._shared[key]


def s3_storage_settings(endpoint, *, expire=300, backend="tests.helpers.servers.ReusedConnectionS3Storage"):
    """STORAGES["default"] for a new, private bucket on `endpoint` (made here)."""
    bucket = f"wins-{uuid.uuid4().hex[:12]}"
    _s3_client(endpoint).create_bucket(Bucket=bucket)
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "access_key": S3_KEY,
            "secret_key": S3_KEY,
            "addressing_style": "path",
            "querystring_auth": True,
            "signature_version": "s3v4",
            "querystring_expire": expire,
            "default_acl": None,
            "file_overwrite": True,
        },
    }


def fetch(url, headers=None):
    """(status, headers, body) of a GET anywhere on this machine (a signed S3 URL)."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - http on loopback only
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# --- Redis ---------------------------------------------------------------------------


@contextmanager
def redis_server(folder):
    """Debian's redis-server on a unix socket in `folder`, no persistence:
    yields the CACHE_URL for it."""
    binary = need_binary("redis-server", "redis-server")
    sock = Path(folder) / "redis.sock"
    process = subprocess.Popen(
        [
            binary,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.02)
        yield f"unix://{sock}"
    finally:
        process.terminate()
        process.wait(10)


# --- Winsboard under gunicorn ---------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def instance_env(folder, **overrides):
    """The environment of a production-like instance in `folder`: DEBUG off,
    plain HTTP on loopback, its own SQLite file, media and static files."""
    folder = Path(folder)
    environ = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")}
    environ.update(
        DEBUG="false",
        SECRET_KEY="test-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="false",
        SQLITE_PATH=str(folder / "db.sqlite3"),
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="INFO",
        TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
    )
    environ.pop("DATABASE_URL", None)
    environ.update(overrides)
    return environ


def manage(environ, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def run_django(environ, code, timeout=120):
    """Run `code` after django.setup() in a process with `environ`; its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        cwd=BASE_DIR,
        env=environ | {"DJANGO_SETTINGS_MODULE": "winsboard.settings"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class Gunicorn:
    """A running `make serve` (winsboard/gunicorn_conf.py) on a free port."""

    def __init__(self, environ, log_path, *, args=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        command = [sys.executable, "-m", "gunicorn", "-c", "winsboard/gunicorn_conf.py", "winsboard.wsgi"]
        command += ["--bind", f"127.0.0.1:{self.port}", *args]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=environ, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_up(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_text()}")
            try:
                if fetch(self.url + "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer /healthz:\n{self.log_text()}")

    def workers(self):
        """The pids of the master's workers."""
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.log.close()


@contextmanager
def gunicorn(environ, *log_paths, args=()):
    """One gunicorn per log path (started together, sharing `environ`): a
    tuple of Gunicorn, each answering /healthz."""
    servers = []
    try:
        for log_path in log_paths:
            servers.append(Gunicorn(environ, log_path, args=args))
        for server in servers:
            server.wait_until_up()
        yield tuple(servers)
    finally:
        for server in servers:
            server.stop()


def collected_static(folder):
    """collectstatic once into `folder` (DEBUG off serves the manifest's names)."""
    folder = Path(folder)
    if not (folder / "staticfiles.json").exists():
        manage({**instance_env(folder.parent), "STATIC_ROOT": str(folder)}, "collectstatic", "--noinput", "-v0")
    return folder


def copy_database(template, folder):
    """A migrated SQLite file for a new instance, copied from `template`."""
    target = Path(folder) / "db.sqlite3"
    shutil.copy(template, target)
    return target
