"""Growth: how the calendar, ICS feed, sales library and coverage report cost at 1×, 10× and 100× data.

Run: .venv/bin/python bench/growth_bench.py [--scales 1,10,100] [--base 100] [--repeat 10]
Loads the demo content (`seed_demo`, without --scale) into a throwaway test database (SQLite in memory,
or PostgreSQL when DATABASE_URL is set), then for each scale tops the data up to base × scale calendar
entries and base × scale live asset pages and times each figure through Django's test client (server
time, no network): the median of --repeat requests after a warm-up whose SQL queries are counted. The
ICS feed is also timed cold: the first request after the cache is cleared. Each scale's table is shown
beside a baseline (a bare Django view rendering a small template, through bench.urls), and the end
shows how each figure grew from one scale to the next, flagging any that grew faster than the data or
whose query count changed.

The asset pages are copies of one page that seed_demo's benchmark seeding made the Wagtail way: rows
in the page tree (bulk-inserted with their tree paths), each with a stage, two personas, a segment,
two topics, and some reader votes, sales feedback and share links, because creating 10,000 pages one
by one through Wagtail takes about 20 minutes on SQLite.
"""

import argparse
import datetime
import os
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
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402

HOURS_IN_YEAR = 365 * 24
SPREAD = 7919  # a prime: entry n is planned (n × SPREAD) mod a year's hours after the month starts
MONTH_VIEW_DAYS = 42


def timed(client, url, repeat):
    """GET url: median wall ms and CPU ms of --repeat requests after a warm-up, the warm-up's
    wall ms, its SQL query count and the body's size.

    The CPU time is this process's (the server runs in it, and SQLite with it): unlike the wall
    clock, it does not count time spent waiting for a core that other work on the machine holds.
    """
    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        first = (time.perf_counter() - started) * 1000
        first_cpu = (time.process_time() - started_cpu) * 1000
    query_count = len(queries)  # now: each request clears Django's query log as it starts
    assert response.status_code == 200, (url, response.status_code)
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "ms": statistics.median(wall),
        "cpu_ms": statistics.median(cpu),
        "first_ms": first,
        "first_cpu_ms": first_cpu,
        "queries": query_count,
        "bytes": len(response.content),
    }


def month_start():
    first = timezone.localdate().replace(day=1)
    return first - datetime.timedelta(days=first.weekday())


@transaction.atomic
def add_entries(count, owner):
    """Top the calendar up to `count` entries, 90% planned over the next year, as calendar_bench.

    Entry n is planned (n × 7919) mod 8,760 hours after the first of this month at 9:00, so any
    first N entries spread evenly over the year and a month view holds about an eighth of them.
    A fifth of the planned entries have a live asset page; each entry has a persona and a topic.
    """
    from buyingstages.library.models import AssetPage
    from buyingstages.taxonomy.models import BuyingStage, Persona, Topic
    from publishing.calendar.models import CalendarEntry, Status

    existing = CalendarEntry.objects.count()
    if existing >= count:
        return
    stages = list(BuyingStage.objects.order_by("sort_order"))
    personas = list(Persona.objects.order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    pages = list(AssetPage.objects.live().order_by("pk").values_list("pk", flat=True)[:500])
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time(9)))
    statuses = dict(Status.objects.values_list("slug", "pk"))
    rows = []
    for n in range(existing, count):
        planned = n % 10 != 0
        rows.append(
            CalendarEntry(
                title=f"Planned piece {n}",
                brief="Why this reader needs it, in a sentence or two.",
                stage=stages[n % len(stages)],
                format="article",
                status_id=statuses["planned" if planned else "idea"],
                owner=owner if n % 3 == 0 else None,
                publish_at=start + datetime.timedelta(hours=(n * SPREAD) % HOURS_IN_YEAR)
                if planned
                else None,
                draft_due=today + datetime.timedelta(days=(n * 37) % 365),
                page_id=pages[n % len(pages)] if planned and n % 5 == 1 and pages else None,
            )
        )
    created = CalendarEntry.objects.bulk_create(rows, batch_size=1000)
    if not created or created[0].pk is None:  # a backend that does not return keys
        created = CalendarEntry.objects.order_by("pk")[existing:]
    for field, choices in (("personas", personas), ("topics", topics)):
        through = getattr(CalendarEntry, field).through
        column = field.removesuffix("s") + "_id"
        through.objects.bulk_create(
            [
                through(calendarentry_id=entry.pk, **{column: choices[entry.pk % len(choices)].pk})
                for entry in created
            ],
            batch_size=2000,
        )


def template_asset():
    """A benchmark asset page made by seed_demo the Wagtail way (revision, publish and all)."""
    from bench import seeding
    from buyingstages.library.models import AssetIndexPage, AssetPage

    template = AssetPage.objects.filter(slug__startswith=seeding.SCALE_SLUG_PREFIX).first()
    if template is None:
        seeding.seed_scale(AssetIndexPage.objects.get(), 1)
        template = AssetPage.objects.get(slug__startswith=seeding.SCALE_SLUG_PREFIX)
    return template


@transaction.atomic
def add_assets(count, seller):
    """Top the live asset pages up to `count` with copies of the template asset.

    Page rows are bulk-inserted under the library with their tree paths and URL paths, the
    AssetPage rows are saved as loaddata saves them (raw), and the tags go in with bulk_create.
    """
    from wagtail.models import Page

    from bench import seeding
    from buyingstages.audience.models import AssetVote
    from buyingstages.library.models import AssetIndexPage, AssetPage, AssetTopic
    from buyingstages.sales.models import AssetFeedback, ShareLink
    from buyingstages.taxonomy.models import BuyingStage, Persona, Segment, Topic

    template = template_asset()
    existing = AssetPage.objects.live().count()
    if existing >= count:
        return
    library = AssetIndexPage.objects.get()
    last = library.get_last_child()
    step = int(last.path[-Page.steplen :], 36) if last else 0
    stages = list(BuyingStage.objects.order_by("sort_order"))
    personas = list(Persona.objects.order_by("pk"))
    segments = list(Segment.objects.order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    skip = {"id", "path", "title", "draft_title", "slug", "url_path", "translation_key"}
    skip |= {"latest_revision", "live_revision", "latest_revision_created_at"}
    page_fields = [field.attname for field in Page._meta.concrete_fields if field.name not in skip]
    asset_fields = [
        field.attname
        for field in AssetPage._meta.local_concrete_fields
        if not field.primary_key and field.name != "stage"
    ]
    numbers = range(existing, count)
    pages = []
    for offset, number in enumerate(numbers, start=1):
        slug = f"growth-{number}"
        page = Page(**{name: getattr(template, name) for name in page_fields})
        page.title = page.draft_title = f"{template.title} (growth {number})"
        page.slug, page.url_path = slug, f"{library.url_path}{slug}/"
        page.path = seeding.tree_path(library, step + offset)
        page.depth, page.numchild, page.translation_key = library.depth + 1, 0, uuid.uuid4()
        pages.append(page)
    pages = Page.objects.bulk_create(pages, batch_size=1000)
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + len(pages))
    assets = []
    for number, page in zip(numbers, pages, strict=True):
        asset = AssetPage(
            page_ptr_id=page.pk, **{name: getattr(template, name) for name in asset_fields}
        )
        asset.stage = stages[number % len(stages)]
        asset.save_base(raw=True)  # only the AssetPage row: the page row is there already
        assets.append(asset)
    personas_through = AssetPage.personas.through
    segments_through = AssetPage.segments.through
    personas_through.objects.bulk_create(
        personas_through(
            assetpage_id=asset.pk, persona_id=personas[(number + k) % len(personas)].pk
        )
        for number, asset in zip(numbers, assets, strict=True)
        for k in (0, 1)
    )
    segments_through.objects.bulk_create(
        segments_through(assetpage_id=asset.pk, segment_id=segments[number % len(segments)].pk)
        for number, asset in zip(numbers, assets, strict=True)
    )
    AssetTopic.objects.bulk_create(
        AssetTopic(content_object_id=asset.pk, tag_id=topic.pk)
        for number, asset in zip(numbers, assets, strict=True)
        for topic in {topics[number % len(topics)], topics[(number + 1) % len(topics)]}
    )
    AssetVote.objects.bulk_create(
        AssetVote(asset_id=asset.pk, voter=uuid.uuid4(), useful=k != 2)
        for number, asset in zip(numbers, assets, strict=True)
        if number % 4 == 0
        for k in range(3)
    )
    AssetFeedback.objects.bulk_create(
        AssetFeedback(asset_id=asset.pk, author=seller, helped=number % 3 != 0)
        for number, asset in zip(numbers, assets, strict=True)
        if number % 5 == 0
    )
    ShareLink.objects.bulk_create(
        ShareLink(asset_id=asset.pk, owner=seller, code=uuid.uuid4().hex)
        for number, asset in zip(numbers, assets, strict=True)
        if number % 3 == 0
    )


def figures(secret):
    """(label, url, who) for each figure, `who` being the user that requests it."""
    start = month_start()
    period = f"start={start}&end={start + datetime.timedelta(days=MONTH_VIEW_DAYS)}"
    return [
        ("calendar page (grid shell + backlog)", "/admin/calendar/", "editor"),
        ("month view events JSON", f"/admin/calendar/events/?{period}", "editor"),
        ("ICS feed, its whole window", f"/calendar/feeds/{secret}.ics", "editor"),
        ("sales library, first page", "/admin/sales/library/", "seller"),
        ("sales library, one stage", "/admin/sales/library/?stage={stage}", "seller"),
        ("coverage heatmap, stage × persona", "/admin/reports/coverage/", "editor"),
    ]


def run_scale(size, args, clients, secret, users):
    from buyingstages.library.models import AssetPage
    from buyingstages.taxonomy.models import BuyingStage
    from publishing.calendar.models import CalendarEntry

    started = time.perf_counter()
    add_assets(size, users["seller"])
    add_entries(size, users["editor"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load
    loaded = time.perf_counter() - started
    start = month_start()
    in_month = CalendarEntry.objects.filter(
        publish_at__date__gte=start,
        publish_at__date__lt=start + datetime.timedelta(days=MONTH_VIEW_DAYS),
    ).count()
    stage = BuyingStage.objects.order_by("sort_order")[1].pk
    rows = []
    with override_settings(ROOT_URLCONF="bench.urls"):  # the project's URLs plus the baseline view
        figure = timed(clients["editor"], "/bench-baseline/", args.repeat)
        rows.append({"label": "baseline: bare Django view, small template", **figure})
        for label, url, who in figures(secret):
            url = url.format(stage=stage)
            if "ICS" in label:
                cache.clear()
                figure = timed(clients[who], url, args.repeat)
                cold = {**figure, "ms": figure["first_ms"], "cpu_ms": figure["first_cpu_ms"]}
                rows.append({"label": f"{label}, cold (first request)", **cold})
                rows.append({"label": f"{label}, warm", **figure})
                continue
            rows.append({"label": label, **timed(clients[who], url, args.repeat)})
    result = {
        "scale": size // args.base,
        "entries": CalendarEntry.objects.count(),
        "assets": AssetPage.objects.live().count(),
        "month_events": in_month,
        "loaded_s": loaded,
        "rows": rows,
    }
    print_scale(result, args)
    return result


def print_scale(result, args):
    print(
        f"\n×{result['scale']}: {result['entries']:,} calendar entries ({result['month_events']:,} "
        f"in the month view), {result['assets']:,} live assets on {connection.vendor}; "
        f"median of {args.repeat} (loaded in {result['loaded_s']:.0f} s)\n"
    )
    print(f"{'what':50} {'ms':>8} {'cpu ms':>8} {'× baseline':>11} {'queries':>8} {'bytes':>10}")
    baseline = result["rows"][0]["ms"]
    for row in result["rows"]:
        cpu = f"{row['cpu_ms']:8.1f}" if row["cpu_ms"] is not None else f"{'':8}"
        print(
            f"{row['label']:50} {row['ms']:8.1f} {cpu} {row['ms'] / baseline:11.1f} "
            f"{row['queries']:8d} {row['bytes']:10,d}"
        )


def ratio(after, before):
    return after / before if after is not None and before else None


def growth(results):
    """For each figure and each step between scales: the data's, wall time's and CPU time's
    ratios and the query counts. A step grows faster than the data when both clocks say so (the
    wall clock alone also counts waiting for a core that other work holds)."""
    lines = []
    for index, row in enumerate(results[0]["rows"]):
        steps = []
        for before, after in zip(results, results[1:], strict=False):
            old, new = before["rows"][index], after["rows"][index]
            steps.append(
                {
                    "data": after["scale"] / before["scale"],
                    "time": ratio(new["ms"], old["ms"]),
                    "cpu": ratio(new["cpu_ms"], old["cpu_ms"]),
                    "queries": (old["queries"], new["queries"]),
                }
            )
        faster = [
            step
            for step in steps
            if step["time"] > step["data"] and (step["cpu"] is None or step["cpu"] > step["data"])
        ]
        changed = [step for step in steps if step["queries"][0] != step["queries"][1]]
        lines.append({"label": row["label"], "steps": steps, "faster": faster, "changed": changed})
    return lines


def print_growth(lines):
    print(
        "\ngrowth from scale to scale "
        "(flagged: faster than the data by both clocks, or queries change)\n"
    )
    for line in lines:
        steps = "   ".join(
            f"×{step['data']:g} data → ×{step['time']:.1f} time"
            + (f" (cpu ×{step['cpu']:.1f})" if step["cpu"] is not None else "")
            for step in line["steps"]
        )
        flags = []
        if line["faster"]:
            flags.append("GROWS FASTER THAN THE DATA")
        if line["changed"]:
            counts = " → ".join(
                str(count) for count in [line["steps"][0]["queries"][0]]
                + [step["queries"][1] for step in line["steps"]]
            )  # fmt: skip
            flags.append(f"QUERIES CHANGE ({counts})")
        print(f"{line['label']:52} {steps}{'   ' + '; '.join(flags) if flags else ''}")


def main(argv=None, *, create_db=True):
    """Run the bench and print its tables. create_db=False runs on the current (test) database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated, ascending")
    parser.add_argument("--base", type=int, default=100, help="entries and assets at ×1")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    args.scales = sorted(int(scale) for scale in args.scales.split(","))

    if not create_db:
        return run(args)
    # One connection for the whole run (as Django's test cases), so the in-memory database lives.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args):
    from publishing.calendar.models import CalendarFeedToken

    started = time.perf_counter()
    call_command("seed_demo", verbosity=0)
    print(f"demo content loaded in {time.perf_counter() - started:.0f} s")
    User = get_user_model()
    users = {}
    clients = {}
    for who, group in (("editor", "Editors"), ("seller", "Sales")):
        user = User.objects.create_user(f"growth-{who}", password="growth")
        user.groups.add(Group.objects.get(name=group))
        users[who] = user
        clients[who] = Client()
        clients[who].force_login(user)
    _, secret = CalendarFeedToken.issue(users["editor"])
    # One untimed request to each figure first, so no scale pays for the process's first requests
    # (templates compiled, per-process caches filled) and query counts compare like with like.
    for _, url, who in figures(secret):
        clients[who].get(url.format(stage=""))
    results = [run_scale(args.base * scale, args, clients, secret, users) for scale in args.scales]
    lines = growth(results)
    if len(results) > 1:
        print_growth(lines)
    return {"scales": results, "growth": lines}


if __name__ == "__main__":
    main()
