"""What each campaign brought, from readings written the way production writes them: the beacon
buffers, the worker folds and scores, readers subscribe and confirm by the e-mail's link."""

import csv
import io
import json
import uuid

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyingstages.audience import event_buffer
from buyingstages.audience.models import Lead, ProfileCampaignTouch, VisitorProfile
from publishing.insight import attribution
from tests.factories import AssetPageFactory, CampaignFactory, TopicFactory
from tests.people import reading_event, send_beacon, subscribe_and_confirm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("buffered_beacon")]


def read(client, asset, visitor, campaign="", kind="view", **fields):
    body = reading_event(asset.pk, kind, visitor, **({"u": campaign} if campaign else {}), **fields)
    response = send_beacon(client, body)
    assert response.status_code == 204
    event_buffer.fold_all()


@pytest.fixture
def story(client, library, stages, django_capture_on_commit_callbacks):
    """Ana arrives by the spring campaign, reads to the end and subscribes; later the webinar
    campaign reaches her too, then she becomes sales-ready and the CRM reports her won. Ben arrives
    by the webinar campaign and reads a third. Cy arrives by no campaign at all."""
    spring = CampaignFactory(name="Spring push", slug="spring")
    webinar = CampaignFactory(name="Webinar series", slug="webinar")
    asset = AssetPageFactory(parent=library, stage=stages[2])
    ana, ben, cy = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    read(client, asset, ana, "spring")
    read(client, asset, ana, "spring", "read", s=3, n=3)
    lead = subscribe_and_confirm(
        client, TopicFactory(name="Uptime"), ana, django_capture_on_commit_callbacks
    )
    read(client, asset, ana, "webinar")
    lead.refresh_from_db()
    lead.mark_sales_ready("Read the pricing detail")
    lead.report_outcome("won", source="CRM")

    read(client, asset, ben, "webinar")
    read(client, asset, ben, "webinar", "read", s=1, n=3)
    read(client, asset, cy)
    return spring, webinar


def by_slug(results):
    return {result.campaign.slug: result for result in results}


def test_each_campaign_is_credited_with_what_it_brought_first_touch_and_any_touch(story):
    results = by_slug(attribution.campaign_results())
    spring, webinar = results["spring"], results["webinar"]

    assert (spring.readers, spring.read_through) == (1, 1)
    assert (spring.subscribed_first, spring.subscribed_any) == (1, 1)
    assert (spring.sales_ready_first, spring.sales_ready_any) == (1, 1)
    assert spring.outcome_list() == [("Won", 1)]

    assert (webinar.readers, webinar.read_through) == (2, 0)  # Ben read a third, not to the end
    # Ana had subscribed before the webinar reached her: not the webinar's subscription.
    assert (webinar.subscribed_first, webinar.subscribed_any) == (0, 0)
    # But it reached her before she became sales-ready: any touch, not first touch.
    assert (webinar.sales_ready_first, webinar.sales_ready_any) == (0, 1)
    assert webinar.outcome_list() == [("Won", 1)]


def test_the_report_page_shows_the_chart_and_the_table(story, client, make_user):
    client.force_login(make_user("Editors", "eddie"))
    response = client.get("/admin/reports/campaigns/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-chart="campaign-readers"' in html and 'data-chart="campaign-subscribed"' in html
    assert 'data-label="Spring push" data-value="1"' in html
    assert 'data-label="Webinar series" data-value="2"' in html


def test_the_report_downloads_as_csv(story, client, make_user):
    client.force_login(make_user("Sales", "sam"))
    response = client.get("/admin/reports/campaigns/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    spring = next(row for row in rows if row["utm_campaign"] == "spring")
    assert spring["readers"] == "1"
    assert spring["subscribed (first touch)"] == "1"
    assert spring["sales-ready (any touch)"] == "1"
    assert spring["CRM: won (any touch)"] == "1"


def test_a_reader_who_never_came_by_a_campaign_counts_for_none(story):
    assert ProfileCampaignTouch.objects.count() == 3  # Ana twice, Ben once; Cy not at all
    assert VisitorProfile.objects.count() == 3


def make_campaign_history(size, tag):
    """``size`` campaigns, each with ``size`` readers, one of whom is a subscribed, won lead."""
    now = timezone.now()
    for number in range(size):
        campaign = CampaignFactory(name=f"Push {tag}-{number}")
        lead = Lead.objects.create(name="L", email=f"l{tag}-{number}@example.com")
        lead.report_outcome("opportunity")
        profiles = VisitorProfile.objects.bulk_create(
            [VisitorProfile(last_seen_at=now, lead=lead if i == 0 else None) for i in range(size)]
        )
        ProfileCampaignTouch.objects.record((p.pk, campaign.pk, now) for p in profiles)


@pytest.mark.parametrize("size", [2, 12])
def test_the_report_takes_the_same_queries_however_many_campaigns_and_readers(
    size, client, make_user
):
    make_campaign_history(2, "first")
    client.force_login(make_user("Editors", "eddie"))
    client.get("/admin/reports/campaigns/")  # warm the admin's own lookups
    with CaptureQueriesContext(connection) as small:
        client.get("/admin/reports/campaigns/")
    make_campaign_history(size, "more")
    with CaptureQueriesContext(connection) as large:
        response = client.get("/admin/reports/campaigns/")
    assert response.status_code == 200
    assert len(large) == len(small)
    with CaptureQueriesContext(connection) as figures:
        results = attribution.campaign_results()
    assert len(figures) == 4
    assert sum(result.readers for result in results) == 4 + size * size


def menu_labels(html):
    """Every label in the admin's sidebar menu, submenus included, as the page hands them to it."""
    props = lxml.html.fromstring(html).xpath('//script[@id="wagtail-sidebar-props"]')[0].text
    labels = []

    def walk(node):
        if isinstance(node, dict):
            if "label" in node:
                labels.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props))
    return labels


def test_the_report_is_named_apart_from_the_campaigns_themselves(client, make_user):
    """Two menu items called "Campaigns" (the snippets and the report) left people guessing."""
    client.force_login(make_user("Editors", "eddie"))
    html = client.get("/admin/reports/campaigns/").content.decode()
    labels = menu_labels(html)
    assert labels.count("Campaigns") == 1
    assert labels.count("Campaign results") == 1
    page = lxml.html.fromstring(html)
    assert page.findtext(".//title").startswith("Campaign results")
    assert "Campaign results" in page.xpath("string(//nav[@aria-label='Breadcrumb'])")


def test_with_no_subscription_brought_a_sentence_replaces_the_flat_chart(client, make_user):
    """An all-zero chart looked like a broken one; the table and CSV still give each campaign's 0."""
    make_campaign_history(2, "quiet")  # readers, but no subscription confirmed
    client.force_login(make_user("Editors", "eddie"))
    response = client.get("/admin/reports/campaigns/")
    html = response.content.decode()
    assert "No campaign has brought a subscription yet" in html
    assert 'data-chart="campaign-subscribed"' not in html
    assert 'data-chart="campaign-readers"' in html  # readers were brought: that chart stays
    assert html.count("<td data-subscribed>0 · 0</td>") == 2
    rows = csv.DictReader(
        io.StringIO(client.get("/admin/reports/campaigns/?format=csv").content.decode("utf-8-sig"))
    )
    assert [row["subscribed (any touch)"] for row in rows] == ["0", "0"]


def test_a_subscription_brought_draws_the_chart_and_no_sentence(story, client, make_user):
    client.force_login(make_user("Editors", "eddie"))
    html = client.get("/admin/reports/campaigns/").content.decode()
    assert 'data-chart="campaign-subscribed"' in html
    assert "No campaign has brought" not in html
