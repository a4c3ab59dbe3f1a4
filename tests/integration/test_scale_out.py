"""The production shape: two web processes and the worker on one PostgreSQL and one Redis.

A reader on one process keeps getting the stored page until an editor publishes on the other; from
then on every process serves the new page. A message released by the worker reaches the pages too.
Runs the real production settings with gunicorn, `db_worker` and `redis-server` on loopback.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack, closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
STATUS = "X-Masthead-Cache"


def database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("The scale-out test needs PostgreSQL: run it with DATABASE_URL=postgres://…")
    return url


def redis_server():
    path = shutil.which("redis-server")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing; .ci/run installs it")
        pytest.skip("The scale-out test needs redis-server (apt-get install redis-server)")
    return path


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def scratch_database():
    """A database of its own: the web processes must see committed rows, not a test transaction."""
    url = database_url()
    name = f"masthead_scaleout_{uuid.uuid4().hex[:8]}"
    admin = with_database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield with_database(url, name)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            redis_server(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            tmp_path,
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def production_env(scratch_database, redis_url, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "scale-out-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": scratch_database,
        "CACHE_URL": redis_url,
        "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def manage(env, *args):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def start(stack, env, *command):
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, *command], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    stack.callback(stop, process)
    return process


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_serving(base, what):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/", timeout=20).status_code == 200:
                return base
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.3)
    raise AssertionError(f"{what} on {base} did not start")


def start_web(stack, env):
    port = free_port()
    start(stack, env, "-m", "gunicorn", "cms.wsgi:application", "--workers", "2",
          "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null")  # fmt: skip
    return wait_until_serving(f"http://127.0.0.1:{port}", "gunicorn")


class Browser:
    """An editor behind a TLS-terminating proxy: secure cookies are kept by hand."""

    def __init__(self, base):
        self.base, self.cookies = base, {}
        self.headers = {
            "X-Forwarded-Proto": "https",
            "Referer": base.replace("http", "https") + "/",
        }

    def request(self, method, path, **kwargs):
        response = requests.request(
            method, self.base + path, cookies=self.cookies, headers=self.headers,
            allow_redirects=False, timeout=30, **kwargs,
        )  # fmt: skip
        self.cookies.update(response.cookies.get_dict())
        return response

    def form_token(self, path):
        html = self.request("GET", path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self, username, password):
        token = self.form_token("/admin/login/")
        data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        response = self.request("POST", "/admin/login/", data=data)
        assert response.status_code == 302, response.text[:500]


def read(base, path):
    # Both processes sit behind one public name, as behind a load balancer.
    response = requests.get(base + path, headers={"Host": "127.0.0.1"}, timeout=30)
    assert response.status_code == 200
    return response.headers.get(STATUS), response.text


def shell_value(env, code):
    return manage(env, "shell", "-c", f"print({code})").strip().splitlines()[-1]


def test_a_publish_on_one_process_is_seen_on_the_other(production_env):
    env = production_env
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo", "--users", "--verbosity", "0")
    manage(env, "db_worker", "--batch", "--no-reload")  # the search index the demo queued
    asset_id, asset_path = shell_value(
        env,
        "(lambda a: f'{a.pk} {a.url}')(__import__('buyingstages.library.models').library.models.AssetPage"
        ".objects.live().order_by('pk').first())",
    ).split()
    old_title = shell_value(
        env, f"__import__('wagtail.models').models.Page.objects.get(pk={asset_id}).title"
    )

    with ExitStack() as stack:
        first, second = start_web(stack, env), start_web(stack, env)

        # A reader on the second process gets the page from the shared cache.
        read(second, asset_path)
        assert read(second, asset_path)[0] == "hit"
        assert read(first, asset_path)[0] == "hit"  # stored once for every process

        # A draft changes nothing readers see.
        manage(env, "shell", "-c",
               f"from wagtail.models import Page; p = Page.objects.get(pk={asset_id}).specific; "
               "p.title = 'Published from the other process'; p.save_revision()")  # fmt: skip
        status, html = read(second, asset_path)
        assert (status, old_title in html) == ("hit", True)

        # An editor publishes it on the first process...
        editor = Browser(first)
        editor.sign_in("editor", "masthead-editor")
        publish = f"/admin/bulk/wagtailcore/page/publish/?id={asset_id}"
        token = editor.form_token(publish)
        answer = editor.request("POST", publish, data={"csrfmiddlewaretoken": token})
        assert answer.status_code == 302, answer.text[:500]

        # ...and the second process serves the new page on its very next request.
        status, html = read(second, asset_path)
        assert status == "miss"
        assert "Published from the other process" in html

        # The worker releases a message; every process shows it on the home page.
        start(stack, env, "manage.py", "db_worker", "--no-reload", "--interval", "0.2")
        read(first, "/")
        assert read(second, "/")[0] == "hit"
        manage(env, "shell", "-c",
               "from publishing.messaging.models import Message; m = Message.objects.get(name='Core story'); "
               "m.headline = 'Released by the worker'; m.save_revision().publish()")  # fmt: skip
        deadline = time.monotonic() + 60
        while "Released by the worker" not in read(second, "/")[1]:
            assert time.monotonic() < deadline, "the worker's release never reached the page"
            time.sleep(0.5)
        assert "Released by the worker" in read(first, "/")[1]


# The embedded default: `make run`'s shape --------------------------------------------------------


@pytest.fixture
def embedded_env(tmp_path, migrated_sqlite):
    """What `make run` starts: SQLite, the embedded cache, the dev server and the worker in other
    processes; the database already migrated."""
    database = migrated_sqlite(tmp_path / "db.sqlite3")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "MASTHEAD_CACHE_DIR": str(tmp_path / "cache"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }


def start_dev_server(stack, env):
    port = free_port()
    start(stack, env, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}")
    return wait_until_serving(f"http://127.0.0.1:{port}", "runserver")


def test_in_make_run_a_released_message_reaches_the_stored_home_page_with_the_decks(embedded_env):
    env = embedded_env
    manage(env, "seed_demo", "--users", "--verbosity", "0")
    deck_revision = (
        "__import__('publishing.messaging.models').messaging.models.DeckRendering.objects"
        ".filter(status='ok').order_by('-pk').values_list('pk', flat=True).first()"
    )
    with ExitStack() as stack:
        site = start_dev_server(stack, env)
        start(stack, env, "manage.py", "db_worker", "--no-reload", "--interval", "0.2")
        read(site, "/")
        status, html = read(site, "/")
        assert status == "hit"
        assert "Released in make run" not in html
        rendered_before = shell_value(env, deck_revision)

        manage(env, "shell", "-c",
               "from publishing.messaging.models import Message; m = Message.objects.get(name='Core story'); "
               "m.headline = 'Released in make run'; m.save_revision().publish()")  # fmt: skip
        deadline = time.monotonic() + 60
        while "Released in make run" not in read(site, "/")[1]:
            assert time.monotonic() < deadline, "the release never reached the stored home page"
            time.sleep(0.3)
        # The decks were re-rendered by the worker for the same release.
        assert shell_value(env, deck_revision) != rendered_before
