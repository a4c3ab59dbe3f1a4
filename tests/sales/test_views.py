"""The Sales area: the library, share links, the inbox, feedback and field notes."""

import csv
import io
import json
import uuid

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyingstages.audience import scoring
from buyingstages.audience.models import (
    AssetVote,
    ContentEvent,
    EventKind,
    Lead,
    LeadState,
    LeadTransition,
    ProfilingSettings,
    VisitorProfile,
)
from buyingstages.sales.models import AssetFeedback, FieldNote, ShareLink
from publishing.calendar.models import CalendarEntry
from tests.factories import AssetPageFactory, PersonaFactory, TopicFactory
from tests.people import reading_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(make_user):
    return make_user("Sales", "sam")


@pytest.fixture
def sales_client(client, seller):
    client.force_login(seller)
    return client


def listed(response):
    return [asset.title for asset in response.context["object_list"]]


def make_lead(name="Ana Ruiz", email="ana@example.com", state=LeadState.SALES_READY, **fields):
    lead = Lead.objects.create(name=name, email=email, **fields)
    if state != LeadState.NURTURING:
        lead.mark_sales_ready("Strong signal: opened “Pricing”")
    if state == LeadState.ACCEPTED:
        lead.move_to(LeadState.ACCEPTED)
    return lead


def read(visitor_id, asset, kind=EventKind.VIEW, **extra):
    return scoring.record(
        scoring.Reading(visitor_id=str(visitor_id), kind=kind, asset_id=asset.pk, **extra)
    )


# The library ---------------------------------------------------------------------------------


def test_library_filters_by_stage_persona_topic_and_format(sales_client, library, stages):
    cfo, cio = PersonaFactory(name="CFO"), PersonaFactory(name="CIO")
    residency = TopicFactory(name="Data residency")
    AssetPageFactory(parent=library, title="Fit check", stage=stages[3], personas=[cfo])
    AssetPageFactory(
        parent=library,
        title="Residency brief",
        stage=stages[3],
        personas=[cio],
        topics=[residency],
        format="technical_brief",
    )
    AssetPageFactory(parent=library, title="Trend report", stage=stages[0], personas=[cfo])

    def titles(**query):
        response = sales_client.get("/admin/sales/library/", query)
        assert response.status_code == 200
        return set(listed(response))

    assert titles() == {"Fit check", "Residency brief", "Trend report"}
    assert titles(stage=stages[3].pk) == {"Fit check", "Residency brief"}
    assert titles(stage=stages[3].pk, personas=cfo.pk) == {"Fit check"}
    assert titles(topic=residency.pk) == {"Residency brief"}
    assert titles(format="technical_brief") == {"Residency brief"}
    assert titles(q="residency") == {"Residency brief"}


def test_library_lists_only_live_public_assets(sales_client, library, stages):
    AssetPageFactory(parent=library, title="Live", stage=stages[0])
    AssetPageFactory(parent=library, title="Draft", stage=stages[0], live=False)
    assert listed(sales_client.get("/admin/sales/library/")) == ["Live"]


def test_library_shows_reader_rating_and_sales_use(sales_client, seller, library, stages):
    asset = AssetPageFactory(parent=library, title="Case study", stage=stages[3])
    for useful in (True, True, True, False):
        AssetVote.objects.create(asset=asset, voter=uuid.uuid4(), useful=useful)
    AssetFeedback.objects.create(asset=asset, author=seller, helped=True)
    AssetFeedback.objects.create(asset=asset, author=seller, helped=False)

    response = sales_client.get("/admin/sales/library/")
    [row] = response.context["object_list"]
    assert (row.useful_count, row.vote_count) == (3, 4)
    assert (row.helped_count, row.feedback_count) == (1, 2)
    html = response.content.decode()
    assert "75% useful" in html
    assert "Helped 1 of 2" in html


def test_library_queries_are_the_same_at_10_and_50_assets(sales_client, seller, library, stages):
    topic = TopicFactory(name="Uptime")

    def queries_for_listing():
        sales_client.get("/admin/sales/library/")
        with CaptureQueriesContext(connection) as queries:
            assert (
                sales_client.get("/admin/sales/library/?stage=" + str(stages[1].pk)).status_code
                == 200
            )
        return len(queries)

    def add_assets(count):
        for n in range(count):
            asset = AssetPageFactory(parent=library, stage=stages[n % 7], topics=[topic])
            if n % 3 == 0:
                ShareLink.for_owner(asset, seller)

    add_assets(10)
    small = queries_for_listing()
    add_assets(40)
    assert queries_for_listing() == small


def test_library_listing_does_not_read_asset_bodies(sales_client, library, stages):
    AssetPageFactory(parent=library, title="Case study", stage=stages[3])
    with CaptureQueriesContext(connection) as queries:
        response = sales_client.get("/admin/sales/library/")
    assert [row.title for row in response.context["object_list"]] == ["Case study"]
    # Sorting every live asset with its StreamField body made the listing slow at 10,000.
    assert not any(
        '"library_assetpage"."body"' in query["sql"] for query in queries.captured_queries
    )


def test_library_filtered_by_stage_and_format_lists_each_asset_once(sales_client, library, stages):
    topic, other = TopicFactory(name="Uptime"), TopicFactory(name="Cost")
    wanted = AssetPageFactory(
        parent=library, title="Wanted", stage=stages[1], format="webinar", topics=[topic, other]
    )
    AssetPageFactory(parent=library, title="Other stage", stage=stages[2], format="webinar")
    AssetPageFactory(parent=library, title="Other format", stage=stages[1], format="article")
    with CaptureQueriesContext(connection) as queries:
        response = sales_client.get(
            f"/admin/sales/library/?stage={stages[1].pk}&stage={stages[0].pk}&format=webinar"
        )
    assert [row.pk for row in response.context["object_list"]] == [wanted.pk]
    # One stage and one format per asset: nothing to de-duplicate, so no DISTINCT over pages.
    assert not any("DISTINCT" in query["sql"] for query in queries.captured_queries)
    both_topics = sales_client.get(f"/admin/sales/library/?topic={topic.pk}&topic={other.pk}")
    assert [row.pk for row in both_topics.context["object_list"]] == [wanted.pk]


def test_share_link_is_one_per_salesperson_and_asset(
    sales_client, seller, make_user, library, stages
):
    asset = AssetPageFactory(parent=library, stage=stages[3])
    first = sales_client.post(
        f"/admin/sales/library/{asset.pk}/share/", HTTP_ACCEPT="application/json"
    ).json()["url"]
    again = sales_client.post(
        f"/admin/sales/library/{asset.pk}/share/", HTTP_ACCEPT="application/json"
    ).json()["url"]
    other = ShareLink.for_owner(asset, make_user("Sales", "kim"))

    assert first == again
    assert first.startswith("http://testserver/s/")
    mine = ShareLink.objects.get(owner=seller)
    assert first.endswith(mine.code)
    assert other.code != mine.code
    assert len(mine.code) >= 24  # 144 random bits


def test_share_link_without_javascript_shows_the_link_in_a_message(sales_client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[3], title="Fit check")
    response = sales_client.post(f"/admin/sales/library/{asset.pk}/share/", follow=True)
    code = ShareLink.objects.get().code
    assert f"/s/{code}" in response.content.decode()


def test_share_link_lands_on_the_asset_and_the_arrival_is_attributed(
    client, seller, library, stages
):
    ProfilingSettings.objects.create(share_arrival_points=3)
    asset = AssetPageFactory(parent=library, stage=stages[3], slug="fit-check")
    link = ShareLink.for_owner(asset, seller)

    response = client.get(f"/s/{link.code}")
    assert response.status_code == 302
    assert response["Location"] == f"{asset.url}?s={link.code}"

    visitor = uuid.uuid4()
    beacon = client.post(
        "/t/",
        json.dumps(reading_event(asset.pk, "share", visitor, c=link.code)),
        content_type="application/json",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
    )
    assert beacon.status_code == 204
    arrival = ContentEvent.objects.get(kind=EventKind.SHARE_ARRIVAL)
    assert arrival.share_link == link
    assert arrival.profile.visitor_id == visitor
    assert arrival.points == 3


def test_unknown_share_code_is_a_plain_404(client):
    response = client.get("/s/" + "x" * 24)
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_share_link_to_an_unpublished_asset_is_a_404(client, seller, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[3])
    link = ShareLink.for_owner(asset, seller)
    asset.unpublish()
    assert client.get(f"/s/{link.code}").status_code == 404


def test_arrival_with_a_code_for_another_asset_is_refused(client, seller, library, stages):
    shared = AssetPageFactory(parent=library, stage=stages[3])
    other = AssetPageFactory(parent=library, stage=stages[3])
    link = ShareLink.for_owner(shared, seller)
    response = client.post(
        "/t/",
        json.dumps(reading_event(other.pk, "share", c=link.code)),
        content_type="application/json",
        HTTP_USER_AGENT="Mozilla/5.0 Chrome/140.0",
    )
    assert response.status_code == 400
    assert "share link" in response.json()["error"]
    assert not ContentEvent.objects.exists()


# "Was this useful?" --------------------------------------------------------------------------


def vote(client, asset_id, voter, useful=True, agent="Mozilla/5.0 Chrome/140.0"):
    return client.post(
        "/t/vote/",
        json.dumps({"voter": str(voter), "p": asset_id, "useful": useful}),
        content_type="application/json",
        HTTP_USER_AGENT=agent,
    )


def test_one_vote_per_reader_and_asset(client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    voter = uuid.uuid4()
    assert vote(client, asset.pk, voter).status_code == 204
    second = vote(client, asset.pk, voter, useful=False)
    assert second.status_code == 409
    assert list(AssetVote.objects.values_list("useful", flat=True)) == [True]


@pytest.mark.parametrize(
    "body",
    [
        {"voter": "not-a-uuid", "p": 1, "useful": True},
        {"voter": str(uuid.UUID(int=1)), "p": "1", "useful": True},
        {"voter": str(uuid.UUID(int=1)), "p": 1, "useful": "yes"},
        [],
    ],
)
def test_malformed_votes_are_refused(client, body):
    response = client.post("/t/vote/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not AssetVote.objects.exists()


def test_votes_from_bots_and_for_unknown_assets_are_not_stored(client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    assert vote(client, asset.pk, uuid.uuid4(), agent="Googlebot/2.1").status_code == 204
    assert vote(client, asset.pk + 999, uuid.uuid4()).status_code == 400
    assert not AssetVote.objects.exists()


def test_asset_page_asks_whether_it_was_useful(client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    html = client.get(asset.url).content.decode()
    assert "Was this useful?" in html
    assert 'data-endpoint="/t/vote/"' in html


# The inbox -----------------------------------------------------------------------------------


def test_inbox_lists_sales_ready_leads_newest_first(sales_client):
    make_lead("Nurtured", "n@example.com", state=LeadState.NURTURING)
    make_lead("Older", "o@example.com")
    newer = make_lead("Newer", "w@example.com")
    make_lead("Taken", "t@example.com", state=LeadState.ACCEPTED)
    for score in (8, 4):  # two browsers
        VisitorProfile.objects.create(
            visitor_id=uuid.uuid4(),
            lead=newer,
            last_seen_at=timezone.now(),
            score=score,
            scored_at=timezone.now(),
        )

    response = sales_client.get("/admin/sales/inbox/")
    assert response.status_code == 200
    assert [lead.name for lead in response.context["object_list"]] == ["Newer", "Older"]
    assert "Strong signal: opened “Pricing”" in response.content.decode()

    assert [lead.current_score for lead in response.context["object_list"]] == [12, 0]

    everyone = sales_client.get("/admin/sales/inbox/", {"state": "all"})
    assert {lead.name for lead in everyone.context["object_list"]} == {
        "Nurtured",
        "Older",
        "Newer",
        "Taken",
    }


def test_inbox_query_count_does_not_grow_with_leads(sales_client, seller):
    def queries_for_inbox():
        sales_client.get("/admin/sales/inbox/")
        with CaptureQueriesContext(connection) as queries:
            assert sales_client.get("/admin/sales/inbox/").status_code == 200
        return len(queries)

    def add_leads(start, count):
        Lead.objects.bulk_create(
            Lead(
                name=f"Lead {n}",
                email=f"lead{n}@example.com",
                state=LeadState.SALES_READY if n % 2 else LeadState.ACCEPTED,
                ready_reason="Interest score 50 reached the threshold of 40",
                accepted_by=seller if n % 2 == 0 else None,
            )
            for n in range(start, start + count)
        )

    add_leads(0, 10)
    small = queries_for_inbox()
    add_leads(10, 40)
    assert queries_for_inbox() == small


def test_lead_page_shows_why_its_timeline_and_what_to_send_next(
    sales_client, seller, library, stages
):
    topic = TopicFactory(name="Data residency")
    read_it = AssetPageFactory(
        parent=library, title="Residency map", stage=stages[3], topics=[topic]
    )
    unread_match = AssetPageFactory(
        parent=library, title="Residency FAQ", stage=stages[3], topics=[topic]
    )
    unread_other = AssetPageFactory(parent=library, title="Pricing detail", stage=stages[3])
    AssetPageFactory(parent=library, title="Trend report", stage=stages[0], topics=[topic])
    lead = make_lead()
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=lead.created_at)
    link = ShareLink.for_owner(read_it, seller)
    read(visitor, read_it, kind=EventKind.SHARE_ARRIVAL, share_code=link.code)
    read(visitor, read_it, kind=EventKind.READ, sections_seen=1, sections_total=1)

    response = sales_client.get(f"/admin/sales/inbox/inspect/{lead.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Strong signal: opened “Pricing”" in html
    assert "via sam's share link" in html
    assert [asset.title for asset in response.context["suggestions"]] == [
        "Residency FAQ",
        "Pricing detail",
    ]
    assert list(lead.what_to_send_next()) == [unread_match, unread_other]


def test_the_return_to_nurturing_reason_is_a_wagtail_admin_text_field(sales_client):
    """Without a type and the admin's field wrapper the box rendered with no border."""
    lead = make_lead()
    response = sales_client.get(f"/admin/sales/inbox/inspect/{lead.pk}/")
    page = lxml.html.fromstring(response.content)
    (reason,) = page.xpath('//input[@id="return-reason"]')
    assert reason.get("type") == "text"
    assert "w-field__input" in reason.getparent().classes
    (label,) = page.xpath('//label[@for="return-reason"]')
    assert "w-field__label" in label.classes
    assert "Return to nurturing, because" in label.text_content()


def test_an_accepted_lead_lists_the_content_that_influenced_it(
    sales_client, seller, library, stages
):
    before = AssetPageFactory(parent=library, title="Read before", stage=stages[2])
    after = AssetPageFactory(parent=library, title="Read after", stage=stages[3])
    lead = make_lead(state=LeadState.NURTURING)
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=timezone.now())
    read(visitor, before)
    lead.mark_sales_ready("Interest score reached the threshold")
    lead.accept(seller)
    ContentEvent.objects.create(
        profile=lead.profiles.get(),
        asset=after,
        kind=EventKind.VIEW,
        created_at=timezone.now() + timezone.timedelta(minutes=1),
    )

    assert list(lead.influencing_assets()) == [before]
    response = sales_client.get(f"/admin/sales/inbox/inspect/{lead.pk}/")
    html = response.content.decode()
    influence = html[html.index("data-influence") :]
    assert "Read before" in influence.split("</ul>")[0]
    assert "Read after" not in influence.split("</ul>")[0]


def test_accepting_a_lead_records_who_took_it(sales_client, seller):
    lead = make_lead()
    response = sales_client.post(f"/admin/sales/inbox/{lead.pk}/accept/")
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.state == LeadState.ACCEPTED
    assert lead.accepted_by == seller
    assert LeadTransition.objects.filter(lead=lead, to_state=LeadState.ACCEPTED, by=seller).exists()


def test_returning_a_lead_needs_a_reason_and_keeps_it(sales_client, seller):
    lead = make_lead()
    refused = sales_client.post(f"/admin/sales/inbox/{lead.pk}/return/", {"reason": "  "})
    assert refused.status_code == 302
    lead.refresh_from_db()
    assert lead.state == LeadState.SALES_READY

    sales_client.post(f"/admin/sales/inbox/{lead.pk}/return/", {"reason": "No budget this year"})
    lead.refresh_from_db()
    assert lead.state == LeadState.NURTURING
    transition = lead.transitions.last()
    assert (transition.reason, transition.by) == ("No budget this year", seller)


def test_accepting_a_lead_twice_says_why_not(sales_client, make_user):
    lead = make_lead()
    lead.accept(make_user("Sales", "kim"))
    response = sales_client.post(f"/admin/sales/inbox/{lead.pk}/accept/", follow=True)
    assert "cannot become" in response.content.decode()
    lead.refresh_from_db()
    assert lead.accepted_by.username == "kim"


def test_leads_export_as_csv(sales_client):
    make_lead("Ana Ruiz", "ana@example.com")
    make_lead("Bo Li", "bo@example.com", state=LeadState.NURTURING)
    response = sales_client.get("/admin/sales/inbox/", {"state": "all", "export": "csv"})
    assert response.status_code == 200
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert {(row["Name"], row["Email"], row["State"]) for row in rows} == {
        ("Ana Ruiz", "ana@example.com", "sales_ready"),
        ("Bo Li", "bo@example.com", "nurturing"),
    }


# Feedback and field notes --------------------------------------------------------------------


def test_salesperson_reports_an_asset_helped(sales_client, seller, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[3], title="Fit check")
    form = sales_client.get(f"/admin/sales/feedback/new/?asset={asset.pk}")
    assert form.status_code == 200
    response = sales_client.post(
        f"/admin/sales/feedback/new/?asset={asset.pk}",
        {"asset": asset.pk, "helped": "True", "note": "Closed the security question."},
    )
    assert response.status_code == 302
    feedback = AssetFeedback.objects.get()
    assert (feedback.asset, feedback.author, feedback.helped) == (asset, seller, True)


def test_feedback_on_an_unpublished_asset_is_refused(sales_client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[3], live=False)
    response = sales_client.post(
        "/admin/sales/feedback/new/", {"asset": asset.pk, "helped": "True"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not AssetFeedback.objects.exists()


def test_field_notes_reach_the_calendar_backlog_and_become_ideas(sales_client, seller, make_user):
    editor_client = Client()
    editor_client.force_login(make_user("Editors", "eda"))
    topic = TopicFactory(name="Data residency")
    response = sales_client.post(
        "/admin/sales/field-notes/new/",
        {"text": "Three prospects asked where their data is stored.", "topics": [topic.pk]},
    )
    assert response.status_code == 302
    note = FieldNote.objects.get()
    assert note.author == seller

    calendar = editor_client.get("/admin/calendar/")
    assert "Three prospects asked where their data is stored." in calendar.content.decode()

    planned = editor_client.post(f"/admin/calendar/field-notes/{note.pk}/plan/")
    entry = CalendarEntry.objects.get()
    assert planned.status_code == 302
    assert entry.publish_at is None  # in the backlog
    assert entry.field_note == note
    assert list(entry.topics.all()) == [topic]
    assert "Heard in the field by sam." in entry.brief
    note.refresh_from_db()
    assert note.planned_at is not None
    backlog = editor_client.get("/admin/calendar/")
    assert list(backlog.context["field_notes"]) == []
    assert entry in backlog.context["backlog"]
    # A note is planned once.
    assert editor_client.post(f"/admin/calendar/field-notes/{note.pk}/plan/").status_code == 404
