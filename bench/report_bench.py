"""Report timings: the content audit, coverage heatmap and dashboard over many assets and events.

Run: .venv/bin/python bench/report_bench.py [--assets 10000] [--events 1000000] [--repeat 10]
Loads the demo content with `seed_demo --scale ASSETS --events EVENTS` into a throwaway test database
(SQLite, or PostgreSQL when DATABASE_URL is set), times the worker's rollup refresh once, then times each
report through Django's test client (server time, no network): the median of --repeat requests after one
warm-up whose SQL queries are counted, beside a baseline (a bare Django view rendering a small template)
measured in the same run.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from bench.calendar_bench import measure  # noqa: E402


def main(argv=None, *, create_db=True):
    """Run the bench and print its table. create_db=False runs on the current (test) database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)

    if not create_db:
        return run(args)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args):
    results = []
    started = time.perf_counter()
    call_command("seed_demo", scale=args.assets, events=args.events, verbosity=0)
    loaded = time.perf_counter() - started

    from buyingstages.audience.models import ContentEvent
    from buyingstages.audience.stats import refresh_asset_stats
    from buyingstages.library.models import AssetPage

    started = time.perf_counter()
    refresh_asset_stats()
    refresh_ms = (time.perf_counter() - started) * 1000

    user = get_user_model().objects.create_user("bench", password="bench")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    with override_settings(ROOT_URLCONF="bench.urls"):  # the project's URLs plus the baseline view
        baseline_ms, _, _ = measure(client, "/bench-baseline/", args.repeat)
    assets, events = AssetPage.objects.live().count(), ContentEvent.objects.count()
    rows = [
        ("content audit, most viewed first", "/admin/reports/content-audit/"),
        (
            "content audit, by title, Evaluation only",
            "/admin/reports/content-audit/?ordering=title&stage=4",
        ),
        ("coverage heatmap, stage × persona", "/admin/reports/coverage/"),
        ("coverage heatmap, stage × topic", "/admin/reports/coverage/?by=topic"),
        ("dashboard (Wagtail home with the insight panel)", "/admin/"),
    ]
    print(
        f"{assets:,} live assets, {events:,} reading events on {connection.vendor} "
        f"(loaded in {loaded:.0f} s); median of {args.repeat} requests\n"
    )
    print(f"rollup refresh (worker, all events): {refresh_ms:,.0f} ms\n")
    print(f"{'what':52} {'ms':>9} {'× baseline':>11} {'queries':>8}")
    baseline = baseline_ms
    results.append(("baseline: bare Django view, small template", baseline_ms, 0))
    print(f"{results[0][0]:52} {baseline_ms:9.1f} {1:11.1f} {0:8d}")
    for label, url in rows:
        ms, queries, _ = measure(client, url, args.repeat)
        results.append((label, ms, queries))
        print(f"{label:52} {ms:9.1f} {ms / baseline:11.1f} {queries:8d}")
    return {"refresh_ms": refresh_ms, "rows": results}


if __name__ == "__main__":
    main()
