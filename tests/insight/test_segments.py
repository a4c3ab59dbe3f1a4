"""Who reads what, by segment: each segment's known readers' formats and stages beside the plan."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyingstages.audience.models import ContentEvent, Lead, Subscription, VisitorProfile
from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import SegmentDimension
from publishing.insight import figures
from tests.factories import AssetPageFactory, CalendarEntryFactory, SegmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def utilities(db):
    return SegmentFactory(name="Utilities", dimension=SegmentDimension.INDUSTRY)


def reader(email, segment=None, consented=True):
    """A subscriber at an organisation (grouped once they confirmed); not ``consented``: they have
    since withdrawn (unsubscribed), so they are still grouped but must never count."""
    now = timezone.now()
    lead = Lead.objects.create(email=email, name="Reader")
    subscription = Subscription.objects.create(
        lead=lead, consent_text="E-mail me", consented_at=now, confirmed_at=now
    )
    lead.refresh_from_db()
    if not consented:
        Subscription.objects.filter(pk=subscription.pk).update(unsubscribed_at=now)
    if segment is not None:
        lead.organisation.segments.add(segment)
    return VisitorProfile.objects.create(visitor_id=uuid.uuid4(), lead=lead, last_seen_at=now)


def read(profile, asset, times=1):
    ContentEvent.objects.bulk_create(
        ContentEvent(profile=profile, asset=asset, kind="view", created_at=timezone.now())
        for _ in range(times)
    )


def test_a_segment_that_reads_webinars_but_is_planned_only_white_papers(library, stages, utilities):
    webinar = AssetPageFactory(parent=library, stage=stages[2], format=AssetFormat.WEBINAR)
    report = AssetPageFactory(parent=library, stage=stages[0], format=AssetFormat.RESEARCH_REPORT)
    ana = reader("ana@northmere.co.uk", utilities)
    read(ana, webinar, 3)
    read(ana, report, 1)
    entry = CalendarEntryFactory(format=AssetFormat.WHITE_PAPER, stage=stages[2])
    entry.segments.add(utilities)
    [row] = figures.segment_reading()
    assert row.readers == 1
    assert [(label, count) for label, count, _ in row.formats] == [
        ("Webinar / video", 3),
        ("Research report", 1),
    ]
    assert row.stages == [("Epiphany", 1), ("Interest", 3)]
    assert row.planned_formats == [("White paper", 1)]
    assert row.gap == "Reads webinar / video and research report; planned only white paper."


def test_anonymous_and_unconsented_reading_never_counts(library, stages, utilities):
    webinar = AssetPageFactory(parent=library, stage=stages[2], format=AssetFormat.WEBINAR)
    read(reader("pat@northmere.co.uk", utilities, consented=False), webinar, 5)
    read(
        VisitorProfile.objects.create(visitor_id=uuid.uuid4(), last_seen_at=timezone.now()), webinar
    )
    [row] = figures.segment_reading()
    assert row.readers == 0 and row.formats == []
    assert row.gap.startswith("No known readers yet")


def test_a_plan_that_covers_the_reading_shows_no_gap(library, stages, utilities):
    webinar = AssetPageFactory(parent=library, stage=stages[2], format=AssetFormat.WEBINAR)
    read(reader("ana@northmere.co.uk", utilities), webinar, 2)
    CalendarEntryFactory(format=AssetFormat.WEBINAR).segments.add(utilities)
    [row] = figures.segment_reading()
    assert row.gap == ""


def test_the_report_page_shows_the_gap_in_a_constant_number_of_queries(
    editor_client, library, stages, utilities
):
    webinar = AssetPageFactory(parent=library, stage=stages[2], format=AssetFormat.WEBINAR)
    read(reader("ana@northmere.co.uk", utilities), webinar, 2)

    def queries():
        editor_client.get("/admin/reports/segments/")  # warm the per-process caches alike
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get("/admin/reports/segments/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    small, page = queries()
    assert "nothing is planned for this segment" in page
    for n in range(20):
        other = SegmentFactory(name=f"Region {n}", dimension=SegmentDimension.REGION)
        read(reader(f"r{n}@company{n}.co.uk", other), webinar, 3)
    large, _ = queries()
    assert large == small
