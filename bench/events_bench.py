"""Reading events at scale: the beacon, a lead's timeline, the audit, the rollup and the purge at 1M and 10M events.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/events_bench.py [--events 1000000,10000000]
     [--assets 10000] [--profiles 500000] [--repeat 5] [--keepdb]
Fills a throwaway test database with assets, visitor profiles (one in a hundred a lead) and events with
SQL (generate_series on PostgreSQL; small Python batches elsewhere, for the smoke run), then at each
--events size times, beside a baseline (a bare Django view rendering a small template) measured in the
same run: one beacon event (scoring.record), a lead's timeline, the content audit through Django's
test client, the rollup (full rebuild, then folding in one day of new events) and the purge of one
day's expired anonymous profiles. --keepdb keeps the database for the next run, which only tops it up.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.calendar_bench import measure  # noqa: E402

TEMPLATE_ASSETS = 7  # real demo-generated assets that the SQL fill copies (one per stage)
LEAD_EVERY = 100  # one profile in this many belongs to a lead
VIEW, READ, DOWNLOAD = 0.60, 0.90, 0.98  # cumulative shares of kinds; the rest are share arrivals


def main(argv=None, *, create_db=True):
    """Run the bench and print its table. create_db=False runs on the current (test) database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events",
        default="1000000,10000000",
        help="comma-separated event counts, measured in turn (default 1,000,000 then 10,000,000)",
    )
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keepdb", action="store_true", help="keep (and reuse) the test database")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.events.replace("_", "").split(",")]

    if not create_db:
        return run(args)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    try:
        return run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)


def run(args):
    from buyingstages.audience.models import ContentEvent, Lead

    started = time.perf_counter()
    fill_assets(args.assets)
    fill_profiles(args.profiles)
    prepared = time.perf_counter() - started

    user = get_user_model().objects.create_user(f"bench-{uuid.uuid4().hex[:8]}", password="bench")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    with override_settings(ROOT_URLCONF="bench.urls"):  # the project's URLs plus the baseline view
        baseline_ms, _, _ = measure(client, "/bench-baseline/", max(args.repeat, 20))
    print(
        f"{args.assets:,} assets, {args.profiles:,} visitor profiles (1 in {LEAD_EVERY} a lead) "
        f"on {connection.vendor}, ready in {prepared:.0f} s; baseline {baseline_ms:.2f} ms\n"
    )
    header = f"{'events':>11}  {'what':44} {'ms':>10} {'× baseline':>11}  detail"
    print(header)
    rows = []
    for day, size in enumerate(args.sizes):
        started = time.perf_counter()
        fill_events(size)
        filled = time.perf_counter() - started
        count = ContentEvent.objects.count()
        lead = heaviest_lead()
        measured = [
            ("one beacon event (scoring.record)", *time_beacon(args.repeat)),
            ("a lead's timeline, 100 newest", *time_timeline(lead, args.repeat)),
            ("a lead's influencing assets", *time_influence(lead, args.repeat)),
            ("content audit, most viewed first", *time_audit(client, args.repeat)),
            ("rollup: full rebuild", *time_full_rollup()),
            ("rollup: fold in one day of new events", *time_incremental_rollup(size)),
            ("purge: one day's expired profiles", *time_purge(day)),
        ]
        print(f"{count:>11,}  (filled in {filled:.0f} s; the timeline's lead: {lead})")
        for label, ms, detail in measured:
            rows.append({"events": count, "what": label, "ms": ms, "ratio": ms / baseline_ms})
            print(f"{count:>11,}  {label:44} {ms:10.1f} {ms / baseline_ms:11.0f}  {detail}")
    return {"baseline_ms": baseline_ms, "rows": rows, "leads": Lead.objects.count()}


def median_ms(work, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def time_beacon(repeat):
    """record() for a random reader and asset each time: a view or a read."""
    from buyingstages.audience.models import VisitorProfile
    from buyingstages.audience.scoring import Reading, record
    from buyingstages.library.models import AssetPage

    count = max(repeat, 2) + 1
    visitors = VisitorProfile.objects.filter(lead__isnull=True).order_by("?")
    visitors = list(visitors.values_list("visitor_id", flat=True)[:count])
    assets = list(AssetPage.objects.live().order_by("?").values_list("pk", flat=True)[:count])
    readings = [
        Reading(str(visitor), "read", asset, 3, 4)
        if n % 2
        else Reading(str(visitor), "view", asset)
        for n, (visitor, asset) in enumerate(zip(visitors, assets * count, strict=False))
    ]
    record(readings.pop())  # warm-up: the settings and the first page lookups
    timed = len(readings)
    ms = median_ms(lambda: record(readings.pop()), timed)
    return ms, f"median of {timed}: views and reads by random readers"


def heaviest_lead():
    from buyingstages.audience.models import Lead

    lead_ids = (
        Lead.objects.filter(sales_ready_at__isnull=False)
        .values_list("pk", flat=True)
        .order_by("pk")[:20]
    )
    return max(Lead.objects.filter(pk__in=list(lead_ids)), key=lambda lead: lead.timeline().count())


def time_timeline(lead, repeat):
    events = len(lead.timeline())
    ms = median_ms(lambda: list(lead.timeline()[:100]), repeat)
    return ms, f"{events} events across the lead's browsers"


def time_influence(lead, repeat):
    count = len(lead.influencing_assets())
    ms = median_ms(lambda: list(lead.influencing_assets()), repeat)
    return ms, f"{count} assets read before sales-ready"


def time_audit(client, repeat):
    ms, queries, _ = measure(client, "/admin/reports/content-audit/", repeat)
    return ms, f"{queries} queries, reads the rollup"


def time_full_rollup():
    from buyingstages.audience.stats import refresh_asset_stats

    started = time.perf_counter()
    assets = refresh_asset_stats()
    return (time.perf_counter() - started) * 1000, f"{assets:,} assets, one pass over every event"


def time_incremental_rollup(size):
    """Write one day of new events (size / 365), then fold them in."""
    from buyingstages.audience.stats import update_asset_stats

    new = max(size // 365, 10)
    insert_events(new, days=1)
    started = time.perf_counter()
    update_asset_stats()
    return (time.perf_counter() - started) * 1000, f"{new:,} new events"


def time_purge(day):
    """purge_anonymous as if run `day` days after the newest visit: one day of profiles falls due."""
    from buyingstages.audience.models import ContentEvent, VisitorProfile
    from buyingstages.audience.privacy import purge_anonymous

    newest = VisitorProfile.objects.order_by("-last_seen_at").values_list("last_seen_at", flat=True)
    now = newest.first() + datetime.timedelta(days=day)
    events = ContentEvent.objects.count()
    batches = []
    started = time.perf_counter()
    profiles = purge_anonymous(now=now, progress=batches.append)
    ms = (time.perf_counter() - started) * 1000
    gone = events - ContentEvent.objects.count()
    return ms, f"{profiles:,} profiles and {gone:,} events in {len(batches)} batches"


# Filling the database ------------------------------------------------------------------------------


def fill_assets(count):
    """Live asset pages: a few real ones made by the demo seed, copied by SQL on PostgreSQL."""
    from bench import seeding
    from buyingstages.library.models import AssetIndexPage, AssetPage
    from cms.demo import loading

    loading.load_taxonomy()
    loading.load_site()
    library = AssetIndexPage.objects.get()
    if connection.vendor != "postgresql":
        seeding.seed_scale(library, count)
        return
    seeding.seed_scale(library, min(count, TEMPLATE_ASSETS))
    missing = count - AssetPage.objects.count()
    if missing <= 0:
        return
    library.refresh_from_db()
    last = library.get_last_child()
    step = int(last.path[-library.steplen :], 36)
    paths = [seeding.tree_path(library, step + n) for n in range(1, missing + 1)]
    templates = list(
        AssetPage.objects.filter(slug__startswith=seeding.SCALE_SLUG_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)[:TEMPLATE_ASSETS]
    )
    page_columns = [
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), "wagtailcore_page"
        )
    ]
    asset_columns = [
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), "library_assetpage"
        )
    ]
    first = step + 1
    own = {
        "path": "n.path",
        "numchild": "0",
        "title": "t.title || ' (copy ' || n.number || ')'",
        "draft_title": "t.title || ' (copy ' || n.number || ')'",
        "slug": "'copy-' || n.number",
        "url_path": "%(library_url)s || 'copy-' || n.number || '/'",
        "translation_key": "gen_random_uuid()",
        "latest_revision_id": "NULL",
        "live_revision_id": "NULL",
    }
    page_select = ", ".join(own.get(name, f"t.{name}") for name in page_columns if name != "id")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO wagtailcore_page ({", ".join(c for c in page_columns if c != "id")})
            SELECT {page_select}
            FROM unnest(%(paths)s::text[]) WITH ORDINALITY AS n(path, number)
            JOIN wagtailcore_page t
              ON t.id = (%(templates)s::int[])[1 + (n.number + %(first)s) %% %(k)s]
            """,
            {
                "paths": paths,
                "templates": templates,
                "first": first,
                "k": len(templates),
                "library_url": library.url_path,
            },
        )
        asset_select = ", ".join(
            "p.id" if name == "page_ptr_id" else f"t.{name}" for name in asset_columns
        )
        cursor.execute(
            f"""
            INSERT INTO library_assetpage ({", ".join(asset_columns)})
            SELECT {asset_select}
            FROM wagtailcore_page p
            JOIN library_assetpage t ON t.page_ptr_id =
                 (%(templates)s::int[])[1 + (substr(p.slug, 6)::int + %(first)s) %% %(k)s]
            WHERE p.path LIKE %(prefix)s AND p.depth = %(depth)s AND p.slug LIKE 'copy-%%'
              AND NOT EXISTS (SELECT 1 FROM library_assetpage a WHERE a.page_ptr_id = p.id)
            """,
            {
                "templates": templates,
                "first": first,
                "k": len(templates),
                "prefix": library.path + "%",
                "depth": library.depth + 1,
            },
        )
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s",
            [missing, library.pk],
        )


def fill_profiles(count):
    """Anonymous profiles last seen over the past 181 days; one in LEAD_EVERY belongs to a lead."""
    from buyingstages.audience.models import Lead, VisitorProfile

    missing = count - VisitorProfile.objects.count()
    if missing <= 0:
        return
    now = timezone.now()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO audience_visitorprofile
                    (visitor_id, created_at, last_seen_at, score, topic_interest, stage_interest)
                SELECT gen_random_uuid(), seen - interval '30 days' * random(), seen, 0, '{}', '{}'
                FROM (SELECT %(now)s - interval '181 days' * random() AS seen
                      FROM generate_series(1, %(missing)s)) s
                """,
                {"now": now, "missing": missing},
            )
    else:
        rng = random.Random(count)
        VisitorProfile.objects.bulk_create(
            (
                VisitorProfile(last_seen_at=now - datetime.timedelta(days=181 * rng.random()))
                for _ in range(missing)
            ),
            batch_size=2000,
        )
    # Every LEAD_EVERY-th profile without a lead gets one; half of those leads are sales-ready.
    unassigned = list(
        VisitorProfile.objects.filter(lead__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[::LEAD_EVERY][: max(missing // LEAD_EVERY, 1)]
    )
    offset = Lead.objects.count()
    leads = Lead.objects.bulk_create(
        Lead(
            email=f"reader{offset + n}@example.com",
            name=f"Reader {offset + n}",
            state="nurturing" if n % 2 else "sales_ready",
            sales_ready_at=None if n % 2 else now - datetime.timedelta(days=(n * 7) % 150),
            first_touch_at=now - datetime.timedelta(days=200),
        )
        for n in range(len(unassigned))
    )
    for lead, profile_id in zip(leads, unassigned, strict=True):
        VisitorProfile.objects.filter(pk=profile_id).update(lead=lead)


def fill_events(count):
    """Top up the events to `count`, spread over the past year."""
    from buyingstages.audience.models import ContentEvent

    missing = count - ContentEvent.objects.count()
    chunk = 1_000_000
    for start in range(0, max(missing, 0), chunk):
        insert_events(min(chunk, missing - start), days=365)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE audience_contentevent")
            cursor.execute("ANALYZE audience_visitorprofile")


def insert_events(count, days):
    """`count` events over the past `days` days: a year's are no later than their reader's last visit;
    a shorter span's are new visits, so their readers' last visit moves on.

    Popular assets and heavy readers get most of them: the asset and profile are drawn with a power of
    a uniform number. 60% views, 30% reads (sections seen of 4 to 8), 8% downloads, 2% share arrivals.
    The newest is a few minutes old, so the rollup may fold it in at once.
    """
    if connection.vendor != "postgresql":
        insert_events_python(count, days)
        return
    now = timezone.now() - datetime.timedelta(minutes=5)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            # Skip the deferred foreign-key checks (ids come from the tables themselves): twice as fast.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS bench_assets AS
            SELECT row_number() OVER (ORDER BY a.page_ptr_id) - 1 AS n, a.page_ptr_id AS id
            FROM library_assetpage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id
            WHERE p.live
            """
        )
        cursor.execute("DROP TABLE IF EXISTS bench_profiles")
        cursor.execute(
            """
            CREATE TEMP TABLE bench_profiles AS
            SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, least(last_seen_at, %(now)s) AS seen
            FROM audience_visitorprofile
            """,
            {"now": now},
        )
        cursor.execute("SELECT count(*) FROM bench_assets")
        assets = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bench_profiles")
        profiles = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO audience_contentevent
                (kind, sections_seen, sections_total, points, created_at, asset_id, profile_id)
            SELECT kind, CASE WHEN kind = 'read' THEN 1 + floor(random() * total) END,
                   CASE WHEN kind = 'read' THEN total END, 1, at, asset_id, profile_id
            FROM (
                SELECT a.id AS asset_id, p.id AS profile_id, 4 + floor(random() * 5)::int AS total,
                       CASE WHEN g.r < %(view)s THEN 'view' WHEN g.r < %(read)s THEN 'read'
                            WHEN g.r < %(download)s THEN 'download' ELSE 'share' END AS kind,
                       CASE WHEN %(days)s < 365 THEN %(now)s - %(days)s * interval '1 day' * g.t
                            ELSE p.seen - (p.seen - (%(now)s - interval '365 days')) * g.t END AS at
                FROM (SELECT floor(power(random(), 2.5) * %(assets)s)::int AS an,
                             floor(power(random(), 1.5) * %(profiles)s)::int AS pn,
                             random() AS r, random() AS t
                      FROM generate_series(1, %(count)s)) g
                JOIN bench_assets a ON a.n = g.an
                JOIN bench_profiles p ON p.n = g.pn
            ) e
            ORDER BY at
            """,
            {
                "view": VIEW,
                "read": READ,
                "download": DOWNLOAD,
                "now": now,
                "days": days,
                "assets": assets,
                "profiles": profiles,
                "count": count,
            },
        )
        if days < 365:  # their readers were seen again
            cursor.execute(
                """
                UPDATE audience_visitorprofile p SET last_seen_at = e.seen
                FROM (SELECT profile_id, max(created_at) AS seen FROM audience_contentevent
                      WHERE created_at > %(since)s GROUP BY profile_id) e
                WHERE p.id = e.profile_id AND p.last_seen_at < e.seen
                """,
                {"since": now - days * datetime.timedelta(days=1)},
            )


def insert_events_python(count, days):
    from buyingstages.audience.models import ContentEvent, VisitorProfile
    from buyingstages.library.models import AssetPage

    rng = random.Random(count)
    now = timezone.now() - datetime.timedelta(minutes=5)
    assets = list(AssetPage.objects.live().values_list("pk", flat=True))
    profiles = list(VisitorProfile.objects.values_list("pk", "last_seen_at"))
    events = []
    for _ in range(count):
        profile_id, seen = profiles[int(rng.random() ** 1.5 * len(profiles))]
        seen = min(seen, now)
        r, total = rng.random(), rng.randint(4, 8)
        kind = (
            "view" if r < VIEW else "read" if r < READ else "download" if r < DOWNLOAD else "share"
        )
        earliest = now - datetime.timedelta(days=days)
        if days < 365:
            seen = now
        events.append(
            ContentEvent(
                profile_id=profile_id,
                asset_id=assets[int(rng.random() ** 2.5 * len(assets))],
                kind=kind,
                sections_seen=rng.randint(1, total) if kind == "read" else None,
                sections_total=total if kind == "read" else None,
                points=1,
                created_at=seen - (seen - earliest) * rng.random(),
            )
        )
    events.sort(key=lambda event: event.created_at)
    ContentEvent.objects.bulk_create(events, batch_size=2000)
    if days < 365:
        newest = {event.profile_id: event.created_at for event in events}
        for profile_id, seen in newest.items():
            VisitorProfile.objects.filter(pk=profile_id, last_seen_at__lt=seen).update(
                last_seen_at=seen
            )


if __name__ == "__main__":
    main()
