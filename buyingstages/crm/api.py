"""The leads API for CRMs: read-only, token-authenticated, paginated, described by OpenAPI.

Served under /api/leads/; the description is at /api/leads/openapi.json.
"""

import re
from datetime import UTC, datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import FilterLookup, FilterSchema, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from pydantic import AfterValidator, BeforeValidator, Field

from buyingstages.audience.models import Lead, LeadState
from buyingstages.crm.models import ApiToken


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, checked against the hashes of active API tokens."""

    def authenticate(self, request, token):
        return ApiToken.lookup(token)


api = NinjaAPI(
    title="Masthead leads API",
    version="1.0.0",
    description="Read-only access to leads for CRM integration. Send `Authorization: Bearer "
    "<token>`; administrators issue tokens under Settings → API tokens.",
    auth=ApiTokenAuth(),
    urls_namespace="leads_api",
    docs_url=None,  # the interactive docs load from a CDN; the OpenAPI description is enough
)


class ErrorOut(Schema):
    detail: str | list


@api.exception_handler(ValidationError)
def bad_request(request, exc):
    """A filter or page number that does not parse is the caller's mistake: 400, with the details."""
    return api.create_response(request, {"detail": exc.errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    response = api.create_response(
        request, {"detail": "Send a valid API token: Authorization: Bearer <token>."}, status=401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def refuse_unknown_parameters(request, known=frozenset()):
    """A misspelt filter would otherwise be ignored and every lead returned: 400 instead."""
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ValidationError(
            [
                {"loc": ["query", name], "msg": "Unknown parameter.", "type": "unknown_parameter"}
                for name in unknown
            ]
        )


class LeadOut(Schema):
    id: int
    name: str
    email: str
    state: LeadState
    created_at: datetime
    first_touch_at: datetime | None
    sales_ready_at: datetime | None
    ready_reason: str
    accepted_at: datetime | None
    accepted_by: str | None = Field(None, description="Username of the salesperson who took it.")

    @staticmethod
    def resolve_accepted_by(lead):
        return lead.accepted_by.get_username() if lead.accepted_by else None


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
    state: LeadState | None = Field(None, description="Only leads in this state.")
    created_after: Annotated[IsoDateTime | None, FilterLookup("created_at__gte")] = None
    created_before: Annotated[IsoDateTime | None, FilterLookup("created_at__lt")] = None
    sales_ready_after: Annotated[IsoDateTime | None, FilterLookup("sales_ready_at__gte")] = None
    sales_ready_before: Annotated[IsoDateTime | None, FilterLookup("sales_ready_at__lt")] = None


class LeadPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


LIST_PARAMETERS = frozenset(LeadFilter.model_fields) | frozenset(LeadPagination.Input.model_fields)


@api.get(
    "/",
    response={200: list[LeadOut], 400: ErrorOut, 401: ErrorOut},
    summary="List leads",
    operation_id="list_leads",
)
@paginate(LeadPagination, page_size=50, max_page_size=200)
def list_leads(request, filters: Query[LeadFilter]):
    """Leads, newest first, filtered by state and time."""
    refuse_unknown_parameters(request, LIST_PARAMETERS)
    return filters.filter(Lead.objects.select_related("accepted_by").order_by("-created_at", "-pk"))


@api.get(
    "/{lead_id}",
    response={200: LeadOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="One lead",
    operation_id="get_lead",
)
def get_lead(request, lead_id: int):
    refuse_unknown_parameters(request)
    return get_object_or_404(Lead.objects.select_related("accepted_by"), pk=lead_id)
