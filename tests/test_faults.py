"""Faults: a real PostgreSQL stopped under a running web process and started again, and background work
that fails for a while (the mail server, a deck rendering) being tried again, a bounded number of times.
"""

import json
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus

from buyingstages.audience.models import Lead
from buyingstages.common.retry import EMAIL_RETRY_DELAYS
from buyingstages.sales.tasks import notify_sales_ready
from publishing.messaging import rendering as decks
from publishing.messaging.models import DeckRendering, Message, RenderStatus, SalesDeck
from publishing.messaging.tasks import DECK_RETRY_DELAYS, render_deck
from tests.people import reading_event

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"


# A real database, stopped and started -------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(command, check=True):
    """Run a shell command as the `postgres` user, as .ci/run does."""
    subprocess.run(  # noqa: S603 (fixed binaries, paths and ports of our own)
        [shutil.which("su") or "/bin/su", "postgres", "-s", "/bin/sh", "-c", command],
        check=check,
        capture_output=True,
        timeout=60,
    )


def fetch(url, body=None):
    """(status, headers, text) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, data=body, headers={"User-Agent": BROWSER})  # noqa: S310
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (our own server)
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


FIRST_ASSET = (
    "from buyingstages.library.models import AssetPage; print(AssetPage.objects.live().first().pk)"
)

SERVER = """
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

make_server("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), handler_class=Quiet).serve_forever()
"""


@pytest.fixture
def throwaway_cluster():
    """A PostgreSQL cluster of our own on a free port: (port, data directory); removed afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: run with DATABASE_URL=postgres://... to stop a real database"
        )
    if not (PG_BIN / "initdb").exists() or shutil.which("su") is None or os.geteuid() != 0:
        pytest.skip(f"needs root and PostgreSQL's own binaries in {PG_BIN} to run a second cluster")
    data = Path(tempfile.mkdtemp(prefix="masthead-faults-"))
    shutil.chown(data, "postgres", "postgres")
    port = free_port()
    pg_ctl = f"{PG_BIN}/pg_ctl -D {data} -l {data}/server.log -w"
    as_postgres(f"{PG_BIN}/initdb -D {data} -A trust -U postgres --no-sync")
    start = f"{pg_ctl} -o '-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off' start"
    as_postgres(start)
    try:
        as_postgres(f"{PG_BIN}/createdb -h 127.0.0.1 -p {port} faults")
        yield port, start, f"{pg_ctl} -m immediate stop"
    finally:
        as_postgres(f"{pg_ctl} -m immediate stop", check=False)
        shutil.rmtree(data, ignore_errors=True)


def test_a_stopped_database_gives_a_friendly_503_and_a_restarted_one_serves_again(
    throwaway_cluster,
):
    db_port, start_database, stop_database = throwaway_cluster
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{db_port}/faults",
        # Persistent connections, as in production: the dead one must be dropped, not reused.
        "DATABASE_CONN_MAX_AGE": "60",
        "MASTHEAD_PAGE_CACHE_SECONDS": "0",  # every request reaches the database
        "MASTHEAD_BEACON_BUFFER_SECONDS": "1",  # the beacon's production path: one insert
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input"], ["seed_demo"]):
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [*manage, *command, "-v", "0"], env=env, cwd=ROOT, check=True, timeout=240
        )
    asset_id = int(
        subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", FIRST_ASSET],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=60,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )
    web_port = free_port()
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SERVER, str(web_port)], env=env, cwd=ROOT
    )
    base = f"http://127.0.0.1:{web_port}"
    try:
        for _ in range(100):
            try:
                status, _, _ = fetch(base + "/subscribe/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200

        as_postgres(stop_database)
        started = time.monotonic()
        status, headers, text = fetch(base + "/subscribe/")
        assert status == 503
        assert time.monotonic() - started < 5  # fails fast
        assert headers["Retry-After"] == "30"
        assert "Back in a moment" in text
        assert "Traceback" not in text and "OperationalError" not in text
        event = reading_event(1)
        status, headers, text = fetch(base + "/t/", json.dumps(event).encode())
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "unavailable" in json.loads(text)["error"]

        as_postgres(start_database)
        # The beacon skips the connection check: the first event may find the dead connection (503),
        # which is then dropped; the next one is stored.
        reading = json.dumps({**event, "p": asset_id}).encode()
        assert fetch(base + "/t/", reading)[0] in (204, 503)
        status, _, text = fetch(base + "/t/", reading)
        assert status == 204, text
        status, _, text = fetch(base + "/subscribe/")
        assert status == 200, text  # the same web process, reconnected
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)


# Background work that fails for a while -----------------------------------------------------


@pytest.fixture
def ready_lead(db, make_user):
    sales = make_user("Sales", "sam")
    sales.email = "sam@example.com"
    sales.save()
    return Lead.objects.create(name="Ana", email="ana@example.com")


def failing(times, then):
    """A stand-in that raises a mail server error `times` times, then does what `then` does."""
    calls = []

    def send(*args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return then(*args, **kwargs)

    send.calls = calls
    return send


def test_the_sales_ready_email_is_sent_after_the_mail_server_comes_back(ready_lead):
    from django.core.mail import send_mail

    send = failing(2, send_mail)
    with mock.patch("buyingstages.sales.tasks.send_mail", send):
        notify_sales_ready.enqueue(ready_lead.pk)
    assert len(send.calls) == 3
    assert [message.subject for message in mail.outbox] == ["Sales-ready: Ana"]


def test_the_sales_ready_email_gives_up_after_a_bounded_number_of_attempts(ready_lead):
    send = failing(100, None)
    with mock.patch("buyingstages.sales.tasks.send_mail", send):
        first = notify_sales_ready.enqueue(ready_lead.pk)
    assert len(send.calls) == 1 + len(EMAIL_RETRY_DELAYS)
    assert first.status == TaskResultStatus.SUCCESSFUL  # it handed over to the next attempt
    assert mail.outbox == []


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_worker_waits_before_the_next_attempt(ready_lead):
    """With a real queue the next attempt is deferred, not run at once."""
    send = failing(1, None)
    default_task_backend.clear()
    before = time.time()
    with mock.patch("buyingstages.sales.tasks.send_mail", send):
        notify_sales_ready.call(ready_lead.pk)
    [retry] = default_task_backend.results
    assert retry.kwargs == {"attempt": 2}
    assert retry.args == [ready_lead.pk]
    assert retry.task.run_after.timestamp() >= before + EMAIL_RETRY_DELAYS[0] - 1
    assert len(send.calls) == 1


@pytest.fixture
def live_deck(db, django_capture_on_commit_callbacks):
    message = Message(name="Core story", headline="Plants hit plan.", job="Cuts downtime.")
    message.save()
    with django_capture_on_commit_callbacks(execute=True):
        message.save_revision().publish()
        deck = SalesDeck.objects.create(
            slug="first",
            title="First",
            slides=[{"type": "message_slide", "value": {"message": message.pk, "parts": []}}],
        )
    previous = deck.current_rendering()
    assert previous is not None
    return deck, previous


def breaking_pptx(times):
    real = decks.write_pptx
    calls = []

    def write(*args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise OSError("The storage is briefly unavailable")
        return real(*args, **kwargs)

    write.calls = calls
    return write


def test_a_deck_that_fails_to_render_once_is_rendered_again(live_deck):
    deck, previous = live_deck
    write = breaking_pptx(1)
    with mock.patch("publishing.messaging.rendering.write_pptx", write):
        render_deck.enqueue(deck.pk)
    assert len(write.calls) == 2
    failed = DeckRendering.objects.get(deck=deck, status=RenderStatus.FAILED)
    assert "briefly unavailable" in failed.error
    assert deck.current_rendering().pk not in (previous.pk, failed.pk)


def test_a_deck_that_keeps_failing_stops_retrying_and_keeps_the_last_good_one_live(live_deck):
    deck, previous = live_deck
    write = breaking_pptx(100)
    with mock.patch("publishing.messaging.rendering.write_pptx", write):
        render_deck.enqueue(deck.pk)
    assert len(write.calls) == 1 + len(DECK_RETRY_DELAYS)
    assert DeckRendering.objects.filter(deck=deck, status=RenderStatus.FAILED).count() == len(
        write.calls
    )
    assert deck.current_rendering() == previous
