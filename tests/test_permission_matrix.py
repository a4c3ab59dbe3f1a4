"""Every URL the project defines × anonymous, visitor, sales, editor, administrator: the exact answer.

Each route the project adds (public pages and endpoints, and its own admin areas; Wagtail's built-in
admin is Wagtail's to test) has a row of five codes, one per role. A new route without a row fails
`test_every_project_route_has_a_row`. Codes:

    2 = 200, 0 = 204, 3 = 302 elsewhere, L = 302 to the admin login, H = 302 to the admin home
    (Wagtail's "no permission"), 1 = 401, 4 = 403, N = 404, 5 = 405, B = 400

Routes are filled with one object of each kind; routes that take a secret get a wrong one.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from pptx import Presentation

from buyingstages.audience.models import Lead, ReaderSurvey
from buyingstages.crm.models import ApiToken, WebhookDelivery, WebhookEndpoint
from buyingstages.sales.models import AssetFeedback, FieldNote, ShareLink
from buyingstages.taxonomy.models import Campaign
from publishing.calendar.models import CalendarEntry, EntryType, Status
from publishing.messaging.models import (
    DeckTemplate,
    Message,
    SalesDeck,
    StoryTest,
    StoryTestState,
)
from tests.factories import AssetPageFactory, PersonaFactory, SegmentFactory, TopicFactory
from tests.people import confirmed_subscriber

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "visitor", "sales", "editor", "admin")
PROJECT_ADMIN = (
    "admin/calendar",
    "admin/assets",
    "admin/taxonomy",
    "admin/sales",
    "admin/integrations",
    "admin/messages",
    "admin/decks",
    "admin/deck-",
    "admin/message-",
    "admin/reports/content-audit",
    "admin/reports/coverage",
    "admin/reports/campaigns",
    "admin/reports/nurture",
    "admin/reports/segments",
    "admin/organisations",
    "admin/reader-surveys",
    "admin/sales-ready-rules",
)
NOT_OURS = ("admin/", "documents/", "_util/", "^(")


def project_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    for route in walk(get_resolver().url_patterns):
        if route.startswith(PROJECT_ADMIN) or not route.startswith(NOT_OURS):
            yield route


# The table: route → five codes (anonymous, visitor, sales, editor, administrator).
MATRIX = {}


def load_matrix():
    text = MATRIX_FILE.read_text()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            codes, route = line.split(None, 1)
            MATRIX[route] = codes


MATRIX_FILE = Path(__file__).with_name("permission_matrix.txt")
load_matrix()


@pytest.fixture
def objects(library, stages, make_user, django_capture_on_commit_callbacks):
    asset = AssetPageFactory(parent=library, stage=stages[3], slug="fit-check")
    owner = make_user("Sales", "owner")
    lead = Lead.objects.create(name="Ana", email="ana@example.com")
    lead.mark_sales_ready("Strong signal")
    endpoint = WebhookEndpoint.objects.create(name="CRM", url="http://crm.example/")
    message = Message(name="Core story", headline="Plants hit plan.", job="Cuts downtime.")
    message.save()
    slides = [{"type": "message_slide", "value": {"message": message.pk, "parts": []}}]
    with django_capture_on_commit_callbacks(execute=True):
        message.save_revision().publish()
        deck = SalesDeck.objects.create(slug="first", title="First", slides=slides)
    message.refresh_from_db()
    buffer = io.BytesIO()
    Presentation().save(buffer)
    template = DeckTemplate(name="Brand")
    template.file.save("brand.pptx", ContentFile(buffer.getvalue()), save=True)
    survey = ReaderSurvey.objects.create(question="Next?", choices="A\nB")
    token = ApiToken(name="CRM")
    token.generate()
    token.save()
    return {
        "asset": asset.pk,
        "lead": lead.pk,
        "code": ShareLink.for_owner(asset, owner).code,
        "feedback": AssetFeedback.objects.create(asset=asset, author=owner, helped=True).pk,
        "note": FieldNote.objects.create(author=owner, text="Heard it").pk,
        "token": token.pk,
        "webhook": endpoint.pk,
        "delivery": WebhookDelivery.objects.create(
            endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={}
        ).pk,
        "message": message.pk,
        "revision": message.live_revision_id,
        "deck": deck.pk,
        "story_test": StoryTest.objects.create(
            message=message,
            challenger_b_id=message.live_revision_id,
            planned_end=timezone.now() + datetime.timedelta(days=7),
            state=StoryTestState.STOPPED,
        ).pk,
        "deck_slug": deck.slug,
        "template": template.pk,
        "survey": survey.pk,
        "organisation": confirmed_subscriber("ben@harlow.com", "Ben").organisation_id,
        "entry": CalendarEntry.objects.create(title="Planned", stage=stages[2]).pk,
        "entry_type": EntryType.objects.get(slug="email").pk,
        "status": Status.objects.get(slug="scheduled").pk,
        "stage": stages[0].pk,
        "persona": PersonaFactory(name="CFO").pk,
        "segment": SegmentFactory(name="Utilities").pk,
        "topic": TopicFactory(name="Uptime").pk,
        "campaign": Campaign.objects.create(name="Spring push", slug="spring-push").pk,
    }


def object_for(route, objects):
    """Which object's key fills a route's <pk>, by the admin area it is in."""
    for prefix, key in (
        ("admin/sales/library", "asset"),
        ("admin/sales/inbox", "lead"),
        ("admin/sales/organisations", "organisation"),
        ("admin/organisations", "organisation"),
        ("admin/sales/feedback", "feedback"),
        ("admin/sales/field-notes", "note"),
        ("admin/integrations/api-tokens", "token"),
        ("admin/integrations/webhooks", "webhook"),
        ("admin/integrations/deliveries", "delivery"),
        ("admin/messages", "message"),
        ("admin/story-tests", "story_test"),
        ("admin/decks", "deck"),
        ("admin/deck-templates", "template"),
        ("admin/reader-surveys", "survey"),
        ("admin/calendar/field-notes", "note"),
        ("admin/calendar-types", "entry_type"),
        ("admin/calendar-statuses", "status"),
        ("admin/calendar", "entry"),
        ("admin/taxonomy/stages", "stage"),
        ("admin/taxonomy/personas", "persona"),
        ("admin/taxonomy/segments", "segment"),
        ("admin/taxonomy/topics", "topic"),
        ("admin/taxonomy/campaigns", "campaign"),
    ):
        if route.startswith(prefix):
            return objects[key]
    return objects["asset"]


def url_for(route, objects):
    url = route.replace("^", "").replace("$", "")
    url = re.sub(
        r"\(\?P<revision_id_a>[^)]*\)\\\.\\\.\\\.\(\?P<revision_id_b>[^)]*\)",
        "earliest...latest",
        url,
    )
    url = re.sub(r"\(\?P<pk>[^)]*\)", str(object_for(route, objects)), url)
    url = url.replace("<int:revision_id>", str(objects["revision"]))
    url = url.replace("<int:choice>", "0")
    url = url.replace("<int:task_state_id>", "1").replace("<slug:action_name>", "approve")
    url = url.replace("<int:task_id>", "1").replace("<int:workflow_state_id>", "1")
    url = url.replace("<slug:code>", objects["code"]).replace("<slug:slug>", objects["deck_slug"])
    url = url.replace("<lead_id>", str(objects["lead"]))
    url = url.replace("(?P<address>.+)", "no/such/address")
    url = re.sub(r"<(int|str):pk>", str(object_for(route, objects)), url)
    url = re.sub(r"<str:token>", "not-a-real-token", url)
    return "/" + url


def outcome(response):
    code = response.status_code
    if code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return "L"
        if location == reverse("wagtailadmin_home"):
            return "H"
        return "3"
    return {200: "2", 204: "0", 400: "B", 401: "1", 403: "4", 404: "N", 405: "5"}.get(code, "?")


def sign_in(client, role, make_user):
    if role == "visitor":
        client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    elif role != "anonymous":
        group = {"sales": "Sales", "editor": "Editors", "admin": "Administrators"}[role]
        client.force_login(make_user(group, f"{role}-user"))


def test_every_project_route_has_a_row():
    missing = sorted(set(project_routes()) - set(MATRIX))
    assert not missing, "add a row to tests/permission_matrix.txt for each of these:\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_project_route_answers_each_role_as_agreed(role, client, make_user, objects):
    sign_in(client, role, make_user)
    column = ROLES.index(role)
    wrong = {}
    for route in project_routes():
        expected = MATRIX.get(route)
        if expected is None:
            continue  # reported by the test above
        got = outcome(client.get(url_for(route, objects)))
        if got != expected[column]:
            wrong[route] = f"got {got}, expected {expected[column]}"
    assert not wrong, f"{role}:\n" + "\n".join(f"{route}: {why}" for route, why in wrong.items())
