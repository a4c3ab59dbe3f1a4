"""Buying-group timings: an organisation's page in the Sales area with 1,000 subscribers, and the list.

Run: .venv/bin/python bench/organisation_bench.py [--people 1000] [--events-each 20] [--repeat 10]
Loads the demo (seed_demo --users) into a throwaway test database (SQLite, or PostgreSQL when
DATABASE_URL is set), then adds one organisation of --people confirmed subscribers, each with one
browser and --events-each reading events over the demo's assets, and times through Django's test client
as a salesperson (server time, no network): the median of --repeat requests after one warm-up whose
SQL queries are counted, beside a baseline (a bare Django view rendering a small template) measured in
the same run. The budget: an organisation of 1,000 subscribers opens in under 300 ms.
"""

import argparse
import os
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
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.calendar_bench import measure  # noqa: E402

BUDGET_MS = 300


def main(argv=None, *, create_db=True):
    """Run the bench and print its table. create_db=False runs on the current (test) database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--events-each", type=int, default=20)
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


def populate(people, events_each):
    """One organisation of ``people`` confirmed subscribers, each with a browser and some reading."""
    from buyingstages.audience.models import (
        ContentEvent,
        Lead,
        Organisation,
        OrganisationDomain,
        Subscription,
        VisitorProfile,
    )
    from buyingstages.library.models import AssetPage

    now = timezone.now()
    organisation = Organisation.objects.create(name="Brantwood Engineering")
    OrganisationDomain.objects.create(organisation=organisation, domain="brantwood-eng.co.uk")
    leads = Lead.objects.bulk_create(
        Lead(
            name=f"Reader {n}",
            email=f"reader{n}@brantwood-eng.co.uk",
            organisation=organisation,
            first_touch_at=now,
        )
        for n in range(people)
    )
    Subscription.objects.bulk_create(
        Subscription(lead=lead, consent_text="E-mail me", consented_at=now, confirmed_at=now)
        for lead in leads
    )
    stages = dict(AssetPage.objects.live().values_list("pk", "stage_id"))
    asset_ids = sorted(stages)
    profiles = VisitorProfile.objects.bulk_create(
        VisitorProfile(
            visitor_id=uuid.uuid4(),
            lead=lead,
            last_seen_at=now,
            score=10.0,
            scored_at=now,
            stage_interest={str(stages[asset_ids[n % len(asset_ids)]]): 5.0},
            topic_interest={},
        )
        for n, lead in enumerate(leads)
    )
    ContentEvent.objects.bulk_create(
        (
            ContentEvent(
                profile=profile,
                asset_id=asset_ids[(n * 7 + i) % len(asset_ids)],
                kind="view",
                points=1,
                created_at=now - timezone.timedelta(minutes=n * events_each + i),
            )
            for n, profile in enumerate(profiles)
            for i in range(events_each)
        ),
        batch_size=2000,
    )
    return organisation


def run(args):
    from buyingstages.audience.models import ContentEvent

    started = time.perf_counter()
    call_command("seed_demo", users=True, verbosity=0)
    organisation = populate(args.people, args.events_each)
    loaded = time.perf_counter() - started

    seller = get_user_model().objects.create_user("bench-seller", password="bench")
    seller.groups.add(Group.objects.get(name="Sales"))
    client = Client()
    client.force_login(seller)
    with override_settings(ROOT_URLCONF="bench.urls"):  # the project's URLs plus the baseline view
        baseline_ms, _, _ = measure(client, "/bench-baseline/", args.repeat)
    events = ContentEvent.objects.filter(profile__lead__organisation=organisation).count()
    print(
        f"{organisation.people.count():,} subscribers at one organisation, {events:,} of their reading "
        f"events, on {connection.vendor} (loaded in {loaded:.0f} s); median of {args.repeat} requests\n"
    )
    print(f"{'what':52} {'ms':>9} {'× baseline':>11} {'queries':>8}")
    print(f"{'baseline: bare Django view, small template':52} {baseline_ms:9.1f} {1:11.1f} {0:8d}")
    rows = [
        ("organisation page (Sales)", f"/admin/sales/organisations/inspect/{organisation.pk}/"),
        ("organisation list (Sales)", "/admin/sales/organisations/"),
    ]
    results = {}
    for label, url in rows:
        ms, queries, _ = measure(client, url, args.repeat)
        results[label] = ms
        print(f"{label:52} {ms:9.1f} {ms / baseline_ms:11.1f} {queries:8d}")
    page_ms = results["organisation page (Sales)"]
    verdict = "met" if page_ms < BUDGET_MS else "MISSED"
    print(f"\nbudget: the organisation page under {BUDGET_MS} ms: {verdict} ({page_ms:.0f} ms)")
    return results


if __name__ == "__main__":
    main()
