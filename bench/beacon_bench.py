"""Beacon throughput on loopback: sustained events/second beside a baseline, and zero loss.

Run: .venv/bin/python bench/beacon_bench.py [--seconds 10] [--clients 4]
Starts Django's threaded development server on 127.0.0.1 with bench.settings (a throwaway SQLite file,
or PostgreSQL when DATABASE_URL is set), then for a bounded time sends requests from --clients threads:
first to the baseline view, then beacon events (a mix of views, reads and downloads from many
visitors). It reports requests/second, p50/p99 latency, the ratio to the baseline, and checks that the
number of events stored equals the number of 204s.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36 bench"


def manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def shell_value(code, env):
    """Run Python in `manage.py shell` and return what it printed last, as JSON."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", f"import json; print(json.dumps({code}))"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


EVENT_COUNT = (
    "__import__('buyingstages.audience.models').audience.models.ContentEvent.objects.count()"
)
# Score what the beacon buffered, as the worker does, timed; then count the events stored.
FOLD_AND_COUNT = (
    "(lambda started, buffer, models: [buffer.fold_all(), __import__('time').perf_counter() - started,"
    " models.ContentEvent.objects.count()])(__import__('time').perf_counter(),"
    " __import__('importlib').import_module('buyingstages.audience.event_buffer'),"
    " __import__('buyingstages.audience.models').audience.models)"
)


READER_IDS = (
    "[__import__('buyingstages.audience.readers', fromlist=['sign']).sign(__import__('uuid').uuid4())"
    " for _ in range({count})]"
)


def reader_ids(count, env):
    """Reader ids as the site issues them (POST /t/id/), signed with the server's own key."""
    return shell_value(READER_IDS.format(count=count), env)


def stored_events(env):
    """(events folded now, seconds the fold took, events stored) once the buffer is scored."""
    folded, seconds, count = shell_value(FOLD_AND_COUNT, env)
    return folded, seconds, count


ASSET_IDS = (
    "list(__import__('buyingstages.library.models').library.models.AssetPage.objects.live()"
    ".values_list('pk', flat=True))"
)


def load(path, body_for, seconds, clients):
    """Hammer one URL from several threads for `seconds`; return (statuses, latencies)."""
    statuses, latencies, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while time.monotonic() < deadline:
            body = body_for()
            started = time.perf_counter()
            if body is None:
                connection.request("GET", path, headers={"User-Agent": USER_AGENT})
            else:
                connection.request(
                    "POST",
                    path,
                    body=body,
                    headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
                )
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                statuses.append(response.status)
                latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, latencies


def summary(label, statuses, latencies, seconds, baseline_rate=None):
    rate = len(statuses) / seconds
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
    ratio = f"{rate / baseline_rate:6.2f}" if baseline_rate else "  1.00"
    print(f"{label:34} {rate:9.0f} req/s  ×baseline {ratio}  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    sqlite = Path(env.setdefault("BENCH_SQLITE", "/tmp/masthead-bench.sqlite3"))  # noqa: S108
    if not env.get("DATABASE_URL"):
        sqlite.unlink(missing_ok=True)
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", "--verbosity", "0", env=env)
    # A generous rate limit: this measures throughput, not the limiter.
    manage("shell", "-c", "from buyingstages.audience.models import ProfilingSettings as P; s=P.load(); "
           "s.events_per_minute=30000; s.save()", env=env)  # fmt: skip
    asset_ids = shell_value(ASSET_IDS, env)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request(
                    "GET", "/bench-baseline/"
                )
                break
            except OSError:
                time.sleep(0.1)
        visitors = reader_ids(500, env)

        def event():
            kind = random.choice(["view", "view", "read", "download"])  # noqa: S311
            body = {"v": random.choice(visitors), "i": str(uuid.uuid4()), "e": kind,
                    "p": random.choice(asset_ids)}  # noqa: S311  # fmt: skip
            if kind == "read":
                body.update(s=random.randint(1, 4), n=4)  # noqa: S311
            return json.dumps(body)

        before = stored_events(env)[2]
        print(
            f"{args.clients} clients, {args.seconds:.0f} s each, loopback, {env.get('DATABASE_URL', 'SQLite')[:30]}\n"
        )
        baseline = summary("baseline: bare view", *load("/bench-baseline/", lambda: None, args.seconds, args.clients),
                           args.seconds)  # fmt: skip
        statuses, latencies = load("/t/", event, args.seconds, args.clients)
        summary("beacon POST /t/", statuses, latencies, args.seconds, baseline)
        accepted = statuses.count(204)
        stored = stored_events(env)[2] - before
        others = {status: statuses.count(status) for status in set(statuses) if status != 204}
        print(
            f"\naccepted (204): {accepted}   stored: {stored}   other answers: {others or 'none'}"
        )
        print("zero loss" if stored == accepted else "LOSS: stored differs from accepted")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
