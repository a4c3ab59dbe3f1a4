"""The content audit: exact figures on hand-built reading, CSV export, and a constant query count."""

import csv
import datetime
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyingstages.audience.models import (
    AssetStats,
    AssetVote,
    ContentEvent,
    EventKind,
    Lead,
    VisitorProfile,
)
from buyingstages.audience.stats import asset_figures, refresh_asset_stats
from buyingstages.sales.models import AssetFeedback
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def event(profile, asset, kind, minutes_ago, seen=None, total=None):
    return ContentEvent.objects.create(
        profile=profile,
        asset=asset,
        kind=kind,
        sections_seen=seen,
        sections_total=total,
        created_at=NOW - datetime.timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def reading(library, stages, make_user):
    """Two assets; three readers, one of them a lead who became sales-ready half an hour ago."""
    guide = AssetPageFactory(parent=library, title="Guide", stage=stages[3])
    brief = AssetPageFactory(parent=library, title="Brief", stage=stages[1])
    lead = Lead.objects.create(
        name="Ana",
        email="ana@example.com",
        state="sales_ready",
        sales_ready_at=NOW - datetime.timedelta(minutes=30),
    )
    one, two, three = (
        VisitorProfile.objects.create(visitor_id=uuid.uuid4(), last_seen_at=NOW, lead=owner)
        for owner in (None, None, lead)
    )
    event(one, guide, EventKind.VIEW, 60)
    event(one, guide, EventKind.READ, 59, seen=2, total=4)  # half is not "most"
    event(one, guide, EventKind.READ, 58, seen=3, total=4)  # most sections: read through
    event(one, guide, EventKind.DOWNLOAD, 57)
    event(two, guide, EventKind.VIEW, 50)
    event(two, guide, EventKind.READ, 49, seen=1, total=4)
    event(three, guide, EventKind.VIEW, 45)  # before sales-ready: influenced
    event(three, guide, EventKind.VIEW, 44)
    event(three, brief, EventKind.VIEW, 10)  # after sales-ready: not influence
    for useful in (True, True, False):
        AssetVote.objects.create(asset=guide, voter=uuid.uuid4(), useful=useful)
    seller = make_user("Sales", "sam")
    AssetFeedback.objects.create(asset=guide, author=seller, helped=True)
    AssetFeedback.objects.create(asset=guide, author=seller, helped=False)
    refresh_asset_stats(now=NOW)
    return guide, brief


def test_figures_are_aggregated_exactly(reading):
    guide, brief = reading
    figures = asset_figures()
    assert figures[guide.pk] == {
        "views": 4,
        "viewers": 3,
        "readers_through": 1,
        "downloads": 1,
        "leads_influenced": 1,
    }
    assert figures[brief.pk] == {
        "views": 1,
        "viewers": 1,
        "readers_through": 0,
        "downloads": 0,
        "leads_influenced": 0,
    }
    assert AssetStats.objects.get(asset=guide).read_through == pytest.approx(1 / 3)


def test_refresh_replaces_the_rollup(reading):
    guide, _ = reading
    ContentEvent.objects.filter(asset=guide).delete()
    refresh_asset_stats()
    assert not AssetStats.objects.filter(asset=guide).exists()


def test_audit_report_shows_each_assets_figures(editor_client, reading):
    response = editor_client.get("/admin/reports/content-audit/")
    assert response.status_code == 200
    rows = {asset.title: asset for asset in response.context["object_list"]}
    guide = rows["Guide"]
    assert (guide.views, guide.read_through_percent, guide.download_count) == (4, 33, 1)
    assert (guide.useful_percent, guide.sales_label, guide.leads_influenced) == (67, "1 / 2", 1)
    assert [asset.title for asset in response.context["object_list"]] == ["Guide", "Brief"]


def test_audit_report_sorts_and_filters(editor_client, reading, stages):
    by_title = editor_client.get("/admin/reports/content-audit/", {"ordering": "title"})
    assert [a.title for a in by_title.context["object_list"]] == ["Brief", "Guide"]
    awareness = editor_client.get("/admin/reports/content-audit/", {"stage": stages[1].pk})
    assert [a.title for a in awareness.context["object_list"]] == ["Brief"]


def test_audit_report_flags_overdue_reviews(editor_client, reading):
    guide, _ = reading
    guide.review_by = timezone.localdate() - datetime.timedelta(days=1)
    guide.save_revision().publish()
    html = editor_client.get("/admin/reports/content-audit/").content.decode()
    assert html.count("data-overdue") == 1


def test_audit_report_exports_csv(editor_client, reading):
    response = editor_client.get("/admin/reports/content-audit/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["Title"]: row for row in csv.DictReader(io.StringIO(body))}
    guide = rows["Guide"]
    assert (guide["Views"], guide["Read-through %"], guide["Downloads"]) == ("4", "33", "1")
    assert (guide["Useful (yes)"], guide["Useful? answers"]) == ("2", "3")
    assert (guide["Used by sales"], guide["Helped"], guide["Leads influenced"]) == ("2", "1", "1")


def test_sales_may_read_the_audit_and_visitors_may_not(client, make_user, reading):
    client.force_login(make_user("Sales", "kim"))
    assert client.get("/admin/reports/content-audit/").status_code == 200
    client.logout()
    assert client.get("/admin/reports/content-audit/").status_code == 302


def test_audit_query_count_does_not_grow_with_assets(editor_client, library, stages):
    def queries():
        editor_client.get("/admin/reports/content-audit/")
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get("/admin/reports/content-audit/").status_code == 200
        return len(captured)

    for n in range(5):
        AssetPageFactory(parent=library, stage=stages[n % 7])
    small = queries()
    for n in range(45):
        AssetPageFactory(parent=library, stage=stages[n % 7])
    assert queries() == small
