"""Calendar timings: month view, events JSON, gaps and the ICS feed of a 10,000-entry calendar.

Run: .venv/bin/python bench/calendar_bench.py [--entries 10000] [--repeat 20]
Uses a throwaway test database (SQLite in memory, or PostgreSQL when DATABASE_URL is set) and
Django's test client, so it measures server time without a network. Each figure is the median of
--repeat requests, shown beside a baseline (a bare Django view rendering a small template) measured in
the same run, and with its SQL query count.

--series entries repeat (default 100; weekly, monthly, or on the nth weekday; some every other week or month,
some until a day) and every other weekly one has a moved and a skipped occurrence, so the month
view and the gaps expand series inside the window they show.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

BASELINE_TEMPLATE = engines["django"].from_string(
    "<html><body><h1>{{ title }}</h1><p>{{ text }}</p></body></html>"
)


def baseline_view(request):
    return HttpResponse(
        BASELINE_TEMPLATE.render({"title": "Baseline", "text": "A small template."})
    )


def measure(client, url, repeat):
    timings = []
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)
    assert response.status_code == 200, (url, response.status_code)
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, query_count, len(response.content)


REPEATS = ("weekly", "monthly", "monthly_weekday")


def populate(entries, series=100):
    from buyingstages.taxonomy.models import BuyingStage, Persona
    from publishing.calendar.models import CalendarEntry, EntryOccurrence, Status

    stages = [
        BuyingStage.objects.create(name=f"Stage {i}", slug=f"stage-{i}", question="?", sort_order=i)
        for i in range(7)
    ]
    personas = [Persona.objects.create(name=f"Persona {i}", slug=f"persona-{i}") for i in range(6)]
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time(9)))
    planned = Status.objects.get(slug="planned").pk
    rows = [
        CalendarEntry(
            **{
                "title": f"Planned piece {n}",
                "brief": "Why this reader needs it, in a sentence or two.",
                "stage": stages[n % 7],
                "format": "article",
                "publish_at": None
                if n % 10 == 0
                else start + datetime.timedelta(hours=(n * 7) % (24 * 365)),
                "draft_due": today + datetime.timedelta(days=n % 365),
                "status_id": planned,
                **(repeating(n, start) if series and n % (entries // series) == 1 else {}),
            }
        )
        for n in range(entries)
    ]
    CalendarEntry.objects.bulk_create(rows, batch_size=1000)
    changes = []
    for entry in list(CalendarEntry.objects.filter(repeat="weekly"))[::2]:
        first = timezone.localtime(entry.publish_at).date()
        changes.append(
            EntryOccurrence(
                entry=entry, original_date=first + datetime.timedelta(weeks=1), skipped=True
            )
        )
        changes.append(
            EntryOccurrence(
                entry=entry,
                original_date=first + datetime.timedelta(weeks=2),
                moved_to=first + datetime.timedelta(weeks=2, days=1),
            )
        )
    EntryOccurrence.objects.bulk_create(changes, batch_size=1000)
    through = CalendarEntry.personas.through
    ids = list(CalendarEntry.objects.values_list("pk", flat=True))
    through.objects.bulk_create(
        [through(calendarentry_id=pk, persona_id=personas[pk % 6].pk) for pk in ids],
        batch_size=2000,
    )


def repeating(n, start):
    """A series for entry n: started up to a year ago, so many run through the month shown."""
    return {
        "publish_at": start - datetime.timedelta(days=(n * 13) % 365, hours=-(n % 9)),
        "repeat": REPEATS[n % 3],
        "repeat_every": 1 + n % 2,
        "repeat_until": None if n % 3 else (start + datetime.timedelta(days=90 + n % 200)).date(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--series", type=int, default=100, help="how many entries repeat")
    args = parser.parse_args()

    from django.urls import path

    import cms.urls

    cms.urls.urlpatterns.insert(0, path("bench-baseline/", baseline_view))

    # Keep one connection for the whole run (as Django's own test cases do), so the in-memory
    # database survives between requests and query counts are captured.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        populate(args.entries, args.series)
        user = get_user_model().objects.create_user("bench", password="bench")
        user.groups.add(Group.objects.get(name="Editors"))
        from publishing.calendar.models import CalendarFeedToken

        _, secret = CalendarFeedToken.issue(user)
        client = Client()
        client.force_login(user)
        today = timezone.localdate()
        month_start = today.replace(day=1) - datetime.timedelta(days=today.replace(day=1).weekday())
        month_end = month_start + datetime.timedelta(days=42)
        period = f"start={month_start}&end={month_end}"
        rows = [
            ("baseline: bare Django view, small template", "/bench-baseline/"),
            ("calendar page (grid shell + backlog)", "/admin/calendar/"),
            ("month view events JSON", f"/admin/calendar/events/?{period}"),
            ("gaps for the month", f"/admin/calendar/gaps/?{period}"),
            ("ICS feed (6 months back, all ahead)", f"/calendar/feeds/{secret}.ics"),
        ]
        from publishing.calendar.models import CalendarEntry

        repeating_count = CalendarEntry.objects.exclude(repeat="").count()
        print(
            f"{args.entries:,} calendar entries ({repeating_count:,} repeating) on "
            f"{connection.vendor}; median of {args.repeat} requests\n"
        )
        print(f"{'what':48} {'ms':>9} {'× baseline':>11} {'queries':>8} {'bytes':>10}")
        baseline = None
        for label, url in rows:
            ms, queries, size = measure(client, url, args.repeat)
            baseline = baseline or ms
            print(f"{label:48} {ms:9.1f} {ms / baseline:11.1f} {queries:8d} {size:10,d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
