"""The leads API for CRMs: token-authenticated, synced by cursor, described by OpenAPI, and every
error an RFC 9457 problem (application/problem+json).

Served under /api/leads/; the description is at /api/leads/openapi.json; docs/crm.md walks through a
sync, the outcome write-back and the field mapping for HubSpot and Salesforce.
"""

import re
from datetime import UTC, datetime, timedelta
from functools import wraps
from http import HTTPStatus
from typing import Annotated

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from ninja import FilterLookup, FilterSchema, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from buyingstages.audience.models import EventKind, Lead, LeadState, ProfilingSettings
from buyingstages.audience.models.leads import LeadOutcome
from buyingstages.crm import leads as crm_leads
from buyingstages.crm.deliveries import queue
from buyingstages.crm.models import ApiToken
from buyingstages.crm.webhooks import OUTCOME, outcome_payload

PROBLEM = "application/problem+json"
# RFC 9457 suggests a tag URI for a problem type that names a kind of error without a page behind it.
INVALID_REQUEST = "tag:masthead,2026:problems/invalid-request"


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, checked against the hashes of active API tokens."""

    def authenticate(self, request, token):
        return ApiToken.lookup(token)


class OutcomeReporterAuth(ApiTokenAuth):
    """A token that may also report outcomes; any other valid token is refused (403), before the
    request body is even read."""

    def authenticate(self, request, token):
        api_token = super().authenticate(request, token)
        if api_token is not None and not api_token.can_report_outcomes:
            raise AuthorizationError(
                message="This token reads leads but may not report outcomes. An administrator can "
                "allow it under Settings → CRM integration → API tokens."
            )
        return api_token


class LeadsAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The description, saying that errors come as application/problem+json."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) >= 400 and "content" in response:
                        response["content"] = {PROBLEM: response["content"].popitem()[1]}
        return schema


api = LeadsAPI(
    title="Masthead leads API",
    version="2.0.0",
    description="Leads for CRM integration: sync them by cursor (and `updated_since`), read what "
    "each has read and why it is ready, and report back what became of it. Send "
    "`Authorization: Bearer <token>`; administrators issue tokens under Settings → CRM "
    "integration → API tokens. Errors are RFC 9457 problem details.",
    auth=ApiTokenAuth(),
    urls_namespace="leads_api",
    docs_url=None,  # the interactive docs load from a CDN; the OpenAPI description is enough
)


# Errors ----------------------------------------------------------------------------------------


class ProblemError(Schema):
    detail: str
    parameter: str | None = Field(None, description="The query or path parameter at fault.")
    pointer: str | None = Field(
        None, description="A JSON Pointer (RFC 6901) into the request body, e.g. `#/outcome`."
    )


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field(
        description="A URI naming the kind of problem; `about:blank` when the status says it all."
    )
    title: str
    status: int
    detail: str
    errors: list[ProblemError] | None = Field(
        None, description="For an invalid request (400): each thing wrong, and where."
    )


def problem(request, status, detail, *, type="about:blank", errors=None):
    body = {"type": type, "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if type == INVALID_REQUEST:
        body["title"] = "The request is not valid."
    if errors is not None:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def located(error):
    """One of ninja's validation errors, said as where it is: a parameter or a pointer into the body."""
    where, *path = error.get("loc") or ["body"]
    item = {"detail": error.get("msg") or "Not valid."}
    if where == "body":
        # ninja puts the body's parameter name first: the pointer starts below it
        item["pointer"] = "#" + "".join(f"/{part}" for part in path[1:])
    else:
        item["parameter"] = str(path[-1]) if path else where
    return item


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    """A filter, cursor or body that does not parse is the caller's mistake: 400, with each reason."""
    errors = [located(error) for error in exc.errors]
    detail = "; ".join(
        f"{error.get('parameter') or error.get('pointer')}: {error['detail']}" for error in errors
    )
    return problem(request, 400, detail, type=INVALID_REQUEST, errors=errors)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    response = problem(request, 401, "Send a valid API token: Authorization: Bearer <token>.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400:  # the body is not JSON
        errors = [{"detail": str(exc), "pointer": "#"}]
        return problem(request, 400, str(exc), type=INVALID_REQUEST, errors=errors)
    return problem(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(request, 404, str(exc) or "Not found.")


@csrf_exempt  # like the API's own views: callers send a token, not a session, and nothing is written
def no_such_path(request, address):
    return problem(
        request,
        404,
        "The leads API has no such address; its description is at /api/leads/openapi.json.",
    )


def problems_for_other_methods(view):
    """ninja answers a method no operation takes with a bare 405; callers get problem details."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type") != PROBLEM:
            allowed = response["Allow"]
            response = problem(request, 405, f"This address answers {allowed}.")
            response["Allow"] = allowed
        return response

    return answer


PARAMETER_HINTS = {
    "page": "Page numbers are gone: follow next_cursor, which stays put as leads change."
}


def refuse_unknown_parameters(request, known=frozenset()):
    """A misspelt filter would otherwise be ignored and every lead returned: 400 instead."""
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ValidationError(
            [
                {
                    "loc": ["query", name],
                    "msg": PARAMETER_HINTS.get(name, "Unknown parameter."),
                    "type": "unknown_parameter",
                }
                for name in unknown
            ]
        )


# Leads -----------------------------------------------------------------------------------------


class ReadingOut(Schema):
    asset_id: int
    title: str
    kind: EventKind
    at: datetime


class LeadOut(Schema):
    id: int
    name: str
    email: str
    state: LeadState
    score: int = Field(description="Interest today: reading points, decayed over time.")
    inferred_stage: str | None = Field(
        description="The buying stage they read most at, by name; null before any reading."
    )
    topics: list[str] = Field(description="Topics of interest by name, strongest first (up to 5).")
    ready_reason: str = Field(description="Why the lead became sales-ready; empty before that.")
    recent_reading: list[ReadingOut] = Field(description="The last 3 things read, newest first.")
    reading_summary: str = Field(description="The same in one line, for a CRM text field.")
    first_seen_at: datetime = Field(description="When we first met them: reading or subscribing.")
    last_seen_at: datetime | None = Field(description="Their latest reading.")
    created_at: datetime
    updated_at: datetime = Field(
        description="Moves whenever anything here changes, score included: sync by it."
    )
    first_touch_at: datetime | None
    sales_ready_at: datetime | None
    accepted_at: datetime | None
    accepted_by: str | None = Field(description="Username of the salesperson who took it.")
    outcome: LeadOutcome | None = Field(description="What the CRM last reported became of it.")
    outcome_note: str
    outcome_at: datetime | None
    organisation: str | None = Field(
        description="The domain of their own address when they are grouped in an organisation "
        "(never its name or other people); null when not grouped (free mail, not confirmed, "
        '"do not group").'
    )
    shown_on_organisation: bool = Field(
        description="Sales-ready while a colleague is already with Sales: shown on the "
        "organisation rather than as a lead to chase (one conversation per organisation)."
    )


def iso_8601(value):
    """Only an ISO 8601 date or date-time; pydantic would otherwise read "0.5" as a Unix time."""
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Use an ISO 8601 date-time, e.g. 2026-11-23T09:00:00Z.")
    return value


def in_utc(value):
    """RFC 3339 allows offsets up to ±23:59, PostgreSQL only to ±15:59: compare in UTC."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("The date is out of range.") from error


IsoDateTime = Annotated[datetime, BeforeValidator(iso_8601), AfterValidator(in_utc)]


class LeadFilter(FilterSchema):
    updated_since: Annotated[IsoDateTime | None, FilterLookup("updated_at__gte")] = Field(
        None, description="Only leads changed at or after this time (ISO 8601)."
    )
    state: LeadState | None = Field(None, description="Only leads in this state.")
    created_after: Annotated[IsoDateTime | None, FilterLookup("created_at__gte")] = None
    created_before: Annotated[IsoDateTime | None, FilterLookup("created_at__lt")] = None
    sales_ready_after: Annotated[IsoDateTime | None, FilterLookup("sales_ready_at__gte")] = None
    sales_ready_before: Annotated[IsoDateTime | None, FilterLookup("sales_ready_at__lt")] = None


# A cursor is the (updated_at, id) of the last lead listed, as two fixed-width hex numbers (the
# microseconds since 1970, the id): every string of the pattern is a position, so none is refused.
CURSOR_PATTERN = r"^[0-9a-f]{32}$"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
LATEST = (datetime.max.replace(tzinfo=UTC) - EPOCH) // MICROSECOND
LARGEST_ID = 2**63 - 1  # the databases' bigint


def cursor_after(lead):
    micros = max((lead.updated_at - EPOCH) // MICROSECOND, 0)
    return f"{micros:016x}{lead.pk:016x}"


def read_cursor(cursor):
    """(updated_at, id) from a cursor; one past the end of time lists nothing."""
    micros, pk = int(cursor[:16], 16), int(cursor[16:], 16)
    return EPOCH + min(micros, LATEST) * MICROSECOND, min(pk, LARGEST_ID)


class Paging(Schema):
    cursor: str | None = Field(
        None,
        pattern=CURSOR_PATTERN,
        description="Opaque: the next_cursor of the previous page, as it was given. Keep the same "
        "filters while following it.",
    )
    page_size: int = Field(50, ge=1, le=200)


class LeadPage(Schema):
    items: list[LeadOut]
    next_cursor: str | None = Field(
        description="Where to go on from: pass it as `cursor`. Kept by a CRM between syncs, it "
        "returns only leads changed since; null only when there was nothing to list at all."
    )
    has_more: bool = Field(description="Whether the next page has leads already.")


LIST_PARAMETERS = frozenset(LeadFilter.model_fields) | frozenset(Paging.model_fields)


def described(request, leads):
    return crm_leads.describe(leads, ProfilingSettings.load(request_or_site=request))


def one_lead(request, lead_id):
    lead = crm_leads.for_crm(Lead.objects.filter(pk=lead_id)).first()
    if lead is None:
        raise Http404("No lead has this id; it may have been erased (see the lead.erased webhook).")
    return described(request, [lead])[0]


@api.get(
    "/",
    response={200: LeadPage, 400: Problem, 401: Problem},
    summary="List leads, oldest change first",
    operation_id="list_leads",
)
def list_leads(request, filters: Query[LeadFilter], paging: Query[Paging]):
    """Leads in the order they last changed, (updated_at, id) ascending, so a page never shifts as
    new leads arrive: follow `next_cursor` until `has_more` is false, keep the last cursor, and
    come back with it for what changed since."""
    refuse_unknown_parameters(request, LIST_PARAMETERS)
    leads = filters.filter(crm_leads.for_crm(Lead.objects.all())).order_by("updated_at", "pk")
    if paging.cursor:
        at, pk = read_cursor(paging.cursor)
        leads = leads.filter(Q(updated_at__gt=at) | Q(updated_at=at, pk__gt=pk))
    page = list(leads[: paging.page_size + 1])
    has_more, page = len(page) > paging.page_size, page[: paging.page_size]
    return {
        "items": described(request, page),
        "next_cursor": cursor_after(page[-1]) if page else paging.cursor,
        "has_more": has_more,
    }


@api.get(
    "/{lead_id}",
    response={200: LeadOut, 400: Problem, 401: Problem, 404: Problem},
    summary="One lead",
    operation_id="get_lead",
)
def get_lead(request, lead_id: int):
    refuse_unknown_parameters(request)
    return one_lead(request, lead_id)


class OutcomeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    outcome: LeadOutcome = Field(description="What became of the lead in the CRM.")
    outcome_note: str = Field("", max_length=500, description="Optional: a word on why.")


@api.patch(
    "/{lead_id}",
    response={200: LeadOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    summary="Report what became of a lead",
    operation_id="report_outcome",
    auth=OutcomeReporterAuth(),
)
def report_outcome(request, lead_id: int, report: OutcomeIn):
    """Masthead keeps the outcome on the lead with its time, shows it to Sales, counts it in its
    insight, and tells webhooks (`lead.outcome`). Sending the same outcome and note again changes
    nothing. Needs a token allowed to report outcomes."""
    refuse_unknown_parameters(request)
    with transaction.atomic():
        lead = Lead.objects.select_for_update().filter(pk=lead_id).first()
        if lead is None:
            raise Http404("No lead has this id; it may have been erased.")
        if lead.report_outcome(report.outcome, report.outcome_note, source=request.auth.name):
            queue(OUTCOME, outcome_payload(lead), lead)
    return one_lead(request, lead_id)
