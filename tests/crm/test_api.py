"""The leads API for CRMs: token auth, filters, pagination, and an OpenAPI description it keeps to."""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from buyingstages.audience.models import Lead, LeadState
from buyingstages.crm.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_token(db, make_user):
    token = ApiToken(name="CRM sync", created_by=make_user("Administrators", "admin"))
    secret = token.generate()
    token.save()
    return secret


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


def test_lists_leads_with_a_valid_token(client, api_token):
    make_leads()
    response = client.get("/api/leads/", **auth(api_token))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [lead["email"] for lead in body["items"]] == [
        "bo@example.com",
        "ana@example.com",
        "cy@example.com",
    ]
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


def test_paginates(client, api_token):
    Lead.objects.bulk_create(
        Lead(name=f"Lead {n}", email=f"lead{n}@example.com") for n in range(120)
    )
    first = client.get("/api/leads/", **auth(api_token)).json()
    last = client.get("/api/leads/", {"page": 3}, **auth(api_token)).json()
    assert (first["count"], len(first["items"]), len(last["items"])) == (120, 50, 20)


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
    make_leads()
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/leads/", **extra)
    assert response.status_code == 401
    assert "ana@example.com" not in response.content.decode()


def test_revoked_token_is_401(client, api_token):
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/leads/", **auth(api_token)).status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        {"state": "hot"},
        {"created_after": "yesterday"},
        {"sales_ready_before": "2026-13-45"},
        {"page": "0"},
        {"page": "many"},
    ],
)
def test_bad_filters_are_400_with_the_reason(client, api_token, query):
    response = client.get("/api/leads/", query, **auth(api_token))
    assert response.status_code == 400
    assert response.json()["detail"]


def test_only_the_hash_of_a_token_is_stored(api_token):
    token = ApiToken.objects.get()
    assert api_token not in (token.token_hash, token.prefix)
    assert token.prefix == api_token[:8]


def test_openapi_description_is_valid_and_names_the_operations(client):
    schema = client.get("/api/leads/openapi.json").json()
    validate(schema)  # raises on any deviation from the OpenAPI specification
    assert schema["openapi"].startswith("3.")
    assert {"/api/leads/", "/api/leads/{lead_id}"} <= set(schema["paths"])
    schemes = schema["components"]["securitySchemes"].values()
    assert [(scheme["type"], scheme["scheme"]) for scheme in schemes] == [("http", "bearer")]


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
    """Schemathesis generates valid and invalid requests; every answer must match the schema."""
    if not Lead.objects.exists():
        make_leads()
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"})


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


@pytest.mark.parametrize("query", [{"stat": "sales_ready"}, {"": "null"}])
def test_an_unknown_parameter_is_refused_rather_than_ignored(client, api_token, query):
    """A misspelt filter must not quietly return every lead."""
    make_leads()
    response = client.get("/api/leads/", query, **auth(api_token))
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(query))]
    assert client.get("/api/leads/1", query, **auth(api_token)).status_code == 400
