"""A mixed load on loopback: page reads and beacon events against several gunicorn workers.

Run: .venv/bin/python bench/load_bench.py [--seconds 180] [--clients 8] [--workers 4]
     DATABASE_URL=postgres://... .venv/bin/python bench/load_bench.py   # as in production
Loads the demo into bench.settings' database (a throwaway SQLite file, or DATABASE_URL), starts gunicorn
with --workers processes on 127.0.0.1, and for a bounded time (and at most --max-requests) sends from
--clients threads a mix of reads (home page, asset pages, a hub) and beacon events from many visitors.
It reports errors (anything but 200/204, or a failed connection; must be zero), p50/p99 per kind, and
whether the events stored equal the events accepted.
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
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.beacon_bench import ASSET_IDS, ROOT, USER_AGENT, manage, shell_value, stored_events  # noqa: E402

PORT = 8766
ASSET_URLS = "[page.url for page in __import__('buyingstages.library.models').library.models.AssetPage.objects.live()]"


def wait_for_server(timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            connection.request("GET", "/bench-baseline/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def run_load(pages, asset_ids, seconds, clients, max_requests):
    """Send the mix until the time or the request budget runs out; return the results by kind."""
    results, lock = defaultdict(list), threading.Lock()
    errors = []
    deadline = time.monotonic() + seconds
    budget = iter(range(max_requests))
    visitors = [str(uuid.uuid4()) for _ in range(2000)]

    def one_request(connection):
        if random.random() < 0.6:  # noqa: S311
            kind, path = "page", random.choice(pages)  # noqa: S311
            connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        else:
            kind = "beacon"
            event = random.choice(["view", "view", "read", "download"])  # noqa: S311
            body = {"v": random.choice(visitors), "e": event, "p": random.choice(asset_ids)}  # noqa: S311
            if event == "read":
                body.update(s=random.randint(1, 4), n=4)  # noqa: S311
            connection.request(
                "POST",
                "/t/",
                body=json.dumps(body),
                headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
            )
        response = connection.getresponse()
        response.read()
        return kind, response.status

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            started = time.perf_counter()
            try:
                kind, status = one_request(connection)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                continue
            with lock:
                results[kind].append((status, time.perf_counter() - started))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors, time.monotonic() - started


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share) - 1, 0)] * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args(argv)

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    sqlite = Path(env.setdefault("BENCH_SQLITE", "/tmp/masthead-load.sqlite3"))  # noqa: S108
    if not env.get("DATABASE_URL"):
        sqlite.unlink(missing_ok=True)
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", "--verbosity", "0", env=env)
    manage("shell", "-c", "from buyingstages.audience.models import ProfilingSettings as P; s=P.load(); "
           "s.events_per_minute=30000; s.save()", env=env)  # fmt: skip
    asset_ids = shell_value(ASSET_IDS, env)
    pages = ["/", "/library/", *shell_value(ASSET_URLS, env)[:20]]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{PORT}", "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for_server()
        before = stored_events(env)[2]
        results, errors, elapsed = run_load(
            pages, asset_ids, args.seconds, args.clients, args.max_requests
        )
        time.sleep(0.5)
        stored = stored_events(env)[2] - before
    finally:
        server.terminate()
        server.wait(timeout=30)

    database = env.get("DATABASE_URL", "SQLite").split("@")[-1]
    print(
        f"{args.workers} gunicorn workers, {args.clients} clients, {elapsed:.0f} s, loopback, {database}\n"
    )
    print(f"{'kind':8} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  answers")
    bad = list(errors)
    for kind in ("page", "beacon"):
        rows = results.get(kind, [])
        if not rows:
            continue
        statuses = [status for status, _ in rows]
        latencies = [latency for _, latency in rows]
        answers = {status: statuses.count(status) for status in sorted(set(statuses))}
        bad += [status for status in statuses if status not in (200, 204)]
        print(
            f"{kind:8} {len(rows):9d} {len(rows) / elapsed:8.0f} {statistics.median(latencies) * 1000:8.1f} "
            f"{percentile(latencies, 0.99):8.1f}  {answers}"
        )
    accepted = [status for status, _ in results.get("beacon", [])].count(204)
    print(f"\nerrors: {len(bad)}   events accepted: {accepted}   events stored: {stored}")
    print("OK: zero errors, stored = accepted" if not bad and stored == accepted else "FAILED")
    return {"errors": len(bad), "accepted": accepted, "stored": stored, "results": results}


if __name__ == "__main__":
    result = main()
    sys.exit(0 if not result["errors"] and result["accepted"] == result["stored"] else 1)
