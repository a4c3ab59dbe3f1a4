"""HTTP throughput with wrk on loopback, each figure a ratio to a bare Django view served the same way.

Run: .venv/bin/python bench/http_bench.py [--seconds 15] [--clients 8] [--workers 2] [--redis]
     DATABASE_URL=postgres://... .venv/bin/python bench/http_bench.py   # the same on PostgreSQL
Loads the demo and the reference blog page (bench/reference/, a stock Wagtail page written the way
bakerydemo writes its BlogPage) into bench.settings' database (a throwaway SQLite file, or
DATABASE_URL), with the shared cache in a fresh folder of its own (or, with --redis, a private
redis-server, as production runs it). It then starts gunicorn three times with --workers processes on
127.0.0.1: with the page cache off (MASTHEAD_PAGE_CACHE_SECONDS=0) and the fragments on, as production
serves a page-cache miss; with both off (MASTHEAD_FRAGMENT_CACHE_SECONDS=0 too); and with the page
cache on (600). Against each server wrk (`wrk -t2 -c<clients> -d<seconds>s --latency`, with a Lua
script from bench/wrk/) measures requests/s, p50, p99 and every answer's status: the baseline view
first, then with the page cache off the asset page, the reference blog page, the home page, a plain
StandardPage and the beacon (POST /t/); with both caches off the asset page again; with the page cache
on the asset page and the home page, then the home page again with a story test of its message
running (each version cached on its own). Each ratio is against the baseline of the same server. It
then checks that every event wrk saw answered 204 was stored (plus at most one per connection: the
requests wrk cuts off when it stops, which the server still stores).
"""

import argparse
import contextlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
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

WRK_SCRIPTS = ROOT / "bench" / "wrk"
PORT = 8767
RESULT_MARK = "@@wrk-result "
CACHE_ON_SECONDS = 600
# The targets: the cached asset page and the beacon as fractions of the baseline's requests/s,
# the uncached asset page as a multiple of the reference blog page's.
ASSET_CACHED_TARGET = 1.0
ASSET_OVER_REFERENCE_TARGET = 2.0
BEACON_TARGET = 0.5
# A page under a story test is served from the cache like any other: within 10% of the same page
# without a test (issue 21).
STORY_TEST_TARGET = 0.9
THIS_MODULE = "__import__('bench.http_bench').http_bench"


class BenchError(RuntimeError):
    pass


# Run inside the project (`manage.py shell`, through shell_value) -------------------------------------


def demo_pages():
    """The addresses measured: home, the first public asset, the first plain page, the reference blog
    page (seeded here if missing); every asset's id."""
    from wagtail.models import Site

    from bench.seeding import seed_reference
    from buyingstages.library.models import AssetPage
    from cms.home.models import StandardPage

    assets = AssetPage.objects.live().public().order_by("path")
    standard = StandardPage.objects.live().public().order_by("path").first()
    return {
        "home": Site.objects.get(is_default_site=True).root_page.url,
        "asset": assets.first().url,
        "standard": standard.url if standard else None,
        "reference": seed_reference(),
        "asset_ids": list(assets.values_list("pk", flat=True)),
    }


def raise_rate_limit(events_per_minute=30_000):
    """A generous beacon rate limit: this measures throughput, not the limiter."""
    from buyingstages.audience.models import ProfilingSettings

    rules = ProfilingSettings.load()
    rules.events_per_minute = events_per_minute
    rules.save()
    return rules.events_per_minute


def count_queries(paths, asset_id):
    """SQL queries of one warm request to each path, and of a returning visitor's beacon event."""
    import uuid

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT=USER_AGENT)
    counts = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries)
    from buyingstages.audience import readers

    reader = readers.sign(uuid.uuid4())

    def event():
        return json.dumps({"v": reader, "i": str(uuid.uuid4()), "e": "view", "p": asset_id})

    client.post("/t/", event(), content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        client.post("/t/", event(), content_type="application/json")
    counts["/t/"] = len(queries)
    return counts


def start_story_test():
    """A test of the demo's core story on every reader (the home page shows it); returns the version
    the bench's reader (loopback, USER_AGENT) sees."""
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from publishing.messaging import splitting, story_tests
    from publishing.messaging.models import Message

    # Wagtail's reference index (which pages show the message) is the worker's job; none runs here.
    call_command("rebuild_references_index", stdout=io.StringIO())
    message = Message.objects.get(name="Core story")
    draft = message.get_latest_revision_as_object()
    draft.headline = "One schedule every plant's planners trust."
    test = story_tests.start(
        message, [draft.save_revision()], 100, timezone.now() + datetime.timedelta(days=7)
    )
    [running] = [found for found in splitting.publish_snapshot() if found.pk == test.pk]
    return running.arm_of("127.0.0.1", USER_AGENT).name


# Driving the server and wrk ---------------------------------------------------------------------------


def free_port():
    """A port nothing listens on now (for tests that run beside other benchmarks)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving cms.wsgi on loopback for the length of a `with` block."""

    def __init__(self, env, workers, port, log):
        self.env, self.workers, self.port, self.log = env, workers, port, log

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null",
             "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=self.log,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"gunicorn exited with {self.process.returncode}; see {self.log.name}"
                )
            try:
                if get(self.port, "/bench-baseline/")["status"] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise BenchError(f"gunicorn did not answer within 60 s; see {self.log.name}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def get(port, path):
    """One GET as a reader's browser would send it: status, size and the page cache's answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        body = response.read()
        return {
            "status": response.status,
            "bytes": len(body),
            "cache": response.getheader("X-Masthead-Cache") or "no header",
        }
    finally:
        connection.close()


def wrk(port, path, seconds, clients, script, *script_args):
    """Run wrk with a bench/wrk/ script and return what the script's done() printed, as a dict."""
    command = [
        "wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds}s", "--latency",
        "--timeout", "30s", "-H", f"User-Agent: {USER_AGENT}", "-s", str(WRK_SCRIPTS / script),
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    if script_args:
        command += ["--", *map(str, script_args)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    for line in finished.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            result = json.loads(line.removeprefix(RESULT_MARK))
            result["output"] = finished.stdout
            return result
    raise BenchError(f"wrk gave no result for {path}:\n{finished.stdout}\n{finished.stderr}")


def figure(label, path, result, seconds, baseline=None, queries=None):
    """One row of the table from a wrk result."""
    statuses = {int(code): count for code, count in result.get("statuses", {}).items()}
    socket_errors = sum(result["errors"][kind] for kind in ("connect", "read", "write", "timeout"))
    rate = result.get("accepted", result["requests"]) / seconds
    return {
        "what": label,
        "path": path,
        "requests": result["requests"],
        "rps": rate,
        "ratio": rate / baseline if baseline else 1.0,
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "non_2xx": sum(count for code, count in statuses.items() if not 200 <= code < 300),
        "socket_errors": socket_errors,
        "statuses": statuses,
        "cache": result.get("cache", {}),
        "queries": queries,
    }


def measure_page(port, label, path, args, baseline=None, queries=None):
    """Warm every worker up, look at one answer, then measure the page with wrk."""
    wrk(port, path, 1, args.clients, "pages.lua")
    probe = get(port, path)
    result = wrk(port, path, args.seconds, args.clients, "pages.lua")
    row = figure(label, path, result, result["duration_us"] / 1e6, baseline, queries)
    row["probe"] = probe
    print(
        f"  {label}: GET {path} → {probe['status']}, {probe['bytes']:,} bytes, "
        f"X-Masthead-Cache: {probe['cache']}",
        flush=True,
    )
    return row


def measure_beacon(port, asset_ids, args, env, baseline, queries=None):
    """Beacon events for --seconds, then the events stored beside the 204s wrk counted.

    wrk stops on the clock: the last request on each connection is written but its answer never read,
    and the server still stores it. So zero loss is: every 204 stored, and at most one more event per
    connection (those cut off at the stop), with no other answers and no socket errors.
    """
    before = stored_events(env)[2]
    readers_file = Path(env["BENCH_SQLITE"] + "-readers.txt")
    readers_file.write_text("\n".join(reader_ids(1000, env)) + "\n")
    result = wrk(
        port, "/t/", args.seconds, args.clients, "beacon.lua",
        ",".join(map(str, asset_ids)), readers_file,
    )  # fmt: skip
    time.sleep(0.5)
    folded, fold_seconds, count = stored_events(env)  # the worker's share: scoring the buffer
    stored = count - before
    row = figure("beacon POST /t/ (events)", "/t/", result, result["duration_us"] / 1e6, baseline,
                 queries)  # fmt: skip
    accepted = result["accepted"]
    row.update(sent=result["sent"], accepted=accepted, stored=stored, cut_off=stored - accepted)
    row.update(folded=folded, fold_rate=folded / fold_seconds if fold_seconds else 0.0)
    row["zero_loss"] = (
        accepted > 0
        and accepted <= stored <= accepted + args.clients
        and not row["non_2xx"]
        and not row["socket_errors"]
    )
    print(f"  beacon: {accepted:,} events answered 204", flush=True)
    return row


# Reporting ------------------------------------------------------------------------------------------


def cache_summary(row):
    counts = row["cache"]
    if not counts:
        return "-"
    return ", ".join(
        f"{state} {count / row['requests']:.0%}" for state, count in sorted(counts.items())
    )


def print_table(rows):
    print(
        f"\n{'what':50} {'req/s':>7} {'× baseline':>10} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7}"
        f" {'queries':>7}  X-Masthead-Cache"
    )
    for row in rows:
        queries = "" if row["queries"] is None else row["queries"]
        print(
            f"{row['what']:50} {row['rps']:7.0f} {row['ratio']:10.3f} {row['p50_ms']:7.1f} "
            f"{row['p99_ms']:7.1f} {row['non_2xx'] + row['socket_errors']:7d} {queries:>7}  "
            f"{cache_summary(row)}"
        )


def all_answered(row, state):
    """Whether wrk saw every answer carry X-Masthead-Cache: <state> ("none": no header)."""
    return row["requests"] > 0 and row["cache"].get(state, 0) == row["requests"]


def judge_targets(asset, reference, cached_asset, beacon):
    """Whether each of the issue's targets is met, with the figure judged.

    A cached figure counts only if wrk saw every answer a hit, an uncached one only if it saw none.
    """
    over_reference = asset["rps"] / reference["rps"] if reference["rps"] else 0.0
    uncached = all_answered(asset, "none") and all_answered(reference, "none")
    return {
        "asset page cached ≥ 1.0 × baseline": (
            cached_asset["ratio"] if all_answered(cached_asset, "hit") else None,
            cached_asset["ratio"] >= ASSET_CACHED_TARGET,
        ),
        "uncached asset page ÷ reference ≥ 2": (
            over_reference if uncached else None,
            over_reference >= ASSET_OVER_REFERENCE_TARGET,
        ),
        "beacon ≥ 0.5 × baseline, zero loss": (
            beacon["ratio"],
            beacon["ratio"] >= BEACON_TARGET and beacon["zero_loss"],
        ),
    }


def verdict(figure, met):
    if figure is None:
        return "not measured (the X-Masthead-Cache answers were not all as expected)"
    return f"{figure:6.3f}  {'met' if met else 'MISSED'}"


# The run --------------------------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of the run's own on a free loopback port, nothing saved (the --redis option)."""

    def __enter__(self):
        if shutil.which("redis-server") is None:
            raise BenchError("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise BenchError("redis-server did not start")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)


def prepare(env):
    """The demo in a fresh throwaway SQLite file (or the DATABASE_URL database), with its media, and
    an empty cache."""
    if not env.get("DATABASE_URL"):
        Path(env["BENCH_SQLITE"]).unlink(missing_ok=True)
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
        shutil.rmtree(env["PRIVATE_MEDIA_ROOT"], ignore_errors=True)
    started = time.monotonic()
    loading = {**env, "BENCH_DUMMY_CACHE": "1"}  # no cache to drop pages from while loading
    manage("migrate", "--noinput", env=loading)
    manage("seed_demo", "--verbosity", "0", env=loading)
    shell_value(f"{THIS_MODULE}.raise_rate_limit()", loading)
    pages = shell_value(f"{THIS_MODULE}.demo_pages()", loading)
    shutil.rmtree(env["MASTHEAD_CACHE_DIR"], ignore_errors=True)
    print(f"demo loaded in {time.monotonic() - started:.0f} s", flush=True)
    return pages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15, help="wrk's -d for each figure")
    parser.add_argument("--clients", type=int, default=8, help="wrk's -c (connections)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument(
        "--redis", action="store_true", help="the shared cache in a private redis-server"
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (apt-get install wrk)")
    with contextlib.ExitStack() as stack:
        redis = stack.enter_context(PrivateRedis()) if args.redis else None
        return run(args, redis)


def run(args, redis):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    env.pop("CACHE_URL", None)
    sqlite = env.setdefault("BENCH_SQLITE", "/tmp/masthead-http.sqlite3")  # noqa: S108
    env.setdefault("MEDIA_ROOT", f"{sqlite}-media")
    env.setdefault("PRIVATE_MEDIA_ROOT", f"{sqlite}-private")  # the worker's rendered decks
    env.setdefault("MASTHEAD_CACHE_DIR", f"{sqlite}-cache")
    if redis:
        env["CACHE_URL"] = redis.url
    pages = prepare(env)
    paths = [pages["home"], pages["asset"], pages["reference"]]
    paths += [pages["standard"]] if pages["standard"] else []
    no_page_cache = {**env, "MASTHEAD_PAGE_CACHE_SECONDS": "0"}
    no_caches = {**no_page_cache, "MASTHEAD_FRAGMENT_CACHE_SECONDS": "0"}
    queries = shell_value(
        f"{THIS_MODULE}.count_queries({paths!r}, {pages['asset_ids'][0]})", no_page_cache
    )
    no_fragment_queries = shell_value(
        f"{THIS_MODULE}.count_queries({[pages['asset']]!r}, {pages['asset_ids'][0]})", no_caches
    )
    database = env.get("DATABASE_URL", "SQLite").split("@")[-1]
    cache = "Redis (private redis-server)" if redis else "embedded disk cache"
    print(
        f"\n{args.workers} gunicorn workers, wrk {min(2, args.clients)} threads × {args.clients} "
        f"connections, {args.seconds} s per figure, loopback, {database}, {cache}"
    )

    rows = []
    with tempfile.NamedTemporaryFile("w+", prefix="masthead-gunicorn-", suffix=".log") as log:
        print("page cache off, fragments on (MASTHEAD_PAGE_CACHE_SECONDS=0):", flush=True)
        with Gunicorn(no_page_cache, args.workers, args.port, log):
            base = measure_page(args.port, "baseline: bare Django view", "/bench-baseline/", args,
                                queries=0)  # fmt: skip
            asset = measure_page(args.port, "asset page, uncached (fragments on)", pages["asset"],
                                 args, base["rps"], queries[pages["asset"]])  # fmt: skip
            reference = measure_page(args.port, "reference: stock Wagtail blog page",
                                     pages["reference"], args, base["rps"],
                                     queries[pages["reference"]])  # fmt: skip
            rows += [base, asset, reference]
            rows.append(measure_page(args.port, "home page, uncached (fragments on)", pages["home"],
                                     args, base["rps"], queries[pages["home"]]))  # fmt: skip
            if pages["standard"]:
                rows.append(measure_page(args.port, "StandardPage (about), uncached",
                                         pages["standard"], args, base["rps"],
                                         queries[pages["standard"]]))  # fmt: skip
            beacon = measure_beacon(args.port, pages["asset_ids"], args, env, base["rps"],
                                    queries["/t/"])  # fmt: skip
            rows.append(beacon)
        print("page cache and fragments off (MASTHEAD_FRAGMENT_CACHE_SECONDS=0 too):", flush=True)
        with Gunicorn(no_caches, args.workers, args.port, log):
            bare_base = measure_page(args.port, "baseline again, no-fragments server",
                                     "/bench-baseline/", args, queries=0)  # fmt: skip
            bare_asset = measure_page(args.port, "asset page, uncached, fragments off (extra)",
                                      pages["asset"], args, bare_base["rps"],
                                      no_fragment_queries[pages["asset"]])  # fmt: skip
            rows += [bare_base, bare_asset]
        print(f"page cache on (MASTHEAD_PAGE_CACHE_SECONDS={CACHE_ON_SECONDS}):", flush=True)
        cache_on = {**env, "MASTHEAD_PAGE_CACHE_SECONDS": str(CACHE_ON_SECONDS)}
        with Gunicorn(cache_on, args.workers, args.port, log):
            cached_base = measure_page(args.port, "baseline again, cache-on server",
                                       "/bench-baseline/", args, queries=0)  # fmt: skip
            cached_asset = measure_page(args.port, "asset page, cached", pages["asset"], args,
                                        cached_base["rps"])  # fmt: skip
            cached_home = measure_page(args.port, "home page, cached", pages["home"], args,
                                       cached_base["rps"])  # fmt: skip
            rows += [cached_base, cached_asset, cached_home]
            arm = shell_value(f"{THIS_MODULE}.start_story_test()", cache_on)
            time.sleep(2)  # every worker reads the running tests again within a second
            tested_home = measure_page(args.port, f"home page, cached, story test running ({arm})",
                                       pages["home"], args, cached_base["rps"])  # fmt: skip
            rows.append(tested_home)
        log.seek(0)
        server_log = log.read()

    print_table(rows)
    others = {code: count for code, count in beacon["statuses"].items() if code != 204}
    print(
        f"\nbeacon: accepted (204) {beacon['accepted']:,}   stored {beacon['stored']:,}   "
        f"cut off at wrk's stop (stored, answer never read) {beacon['cut_off']}   "
        f"other answers: {others or 'none'}   socket errors: {beacon['socket_errors']}"
    )
    print(
        f"zero loss: every accepted event stored, {beacon['cut_off']} cut off ≤ {args.clients} connections"
        if beacon["zero_loss"]
        else "LOSS: the events stored do not match the 204s (or other answers came back)"
    )
    print(
        f"scoring the buffer afterwards (the worker's job): {beacon['folded']:,} events at "
        f"{beacon['fold_rate']:,.0f} events/s in one process"
    )
    print(
        f"uncached asset page ÷ reference: {asset['rps']:.0f} / {reference['rps']:.0f} req/s = "
        f"{asset['rps'] / reference['rps']:.2f} (fragments off: {bare_asset['ratio']:.3f} × its "
        f"baseline, {bare_asset['ratio'] / reference['ratio']:.2f} × the reference's ratio)"
    )
    targets = judge_targets(asset, reference, cached_asset, beacon)
    story_ratio = tested_home["ratio"] / cached_home["ratio"]
    targets["home cached, story test running ≥ 0.9 × without"] = (
        story_ratio if all_answered(tested_home, "hit") else None,
        story_ratio >= STORY_TEST_TARGET,
    )
    print("\ntargets (the issue's):")
    for target, (figure_value, met) in targets.items():
        print(f"  {target:42} {verdict(figure_value, met)}")
    if server_log.strip():
        print(f"\ngunicorn said:\n{server_log[-3000:]}")
    errors = sum(row["non_2xx"] + row["socket_errors"] for row in rows)
    return {
        "database": database,
        "cache": cache,
        "rows": rows,
        "beacon": beacon,
        "targets": targets,
        "errors": errors,
        "pages": pages,
    }


if __name__ == "__main__":
    try:
        outcome = main()
    except BenchError as error:
        sys.exit(f"http_bench: {error}")
    sys.exit(0 if not outcome["errors"] and outcome["beacon"]["zero_loss"] else 1)
