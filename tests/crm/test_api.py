"""The leads API for CRMs: token auth, filters, cursor sync, the fields a CRM maps, and an OpenAPI
description it keeps to."""

import datetime
import uuid

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from buyingstages.audience import scoring
from buyingstages.audience.models import Lead, LeadState, ProfilingSettings, VisitorProfile
from buyingstages.crm.models import ApiToken
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def issue_token(make_user, can_report_outcomes=False):
    admin = make_user("Administrators", f"admin{ApiToken.objects.count()}")
    token = ApiToken(name="CRM sync", created_by=admin, can_report_outcomes=can_report_outcomes)
    secret = token.generate()
    token.save()
    return secret


@pytest.fixture
def api_token(db, make_user):
    """A token that reads leads and may report outcomes, as a CRM sync's would."""
    return issue_token(make_user, can_report_outcomes=True)


@pytest.fixture
def read_only_token(db, make_user):
    return issue_token(make_user)


def auth(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def make_leads():
    now = timezone.now()
    ready = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    ready.mark_sales_ready("Strong signal")
    Lead.objects.create(name="Bo Li", email="bo@example.com")
    old = Lead.objects.create(name="Cy Old", email="cy@example.com")
    Lead.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=30))
    return ready


def sync(client, token, **query):
    """Every lead, following next_cursor from the start (or from ``cursor``); returns (ids, cursor)."""
    ids, cursor = [], query.pop("cursor", None)
    while True:
        params = {**query, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/leads/", params, **auth(token)).json()
        ids += [lead["id"] for lead in body["items"]]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return ids, cursor


# Listing and filtering ---------------------------------------------------------------------------


def test_lists_leads_in_the_order_they_last_changed(client, api_token):
    make_leads()
    response = client.get("/api/leads/", **auth(api_token))
    assert response.status_code == 200
    body = response.json()
    # Ana was created first but changed (became sales-ready) before Bo and Cy were created.
    assert [lead["email"] for lead in body["items"]] == [
        "ana@example.com",
        "bo@example.com",
        "cy@example.com",
    ]
    assert body["has_more"] is False and body["next_cursor"]
    assert ApiToken.objects.get().last_used_at is not None


def test_filters_by_state_and_time(client, api_token):
    ready = make_leads()
    by_state = client.get("/api/leads/", {"state": "sales_ready"}, **auth(api_token)).json()
    assert [lead["id"] for lead in by_state["items"]] == [ready.pk]
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    recent = client.get("/api/leads/", {"created_after": since}, **auth(api_token)).json()
    assert {lead["name"] for lead in recent["items"]} == {"Ana Ruiz", "Bo Li"}
    ready_since = client.get("/api/leads/", {"sales_ready_after": since}, **auth(api_token))
    assert [lead["state"] for lead in ready_since.json()["items"]] == [LeadState.SALES_READY]


def test_updated_since_returns_leads_changed_at_or_after_the_time(client, api_token):
    make_leads()
    cutoff = timezone.now() - datetime.timedelta(hours=1)
    Lead.objects.exclude(email="bo@example.com").update(
        updated_at=cutoff - datetime.timedelta(seconds=1)
    )
    Lead.objects.filter(email="bo@example.com").update(updated_at=cutoff)
    response = client.get("/api/leads/", {"updated_since": cutoff.isoformat()}, **auth(api_token))
    assert [lead["email"] for lead in response.json()["items"]] == ["bo@example.com"]


# Cursor pagination -------------------------------------------------------------------------------


def test_the_cursor_visits_every_lead_once(client, api_token):
    Lead.objects.bulk_create(
        Lead(name=f"Lead {n}", email=f"lead{n}@example.com") for n in range(120)
    )
    first = client.get("/api/leads/", **auth(api_token)).json()
    assert (len(first["items"]), first["has_more"]) == (50, True)
    ids, _ = sync(client, api_token)
    assert sorted(ids) == sorted(Lead.objects.values_list("pk", flat=True))
    assert len(ids) == len(set(ids)) == 120


def test_pages_do_not_shift_while_new_leads_arrive(client, api_token):
    """Page-number pagination over newest-first results skipped and repeated leads mid-sync."""
    Lead.objects.bulk_create(Lead(name=f"Old {n}", email=f"old{n}@example.com") for n in range(5))
    old = list(Lead.objects.order_by("updated_at", "pk").values_list("pk", flat=True))
    first = client.get("/api/leads/", {"page_size": 2}, **auth(api_token)).json()
    new = [Lead.objects.create(name=f"New {n}", email=f"new{n}@example.com").pk for n in range(3)]
    rest, _ = sync(client, api_token, page_size=2, cursor=first["next_cursor"])
    assert [lead["id"] for lead in first["items"]] + rest == old + new


def test_a_kept_cursor_returns_only_what_changed_since(client, api_token, make_user):
    ready = make_leads()
    ids, cursor = sync(client, api_token)
    assert len(ids) == 3
    nothing = client.get("/api/leads/", {"cursor": cursor}, **auth(api_token)).json()
    assert (nothing["items"], nothing["has_more"], nothing["next_cursor"]) == ([], False, cursor)

    ready.accept(make_user("Sales", "seller"))
    changed, _ = sync(client, api_token, cursor=cursor)
    assert changed == [ready.pk]


@pytest.mark.parametrize("cursor", ["not-a-cursor", "A" * 32, "0" * 31, "é" * 32, "0" * 33])
def test_a_cursor_the_api_did_not_give_is_400(client, api_token, cursor):
    response = client.get("/api/leads/", {"cursor": cursor}, **auth(api_token))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["parameter"] == "cursor"


@pytest.mark.parametrize("cursor", ["f" * 32, "0" * 32])
def test_any_cursor_of_the_form_is_a_position(client, api_token, cursor):
    """Past the end of time nothing is listed; before the beginning, everything."""
    make_leads()
    body = client.get("/api/leads/", {"cursor": cursor}, **auth(api_token)).json()
    assert len(body["items"]) == (0 if cursor[0] == "f" else 3)


# The fields a CRM maps -----------------------------------------------------------------------------


def same_time(text, value):
    """JSON carries times to the millisecond."""
    return abs(datetime.datetime.fromisoformat(text) - value) < datetime.timedelta(milliseconds=1)


def reads(lead, asset, minutes_ago, kind="read"):
    """A known reader's event, scored as the beacon's would be."""
    profile = lead.profiles.first() or VisitorProfile.objects.create(
        visitor_id=uuid.uuid4(), lead=lead, last_seen_at=timezone.now()
    )
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    extra = {"sections_seen": 2, "sections_total": 2} if kind == "read" else {}
    reading = scoring.Reading(str(profile.visitor_id), kind, asset.pk, **extra)
    scoring.record(reading, ProfilingSettings.load(), at)


def test_a_lead_carries_score_stage_topics_and_reading(client, api_token, library, stages):
    cloud, cost = TopicFactory(name="Cloud"), TopicFactory(name="Cost")
    primer = AssetPageFactory(parent=library, stage=stages[1], title="Primer", topics=[cloud])
    pricing = AssetPageFactory(
        parent=library, stage=stages[3], title="Pricing", topics=[cloud, cost]
    )
    case = AssetPageFactory(parent=library, stage=stages[3], title="Case study", topics=[cost])
    lead = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    reads(lead, primer, 40)
    reads(lead, pricing, 30, "download")
    reads(lead, pricing, 20)
    reads(lead, case, 10, "view")
    lead.refresh_from_db()

    data = client.get(f"/api/leads/{lead.pk}", **auth(api_token)).json()
    rules = ProfilingSettings.load()
    assert data["score"] == round(lead.score(rules)) > 0
    assert data["inferred_stage"] == "Evaluation"
    assert data["topics"] == ["Cloud", "Cost"]  # cloud: 4 + 6 + 4 points; cost: 6 + 4 + 1
    assert [(item["title"], item["kind"]) for item in data["recent_reading"]] == [
        ("Case study", "view"),
        ("Pricing", "read"),
        ("Pricing", "download"),
    ]
    assert data["reading_summary"].startswith("Viewed “Case study” (")
    profile = lead.profiles.get()
    assert same_time(data["last_seen_at"], profile.last_seen_at)
    assert same_time(data["first_seen_at"], lead.created_at)
    assert (data["state"], data["outcome"], data["ready_reason"]) == ("nurturing", None, "")

    listed = client.get("/api/leads/", **auth(api_token)).json()["items"]
    assert listed == [data]


def test_a_lead_that_has_read_nothing_has_empty_fields(client, api_token):
    lead = Lead.objects.create(name="Bo Li", email="bo@example.com")
    data = client.get(f"/api/leads/{lead.pk}", **auth(api_token)).json()
    assert (data["score"], data["inferred_stage"], data["topics"]) == (0, None, [])
    assert (data["recent_reading"], data["reading_summary"], data["last_seen_at"]) == ([], "", None)


def make_readers(count, library, stages):
    topics = [TopicFactory(name=f"Topic {n}") for n in range(3)]
    assets = [
        AssetPageFactory(parent=library, stage=stages[n], topics=topics[n:]) for n in range(3)
    ]
    leads = Lead.objects.bulk_create(
        Lead(name=f"Lead {n}", email=f"lead{n}@example.com") for n in range(count)
    )
    for n, lead in enumerate(leads):
        reads(lead, assets[n % 3], 5)
        reads(lead, assets[(n + 1) % 3], 4, "view")


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_takes_the_same_queries_for_5_and_50_leads(
    client, api_token, library, stages, django_assert_num_queries, count
):
    make_readers(count, library, stages)
    ProfilingSettings.load()  # created once, as on any site that has been running
    # The token (looked up, marked used), the rules, the leads, their profiles, the stages and
    # topics they read, and their recent reading.
    with django_assert_num_queries(8):
        body = client.get("/api/leads/", {"page_size": 50}, **auth(api_token)).json()
    assert len(body["items"]) == count
    assert all(lead["topics"] and lead["recent_reading"] for lead in body["items"])


# Reporting outcomes --------------------------------------------------------------------------------


def report(client, token, lead_id, body):
    return client.patch(
        f"/api/leads/{lead_id}", body, content_type="application/json", **auth(token)
    )


def test_a_crm_reports_an_outcome(client, api_token, django_capture_on_commit_callbacks):
    from buyingstages.crm.models import WebhookDelivery, WebhookEndpoint

    WebhookEndpoint.objects.create(name="Other CRM", url="http://127.0.0.1:9/")
    lead = make_leads()
    before = Lead.objects.get(pk=lead.pk).updated_at
    with django_capture_on_commit_callbacks():
        response = report(client, api_token, lead.pk, {"outcome": "won", "outcome_note": "Q3"})
    assert response.status_code == 200
    assert (response.json()["outcome"], response.json()["outcome_note"]) == ("won", "Q3")
    lead.refresh_from_db()
    assert (lead.outcome, lead.outcome_note, lead.outcome_source) == ("won", "Q3", "CRM sync")
    assert lead.outcome_at is not None and lead.updated_at > before
    delivery = WebhookDelivery.objects.get(event="lead.outcome")
    assert delivery.payload["lead"]["outcome"] == "won"
    assert delivery.payload["source"] == "CRM sync"

    # The same report again (a retry) changes nothing and tells no one twice.
    first_at = lead.outcome_at
    assert report(client, api_token, lead.pk, {"outcome": "won", "outcome_note": "Q3"}).json()
    lead.refresh_from_db()
    assert lead.outcome_at == first_at
    assert WebhookDelivery.objects.filter(event="lead.outcome").count() == 1

    # A later word replaces it; the note is optional.
    assert report(client, api_token, lead.pk, {"outcome": "lost"}).json()["outcome"] == "lost"


@pytest.mark.parametrize(
    "body, pointer",
    [
        ({"outcome": "maybe"}, "#/outcome"),
        ({}, "#/outcome"),
        ({"outcome": "won", "outcome_note": "x" * 501}, "#/outcome_note"),
        ({"outcome": "won", "state": "accepted"}, "#/state"),
        ({"outcome": None}, "#/outcome"),
    ],
)
def test_an_invalid_outcome_is_a_400_problem_and_writes_nothing(client, api_token, body, pointer):
    lead = make_leads()
    before = Lead.objects.filter(pk=lead.pk).values().get()
    response = report(client, api_token, lead.pk, body)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 400 and problem["type"].startswith("tag:")
    assert pointer in [error.get("pointer") for error in problem["errors"]]
    assert Lead.objects.filter(pk=lead.pk).values().get() == before


def test_a_read_only_token_may_not_report_outcomes(client, read_only_token):
    lead = make_leads()
    response = report(client, read_only_token, lead.pk, {"outcome": "won"})
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert "may not report outcomes" in response.json()["detail"]
    assert Lead.objects.get(pk=lead.pk).outcome == ""
    # It still reads.
    assert client.get(f"/api/leads/{lead.pk}", **auth(read_only_token)).status_code == 200


def test_reporting_on_an_unknown_lead_is_404(client, api_token):
    assert report(client, api_token, 999999, {"outcome": "won"}).status_code == 404


# Authentication ------------------------------------------------------------------------------------


def test_one_lead(client, api_token):
    lead = make_leads()
    response = client.get(f"/api/leads/{lead.pk}", **auth(api_token))
    assert response.json()["email"] == "ana@example.com"
    assert client.get("/api/leads/999999", **auth(api_token)).status_code == 404


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ", "Bearer not-a-token", "Basic dXNlcjpwdw==", "Bearer " + "x" * 500],
)
def test_missing_or_bad_tokens_are_401(client, api_token, header):
    lead = make_leads()
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/leads/", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "ana@example.com" not in response.content.decode()
    patched = client.patch(
        f"/api/leads/{lead.pk}", {"outcome": "won"}, content_type="application/json", **extra
    )
    assert patched.status_code == 401
    assert Lead.objects.get(pk=lead.pk).outcome == ""


def test_revoked_token_is_401(client, api_token):
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/leads/", **auth(api_token)).status_code == 401


def test_only_the_hash_of_a_token_is_stored(api_token):
    token = ApiToken.objects.get()
    assert api_token not in (token.token_hash, token.prefix)
    assert token.prefix == api_token[:8]


# Errors are problem details ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"state": "hot"},
        {"created_after": "yesterday"},
        {"sales_ready_before": "2026-13-45"},
        {"updated_since": "0.5"},
        {"page_size": "0"},
        {"page_size": "many"},
    ],
)
def test_bad_filters_are_400_with_the_reason(client, api_token, query):
    response = client.get("/api/leads/", query, **auth(api_token))
    assert response.status_code == 400
    problem = response.json()
    assert [error["parameter"] for error in problem["errors"]] == list(query)
    assert problem["detail"].startswith(f"{next(iter(query))}: ")


def every_kind_of_client_error(client, api_token, read_only_token, lead):
    patch = {"content_type": "application/json"}
    yield 400, client.get("/api/leads/", {"state": "hot"}, **auth(api_token))
    yield 400, client.patch(f"/api/leads/{lead}", "{not json", **patch, **auth(api_token))
    yield 400, client.patch(f"/api/leads/{lead}", {"outcome": "meh"}, **patch, **auth(api_token))
    yield 401, client.get("/api/leads/")
    yield 401, client.get(f"/api/leads/{lead}", **auth("wrong"))
    yield (
        403,
        client.patch(f"/api/leads/{lead}", {"outcome": "won"}, **patch, **auth(read_only_token)),
    )
    yield 404, client.get("/api/leads/999999", **auth(api_token))
    yield 404, client.patch("/api/leads/999999", {"outcome": "won"}, **patch, **auth(api_token))
    for address in ("/api/leads/1/readings/x", "/api/leads/v3/leads", "/api/leads/1/"):
        yield 404, client.get(address, **auth(api_token))
    yield 405, client.delete(f"/api/leads/{lead}", **auth(api_token))
    yield 405, client.post("/api/leads/", **auth(api_token))


def test_every_client_error_is_rfc_9457_problem_json(client, api_token, read_only_token):
    lead = make_leads()
    for status, response in every_kind_of_client_error(client, api_token, read_only_token, lead.pk):
        assert (response.status_code, response["Content-Type"]) == (status, PROBLEM)
        problem = response.json()
        assert {"type", "title", "status", "detail"} <= set(problem)
        assert problem["status"] == status and problem["detail"]
        assert isinstance(problem["detail"], str)
        assert ("errors" in problem) == (status == 400)
    assert Lead.objects.get(pk=lead.pk).outcome == ""


@pytest.mark.parametrize("query", [{"stat": "sales_ready"}, {"": "null"}, {"page": "2"}])
def test_an_unknown_parameter_is_refused_rather_than_ignored(client, api_token, query):
    """A misspelt filter must not quietly return every lead."""
    make_leads()
    response = client.get("/api/leads/", query, **auth(api_token))
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == next(iter(query))
    assert client.get("/api/leads/1", query, **auth(api_token)).status_code == 400


def test_any_rfc_3339_offset_is_understood(client, api_token):
    """PostgreSQL refuses offsets past ±15:59; the API compares in UTC, so every valid one works."""
    ready = make_leads()
    cutoff = ready.sales_ready_at - datetime.timedelta(minutes=1)
    far_east = cutoff.astimezone(datetime.timezone(datetime.timedelta(hours=19, minutes=16)))
    response = client.get(
        "/api/leads/", {"sales_ready_after": far_east.isoformat()}, **auth(api_token)
    )
    assert [lead["id"] for lead in response.json()["items"]] == [ready.pk]


def test_a_date_that_overflows_in_utc_is_400(client, api_token):
    response = client.get(
        "/api/leads/", {"created_before": "9999-12-31T23:00:00-20:00"}, **auth(api_token)
    )
    assert response.status_code == 400


# The OpenAPI description ---------------------------------------------------------------------------


def test_openapi_description_is_valid_and_names_the_operations(client):
    schema = client.get("/api/leads/openapi.json").json()
    validate(schema)  # raises on any deviation from the OpenAPI specification
    assert schema["openapi"].startswith("3.")
    assert {"/api/leads/", "/api/leads/{lead_id}"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/leads/{lead_id}"]) == {"get", "patch"}
    schemes = schema["components"]["securitySchemes"].values()
    assert {(scheme["type"], scheme["scheme"]) for scheme in schemes} == {("http", "bearer")}


def test_openapi_documents_the_sync_the_fields_and_problem_json(client):
    schema = client.get("/api/leads/openapi.json").json()
    listing = schema["paths"]["/api/leads/"]["get"]
    assert {"updated_since", "cursor", "page_size"} <= {p["name"] for p in listing["parameters"]}
    lead = schema["components"]["schemas"]["LeadOut"]["properties"]
    assert {
        "score",
        "inferred_stage",
        "topics",
        "ready_reason",
        "recent_reading",
        "reading_summary",
        "first_seen_at",
        "last_seen_at",
        "updated_at",
        "state",
        "outcome",
        "outcome_note",
        "outcome_at",
    } <= set(lead)
    outcomes = schema["components"]["schemas"]["OutcomeIn"]["properties"]["outcome"]
    assert "won" in str(outcomes) or "LeadOutcome" in str(outcomes)
    for path in schema["paths"].values():
        for operation in path.values():
            for status, response in operation["responses"].items():
                expected = PROBLEM if int(status) >= 400 else "application/json"
                assert list(response["content"]) == [expected]


# Loaded once at collection: serving the description touches no database.
schema = schemathesis.openapi.from_wsgi("/api/leads/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: a request must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_openapi_description(case, api_token, keep_test_connection):
    """Schemathesis generates valid and invalid requests (filters, cursors, outcomes); every answer
    must match the schema, errors included."""
    if not Lead.objects.exists():
        make_leads()
    lead_id = (case.path_parameters or {}).get("lead_id")
    if isinstance(lead_id, int) and lead_id % 2 == 0:  # half of them about a lead that exists
        case.path_parameters["lead_id"] = Lead.objects.values_list("pk", flat=True).first()
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"})


def test_a_lead_says_its_organisation_domain_and_whether_shown_on_it(client, api_token):
    from buyingstages.audience.models import Subscription

    lead = Lead.objects.create(email="ana@harlow.com", name="Ana")
    now = timezone.now()
    Subscription.objects.create(
        lead=lead, consent_text="E-mail me", consented_at=now, confirmed_at=now
    )
    Lead.objects.filter(pk=lead.pk).update(shown_on_organisation=True)
    alone = Lead.objects.create(email="cleo@gmail.com", name="Cleo")
    one = client.get(f"/api/leads/{lead.pk}", **auth(api_token)).json()
    assert (one["organisation"], one["shown_on_organisation"]) == ("harlow.com", True)
    other = client.get(f"/api/leads/{alone.pk}", **auth(api_token)).json()
    assert (other["organisation"], other["shown_on_organisation"]) == (None, False)
    schema = client.get("/api/leads/openapi.json").json()
    fields = schema["components"]["schemas"]["LeadOut"]["properties"]
    assert {"organisation", "shown_on_organisation"} <= set(fields)


@pytest.mark.parametrize("method", ["get", "post", "patch", "put", "delete"])
def test_an_address_the_api_does_not_have_is_a_problem_404_for_every_method(api_token, method):
    """As a CRM meets it: no session, no CSRF token, any method."""
    from django.test import Client

    crm = Client(enforce_csrf_checks=True)
    response = getattr(crm, method)("/api/leads/1/readings/x", **auth(api_token))
    assert (response.status_code, response["Content-Type"]) == (404, PROBLEM)
    assert "/api/leads/openapi.json" in response.json()["detail"]
