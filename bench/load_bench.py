"""A mixed load on loopback: anonymous readers over a whole library while an editor keeps publishing.

Run: .venv/bin/python bench/load_bench.py [--seconds 180] [--scale 1000] [--workers 4] [--clients 8]
     .venv/bin/python bench/load_bench.py --redis       # the cache in Redis, as in production
     DATABASE_URL=postgres://... .venv/bin/python bench/load_bench.py
Loads the demo and `seed_demo --scale N` generated assets (1,000 by default) into bench.settings'
database (a throwaway SQLite file, kept between runs with --keepdb, or DATABASE_URL), with nothing
cached while loading, and empties the shared cache: the embedded default's disk cache in a folder of
its own or, with --redis, a private redis-server. It starts what production runs: gunicorn with
--workers processes on 127.0.0.1 (the page cache on, as deployed) and the worker (`manage.py
db_worker`), plus an editor: a long-lived `manage.py shell` that publishes an asset when told, so a
publish costs what it costs in the admin, not a process start-up. Every page is read once first (the
cache as a site that has been up for a while has it). Then for --seconds, --clients threads read pages
chosen at random from every live asset, every stage and topic hub under the library, every topic feed,
the home page and the library (and send a share of beacon events from 2,000 visitors), while every
--publish-every seconds the editor publishes an asset with a new title carrying a marker: half the
time one that an earlier-stage asset offers as its next step, half the time any asset.

After each publish returns, pollers fetch every page that shows the asset (the asset, its stage hub,
its topic hubs, the topic feeds it is in, an earlier-stage asset that offers it as a next step) until
each shows the new title; and every reader's answer for a watched page is checked for the newest
titles too. It reports: errors (anything but 200/204, or a failed connection; must be zero), p50/p99 by
kind, the share of reader page views served from the page cache (X-Masthead-Cache: hit; target 99%),
how long after each publish returned each kind of page first showed it, and the worst case of an old
version served to a request made after the publish returned (must not exceed 1 s); and whether the
events stored equal the events accepted.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.beacon_bench import (  # noqa: E402
    ROOT,
    USER_AGENT,
    manage,
    reader_ids,
    shell_value,
    stored_events,
)
from bench.http_bench import PrivateRedis  # noqa: E402

PORT = 8766
THIS_MODULE = "__import__('bench.load_bench').load_bench"
EDITOR_MARK = "@@editor "
MARKER = re.compile(r" \[edit-[^\]]*\]$")
HIT_TARGET = 0.99
STALE_LIMIT_SECONDS = 1.0
POLL_TIMEOUT_SECONDS = 30


class BenchError(RuntimeError):
    pass


# Run inside the project (`manage.py shell`) --------------------------------------------------------


def library_pages():
    """Every address the readers read, by kind, and the live assets' ids for the beacon."""
    from buyingstages.library.models import AssetIndexPage, AssetPage
    from buyingstages.taxonomy.models import BuyingStage, Topic

    library = AssetIndexPage.objects.live().first()
    assets = AssetPage.objects.live().public().order_by("path")
    topics = list(Topic.objects.values_list("slug", flat=True))
    return {
        "asset": [page.url for page in assets],
        "hub": [
            library.hub_url("stage", slug)
            for slug in BuyingStage.objects.values_list("slug", flat=True)
        ]
        + [library.hub_url("topic", slug) for slug in topics],
        "feed": [
            library.hub_url(route, slug) for slug in topics for route in ("topic_rss", "topic_atom")
        ],
        "home": ["/"],
        "library": [library.url],
        "asset_ids": list(assets.values_list("pk", flat=True)),
    }


def raise_rate_limit(events_per_minute=30_000):
    """A generous beacon rate limit: this measures the site under load, not the limiter."""
    from buyingstages.audience.models import ProfilingSettings

    rules = ProfilingSettings.load()
    rules.events_per_minute = events_per_minute
    rules.save()
    return rules.events_per_minute


def pages_showing(asset, offered_by=None):
    """The public pages that show ``asset``'s title, by kind: itself, its hubs, the topic feeds that
    list it, and an earlier-stage asset that offers it as a next step (``offered_by``, or one found)."""
    from buyingstages.library.feeds import TopicRSSFeed
    from buyingstages.library.models import AssetIndexPage, AssetPage

    library = AssetIndexPage.objects.live().first()
    topics = list(asset.topics.all())
    watch = {
        "asset": [asset.url],
        "stage hub": [library.hub_url("stage", asset.stage.slug)],
        "topic hub": [library.hub_url("topic", topic.slug) for topic in topics],
        "feed": [],
        "earlier asset": [],
    }
    for topic in topics:
        newest = library.assets().for_topic(topic).order_by("-first_published_at", "pk")
        if asset.pk in newest[: TopicRSSFeed.limit].values_list("pk", flat=True):
            watch["feed"] += [
                library.hub_url(route, topic.slug) for route in ("topic_rss", "topic_atom")
            ]
    if offered_by is None:
        candidates = list(
            AssetPage.objects.live()
            .public()
            .filter(tagged_topics__tag__in=topics, stage__sort_order__lt=asset.stage.sort_order)
            .distinct()
            .order_by("?")[:30]
        )
        offered_by = next(
            (page for page in candidates if asset.pk in {card.pk for card in page.next_steps()}),
            None,
        )
    if offered_by is not None:
        watch["earlier asset"] = [offered_by.url]
    return watch


def pick_asset(how, rng):
    """An asset to publish: any live one, or one an earlier-stage asset offers as its next step."""
    from buyingstages.library.models import AssetPage

    live = AssetPage.objects.live().public()
    if how == "next step":
        for earlier in live.order_by("?")[:50]:
            cards = earlier.next_steps()
            if cards:
                return AssetPage.objects.get(pk=rng.choice(cards).pk), earlier
    return live.order_by("?").first(), None


def editor_loop():
    """The editor: for each order on stdin ({"n": …, "how": …}) pick an asset and say which, with its
    new title's marker; on the next line ("go") publish it and answer when the publish returned and
    which pages show it. (Announced first, so that while an asset is published again its pages may
    show either title.)"""
    from buyingstages.library.models import AssetPage
    from cms.caching import invalidation

    rng = random.Random(os.getpid())  # noqa: S311
    print(f"{EDITOR_MARK}{json.dumps({'ready': True})}", flush=True)
    for line in sys.stdin:
        order = json.loads(line)
        asset, offered_by = pick_asset(order["how"], rng)
        watch = pages_showing(asset, offered_by)
        dropped = len(invalidation.pages_showing(asset))
        marker = f"edit-{order['n']}-{uuid.uuid4().hex[:6]}"
        page = AssetPage.objects.get(pk=asset.pk)
        page.title = f"{MARKER.sub('', page.title)} [{marker}]"
        print(f"{EDITOR_MARK}{json.dumps({'asset': page.pk, 'marker': marker})}", flush=True)
        sys.stdin.readline()  # go
        started = time.time()
        page.save_revision().publish()
        returned = time.time()
        answer = {
            "asset": page.pk,
            "marker": marker,
            "returned": returned,
            "publish_seconds": returned - started,
            "pages_dropped": dropped,
            "watch": watch,
        }
        print(f"{EDITOR_MARK}{json.dumps(answer)}", flush=True)


# Processes ------------------------------------------------------------------------------------------


def wait_for_server(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/bench-baseline/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise BenchError("gunicorn did not start")


class Editor:
    """The long-lived editor process; publish() sends one order and waits for its answer."""

    def __init__(self, env, log):
        code = f"{THIS_MODULE}.editor_loop()"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
            text=True, bufsize=1,
        )  # fmt: skip
        self.answer()  # ready

    def answer(self):
        for line in self.process.stdout:
            if line.startswith(EDITOR_MARK):
                return json.loads(line.removeprefix(EDITOR_MARK))
        raise BenchError("the editor process stopped; see its log")

    def publish(self, number, how, announce):
        """Order a publish; ``announce(asset id, marker)`` is called before it starts."""
        self.process.stdin.write(json.dumps({"n": number, "how": how}) + "\n")
        self.process.stdin.flush()
        picked = self.answer()
        announce(picked["asset"], picked["marker"])
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return self.answer()

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# The load -------------------------------------------------------------------------------------------


class Freshness:
    """The newest title each watched page must show, and every answer that did not show it."""

    def __init__(self):
        self.lock = threading.Lock()
        # path -> asset id -> (the marker bytes it must show, or any of them, publish returned)
        self.expected = defaultdict(dict)
        self.stale = []  # (seconds after the publish returned the request began, kind, path, cache, marker)

    def publishing(self, asset_id, marker):
        """The asset is being published again: until it returns, its new title will do as well."""
        with self.lock:
            for wanted in self.expected.values():
                if asset_id in wanted:
                    markers, returned = wanted[asset_id]
                    wanted[asset_id] = ((*markers, marker.encode()), returned)

    def expect(self, asset_id, marker, returned, paths):
        """From now on these pages must show the asset's new title (the old one is gone everywhere)."""
        with self.lock:
            for wanted in self.expected.values():
                wanted.pop(asset_id, None)
            for path in paths:
                self.expected[path][asset_id] = ((marker.encode(),), returned)

    def check(self, path, body, began, kind, cache):
        """Record an answer that began after a publish returned yet lacks its title; True if fresh."""
        with self.lock:
            wanted = list(self.expected.get(path, {}).values())
        fresh = True
        for markers, returned in wanted:
            if began >= returned and not any(marker in body for marker in markers):
                fresh = False
                with self.lock:
                    self.stale.append((began - returned, kind, path, cache, markers[0].decode()))
        return fresh


def fetch(connection, path):
    """GET path as a reader's browser would: (status, X-Masthead-Cache, body)."""
    connection.request("GET", path, headers={"User-Agent": USER_AGENT})
    response = connection.getresponse()
    body = response.read()
    return response.status, response.getheader("X-Masthead-Cache") or "none", body


def connect(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def warm_up(port, paths, clients):
    """Read every page once, from several threads; returns (seconds, answers by status)."""
    queue, lock, statuses = list(paths), threading.Lock(), Counter()

    def reader():
        connection = connect(port)
        while True:
            with lock:
                if not queue:
                    break
                path = queue.pop()
            status = fetch(connection, path)[0]
            with lock:
                statuses[status] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=reader) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started, statuses


def run_load(port, pages, args, editor, freshness, visitors):
    """Readers and beacon events until the time runs out, with a publish every --publish-every s."""
    targets = [
        (kind, path) for kind in ("asset", "hub", "feed", "home", "library") for path in pages[kind]
    ]
    asset_ids = pages["asset_ids"]
    results, errors, lock = defaultdict(list), [], threading.Lock()
    publishes, polls = [], []
    started = time.monotonic()
    deadline = started + args.seconds
    stopping = threading.Event()

    def one_request(connection):
        if random.random() >= args.beacon_share:  # noqa: S311
            kind, path = random.choice(targets)  # noqa: S311
            began = time.time()
            status, cache, body = fetch(connection, path)
            if status == 200:
                freshness.check(path, body, began, "reader", cache)
            return kind, status, cache
        event = random.choice(["view", "view", "read", "download"])  # noqa: S311
        body = {"v": random.choice(visitors), "i": str(uuid.uuid4()), "e": event,
                "p": random.choice(asset_ids)}  # noqa: S311  # fmt: skip
        if event == "read":
            body.update(s=random.randint(1, 4), n=4)  # noqa: S311
        connection.request(
            "POST", "/t/", body=json.dumps(body),
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
        )  # fmt: skip
        response = connection.getresponse()
        response.read()
        return "beacon", response.status, None

    def reader():
        connection = connect(port)
        while time.monotonic() < deadline and len(errors) < 1000:
            began = time.perf_counter()
            try:
                kind, status, cache = one_request(connection)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(type(error).__name__)
                connection.close()
                connection = connect(port)
                continue
            with lock:
                results[kind].append((status, time.perf_counter() - began, cache))
        connection.close()

    def poll(kind, path, asset_id, marker, returned):
        """Fetch a watched page until it shows the new title: its lag, and any old answers."""
        connection, wanted = connect(port), marker.encode()
        attempts = 0
        while time.time() - returned < POLL_TIMEOUT_SECONDS:
            began = time.time()
            status, cache, body = fetch(connection, path)
            attempts += 1
            freshness.check(path, body, began, f"poll: {kind}", cache)
            if status == 200 and wanted in body:
                with lock:
                    polls.append({"kind": kind, "path": path, "lag": time.time() - returned,
                                  "attempts": attempts, "cache": cache})  # fmt: skip
                break
            if status != 200:
                with lock:
                    errors.append(f"poll {path}: {status}")
            time.sleep(0.05)
        else:
            with lock:
                polls.append({"kind": kind, "path": path, "lag": None, "attempts": attempts})
        connection.close()

    def editor_at_work():
        number = 0
        while not stopping.wait(timeout=max(0.0, next_publish[0] - time.monotonic())):
            number += 1
            how = "next step" if number % 2 else "any"
            answer = editor.publish(number, how, freshness.publishing)
            answer["how"] = how
            publishes.append(answer)
            watched = [(kind, path) for kind, paths in answer["watch"].items() for path in paths]
            freshness.expect(
                answer["asset"], answer["marker"], answer["returned"], [path for _, path in watched]
            )
            pollers = [
                threading.Thread(
                    target=poll,
                    args=(kind, path, answer["asset"], answer["marker"], answer["returned"]),
                )  # fmt: skip
                for kind, path in watched
            ]
            for thread in pollers:
                thread.start()
            for thread in pollers:
                thread.join()
            next_publish[0] += args.publish_every
            if next_publish[0] >= deadline:
                break

    next_publish = [started + min(args.publish_every / 2, args.seconds / 3)]
    threads = [threading.Thread(target=reader) for _ in range(args.clients)]
    publisher = threading.Thread(target=editor_at_work)
    for thread in [*threads, publisher]:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stopping.set()
    publisher.join()
    return results, errors, elapsed, publishes, polls


# Reporting ------------------------------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share) - 1, 0)] * 1000 if ordered else 0.0


def report(results, errors, elapsed, publishes, polls, freshness):
    print(
        f"\n{'kind':8} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'hits':>7}  answers"
    )
    bad = list(errors)
    page_views = hits = 0
    misses_by_kind = Counter()
    for kind in ("asset", "hub", "feed", "home", "library", "beacon"):
        rows = results.get(kind, [])
        if not rows:
            continue
        statuses = Counter(status for status, _, _ in rows)
        latencies = [latency for _, latency, _ in rows]
        bad += [status for status in statuses.elements() if status not in (200, 204)]
        kind_hits = sum(1 for _, _, cache in rows if cache == "hit")
        if kind != "beacon":
            page_views += len(rows)
            hits += kind_hits
            misses_by_kind[kind] = len(rows) - kind_hits
        share = f"{kind_hits / len(rows):7.1%}" if kind != "beacon" else f"{'-':>7}"
        print(
            f"{kind:8} {len(rows):9d} {len(rows) / elapsed:7.0f} "
            f"{statistics.median(latencies) * 1000:8.1f} {percentile(latencies, 0.99):8.1f} "
            f"{share}  {dict(statuses)}"
        )
    hit_ratio = hits / page_views if page_views else 0.0
    print(
        f"\nreader page views: {page_views:,}, from the page cache {hits:,} ({hit_ratio:.2%}); "
        f"not from it: {sum(misses_by_kind.values()):,} ({dict(misses_by_kind)})"
    )

    durations = [answer["publish_seconds"] for answer in publishes]
    dropped = [answer["pages_dropped"] for answer in publishes]
    if durations:
        print(
            f"\npublishes: {len(publishes)} (one every {elapsed / max(len(publishes), 1):.1f} s), "
            f"publish() took median {statistics.median(durations) * 1000:.0f} ms, "
            f"max {max(durations) * 1000:.0f} ms; pages each one dropped "
            f"(cms.caching.invalidation.pages_showing): median {statistics.median(dropped):.0f}, "
            f"max {max(dropped)}"
        )
    lags = defaultdict(list)
    never = []
    for row in polls:
        (never.append(row) if row["lag"] is None else lags[row["kind"]].append(row["lag"]))
    print("first answer with the new title, after the publish returned (pollers):")
    for kind, values in lags.items():
        print(
            f"  {kind:14} {len(values):4d} pages  median {statistics.median(values) * 1000:6.0f} ms"
            f"  worst {max(values) * 1000:6.0f} ms"
        )
    for row in never:
        print(f"  NEVER within {POLL_TIMEOUT_SECONDS} s: {row['kind']} {row['path']}")
    stale = freshness.stale
    late = [row for row in stale if row[0] > STALE_LIMIT_SECONDS]
    worst_stale = max((row[0] for row in stale), default=0.0)
    print(
        f"old version served to a request begun after the publish returned: {len(stale)} answers, "
        f"the latest {worst_stale * 1000:.0f} ms after; more than {STALE_LIMIT_SECONDS:.0f} s after: "
        f"{len(late)}"
    )
    for lag, kind, path, cache, marker in sorted(late, reverse=True)[:10]:
        print(f"  {lag:7.2f} s after: {kind} {path} (X-Masthead-Cache: {cache}; lacks {marker})")
    worst_first = max((row["lag"] for row in polls if row["lag"] is not None), default=0.0)
    return {
        "errors": len(bad),
        "page_views": page_views,
        "hit_ratio": hit_ratio,
        "misses": dict(misses_by_kind),
        "publishes": len(publishes),
        "publish_seconds": durations,
        "pages_dropped": dropped,
        "watched": len(polls),
        "never_fresh": len(never),
        "worst_first_fresh": worst_first,
        "stale_answers": len(stale),
        "worst_stale": worst_stale,
        "late_stale": len(late),
    }


# The run --------------------------------------------------------------------------------------------


def prepare(env, args):
    """The demo and --scale generated assets (kept with --keepdb), the rate limit raised, an empty
    cache; returns the pages to read. Loaded with no cache (bench.settings' BENCH_DUMMY_CACHE):
    otherwise every generated asset's publish drops pages from the cache, and seeding 1,000
    assets takes many minutes longer."""
    sqlite = Path(env["BENCH_SQLITE"])
    if not env.get("DATABASE_URL") and not args.keepdb:
        sqlite.unlink(missing_ok=True)
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
        shutil.rmtree(env["PRIVATE_MEDIA_ROOT"], ignore_errors=True)
    started = time.monotonic()
    loading = {**env, "BENCH_DUMMY_CACHE": "1"}  # no cache to drop pages from while loading
    manage("migrate", "--noinput", env=loading)
    manage("seed_demo", "--verbosity", "0", "--scale", str(args.scale), env=loading)
    shell_value(f"{THIS_MODULE}.raise_rate_limit()", loading)
    pages = shell_value(f"{THIS_MODULE}.library_pages()", loading)
    shutil.rmtree(env["MASTHEAD_CACHE_DIR"], ignore_errors=True)
    print(f"library loaded in {time.monotonic() - started:.0f} s", flush=True)
    return pages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument(
        "--scale", type=int, default=1000, help="generated assets (seed_demo --scale)"
    )
    parser.add_argument("--clients", type=int, default=8, help="reader threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--publish-every", type=float, default=10, help="seconds between publishes")
    parser.add_argument("--beacon-share", type=float, default=0.4, help="share of beacon events")
    parser.add_argument(
        "--keepdb", action="store_true", help="reuse the SQLite file if it is there"
    )
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument(
        "--redis", action="store_true", help="the shared cache in a private redis-server"
    )
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        redis = stack.enter_context(PrivateRedis()) if args.redis else None
        return run(args, redis)


def run(args, redis):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    env.pop("CACHE_URL", None)
    sqlite = env.setdefault("BENCH_SQLITE", "/tmp/masthead-load.sqlite3")  # noqa: S108
    env.setdefault("MEDIA_ROOT", f"{sqlite}-media")
    env.setdefault("PRIVATE_MEDIA_ROOT", f"{sqlite}-private")  # the worker's rendered decks
    env.setdefault("MASTHEAD_CACHE_DIR", f"{sqlite}-cache")
    env["MASTHEAD_PAGE_CACHE_SECONDS"] = "600"
    if redis:
        env["CACHE_URL"] = redis.url
    pages = prepare(env, args)
    database = env.get("DATABASE_URL", "SQLite").split("@")[-1]
    database += ", Redis (private redis-server)" if redis else ", embedded disk cache"
    everything = [
        path for kind in ("asset", "hub", "feed", "home", "library") for path in pages[kind]
    ]

    with tempfile.NamedTemporaryFile("w+", prefix="masthead-load-", suffix=".log") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{args.port}", "--access-logfile", "/dev/null", "--log-level",
             "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        editor = None
        try:
            wait_for_server(args.port)
            editor = Editor(env, log)
            warm_seconds, warm_statuses = warm_up(args.port, everything, args.clients)
            print(
                f"every page read once first: {len(everything):,} pages in {warm_seconds:.0f} s, "
                f"answers {dict(warm_statuses)}",
                flush=True,
            )
            before = stored_events(env)[2]
            freshness = Freshness()
            results, errors, elapsed, publishes, polls = run_load(
                args.port, pages, args, editor, freshness, reader_ids(2000, env)
            )
            worker_alive = worker.poll() is None
        finally:
            if editor:
                editor.close()
            stop(worker)
            stop(server)
        time.sleep(0.5)
        stored = stored_events(env)[2] - before  # the rest of the buffer scored, then counted
        log.seek(0)
        server_log = log.read()

    print(
        f"\n{args.workers} gunicorn workers + db_worker + an editor publishing every "
        f"{args.publish_every:g} s; {args.clients} readers, {elapsed:.0f} s, loopback, {database}, "
        f"{len(pages['asset_ids']):,} live assets, {len(everything):,} pages read"
    )
    outcome = report(results, errors, elapsed, publishes, polls, freshness)
    accepted = sum(1 for status, _, _ in results.get("beacon", []) if status == 204)
    print(
        f"\nerrors: {outcome['errors']}   events accepted: {accepted}   events stored: {stored}   "
        f"worker still running at the end: {'yes' if worker_alive else 'NO'}"
    )
    hits_met = outcome["hit_ratio"] >= HIT_TARGET
    checks = {
        "zero errors": outcome["errors"] == 0,
        "stored = accepted": stored == accepted,
        f"≥ {HIT_TARGET:.0%} of reader page views from the cache": hits_met,
        f"no old version more than {STALE_LIMIT_SECONDS:.0f} s after a publish": (
            outcome["late_stale"] == 0 and outcome["never_fresh"] == 0
        ),
    }
    for check, met in checks.items():
        print(f"  {check:52} {'met' if met else 'MISSED'}")
    if server_log.strip():
        print(f"\ngunicorn, worker and editor said:\n{server_log[-3000:]}")
    return {**outcome, "accepted": accepted, "stored": stored, "results": results,
            "checks": checks, "worker_alive": worker_alive}  # fmt: skip


if __name__ == "__main__":
    try:
        result = main()
    except BenchError as error:
        sys.exit(f"load_bench: {error}")
    sys.exit(0 if all(result["checks"].values()) else 1)
