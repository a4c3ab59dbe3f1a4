"""Who may open what in the Sales area: every sales URL for every role, with the exact answer."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse

from buyingstages.audience.models import Lead
from buyingstages.crm.models import ApiToken, WebhookDelivery, WebhookEndpoint
from buyingstages.sales.models import AssetFeedback, FieldNote, ShareLink
from publishing.messaging.models import SalesDeck
from tests.factories import AssetPageFactory
from tests.people import confirmed_subscriber

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "visitor", "sales", "editor", "admin")
LOGIN = "login"  # a redirect to the admin login page
HOME = "home"  # Wagtail's "you do not have permission" redirect to the dashboard

# (method, URL name or path, {role: expected}); {x} placeholders are filled from the fixture.
MATRIX = [
    ("get", "/admin/sales/library/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/library/results/", [LOGIN, LOGIN, 200, 200, 200]),
    ("post", "/admin/sales/library/{asset}/share/", [LOGIN, LOGIN, 302, 302, 302]),
    ("get", "/admin/sales/library/{asset}/campaign-link/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/inbox/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/inbox/?state=all&export=csv", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/inbox/inspect/{lead}/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("post", "/admin/sales/inbox/{lead}/accept/", [LOGIN, LOGIN, 302, HOME, 302]),
    ("post", "/admin/sales/inbox/{lead}/return/", [LOGIN, LOGIN, 302, HOME, 302]),
    ("get", "/admin/sales/inbox/new/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/sales/inbox/edit/{lead}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/sales/inbox/delete/{lead}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    # Buying groups show people: the inbox's permission. Editors keep organisations in Settings.
    ("get", "/admin/sales/organisations/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/organisations/results/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/organisations/inspect/{organisation}/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/organisations/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("get", "/admin/organisations/edit/{organisation}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("get", "/admin/organisations/merge/{organisation}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("post", "/admin/organisations/merge/{organisation}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("get", "/admin/sales/feedback/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/feedback/new/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/feedback/edit/{feedback}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/sales/field-notes/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/field-notes/new/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/field-notes/edit/{note}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("get", "/admin/sales-ready-rules/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/integrations/api-tokens/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/deliveries/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/sales/inbox/results/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/inbox/history/{lead}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/sales/inbox/history-results/{lead}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/sales/inbox/usage/{lead}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/sales/feedback/results/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/feedback/history/{feedback}/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/feedback/history-results/{feedback}/", [LOGIN, LOGIN, 200, HOME, 200]),
    ("get", "/admin/sales/feedback/usage/{feedback}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/sales/feedback/delete/{feedback}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    # A salesperson's own decks: anyone in the Sales area has the list; a deck of another's is a 404.
    ("get", "/admin/sales/my-decks/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/my-decks/results/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/my-decks/new/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/my-decks/edit/{deck}/", [LOGIN, LOGIN, 404, 404, 404]),
    ("get", "/admin/sales/my-decks/copy/{deck}/", [LOGIN, LOGIN, 404, 404, 404]),
    ("get", "/admin/sales/my-decks/delete/{deck}/", [LOGIN, LOGIN, 404, 404, 404]),
    ("get", "/admin/sales/my-decks/history/{deck}/", [LOGIN, LOGIN, 404, 404, 404]),
    ("get", "/admin/sales/my-decks/history-results/{deck}/", [LOGIN, LOGIN, 404, 404, 404]),
    ("get", "/admin/sales/my-decks/usage/{deck}/", [LOGIN, LOGIN, 404, 404, 404]),
    ("get", "/admin/sales/field-notes/results/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/field-notes/history/{note}/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/field-notes/history-results/{note}/", [LOGIN, LOGIN, 200, 200, 200]),
    ("get", "/admin/sales/field-notes/usage/{note}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("get", "/admin/sales/field-notes/delete/{note}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("get", "/admin/integrations/api-tokens/results/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/api-tokens/new/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/api-tokens/edit/{token}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/api-tokens/delete/{token}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/api-tokens/history/{token}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    (
        "get",
        "/admin/integrations/api-tokens/history-results/{token}/",
        [LOGIN, LOGIN, HOME, HOME, 200],
    ),
    ("get", "/admin/integrations/api-tokens/usage/{token}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/results/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/new/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/edit/{webhook}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/copy/{webhook}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/delete/{webhook}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/webhooks/history/{webhook}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    (
        "get",
        "/admin/integrations/webhooks/history-results/{webhook}/",
        [LOGIN, LOGIN, HOME, HOME, 200],
    ),
    ("get", "/admin/integrations/webhooks/usage/{webhook}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/deliveries/results/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/deliveries/inspect/{delivery}/", [LOGIN, LOGIN, HOME, HOME, 200]),
    ("get", "/admin/integrations/deliveries/new/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/integrations/deliveries/edit/{delivery}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/integrations/deliveries/delete/{delivery}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    ("get", "/admin/integrations/deliveries/history/{delivery}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    (
        "get",
        "/admin/integrations/deliveries/history-results/{delivery}/",
        [LOGIN, LOGIN, HOME, HOME, HOME],
    ),
    ("get", "/admin/integrations/deliveries/usage/{delivery}/", [LOGIN, LOGIN, HOME, HOME, HOME]),
    # A session is not an API credential: the API answers only to tokens.
    ("get", "/api/leads/", [401, 401, 401, 401, 401]),
    ("get", "/api/leads/{lead}", [401, 401, 401, 401, 401]),
    ("get", "/api/leads/openapi.json", [200, 200, 200, 200, 200]),
    # Share links are for prospects: public, and unguessable.
    ("get", "/s/{code}", [302, 302, 302, 302, 302]),
    ("get", "/s/unknown-code-xxxxxxxxxxxx", [404, 404, 404, 404, 404]),
]


@pytest.fixture
def objects(library, stages, make_user):
    asset = AssetPageFactory(parent=library, stage=stages[3])
    owner = make_user("Sales", "owner")
    lead = Lead.objects.create(name="Ana", email="ana@example.com")
    lead.mark_sales_ready("Strong signal")
    return {
        "asset": asset.pk,
        "lead": lead.pk,
        "code": ShareLink.for_owner(asset, owner).code,
        "feedback": AssetFeedback.objects.create(asset=asset, author=owner, helped=True).pk,
        "note": FieldNote.objects.create(author=owner, text="Heard it").pk,
        "token": ApiToken.objects.create(name="CRM", token_hash="0" * 64, prefix="x").pk,
        "webhook": (
            endpoint := WebhookEndpoint.objects.create(name="CRM", url="http://crm.example/")
        ).pk,
        "delivery": WebhookDelivery.objects.create(
            endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={}
        ).pk,
        "deck": SalesDeck.objects.create(slug="owners", title="Owner's", owner=owner).pk,
        "organisation": confirmed_subscriber("ben@harlow.com", "Ben").organisation_id,
    }


def client_for(role, client, make_user):
    if role == "visitor":
        client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    elif role == "admin":
        client.force_login(make_user("Administrators", "boss"))
    elif role != "anonymous":
        client.force_login(make_user({"sales": "Sales", "editor": "Editors"}[role], role))
    return client


def outcome(response):
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("wagtailadmin_login")):
        return LOGIN
    if location == reverse("wagtailadmin_home"):
        return HOME
    return 302


@pytest.mark.parametrize("role", ROLES)
def test_every_sales_url_answers_each_role_as_agreed(role, client, make_user, objects):
    client = client_for(role, client, make_user)
    column = ROLES.index(role)
    got = {}
    for method, url, expected in MATRIX:
        # Each row starts from a sales-ready lead, so accept/return are always possible.
        Lead.objects.filter(pk=objects["lead"]).update(state="sales_ready")
        response = getattr(client, method)(
            url.format(**objects), {"reason": "Not yet"} if method == "post" else None
        )
        got[(method, url)] = (outcome(response), expected[column])
    wrong = {key: value for key, value in got.items() if value[0] != value[1]}
    assert not wrong, f"{role}: (got, expected) {wrong}"


def test_the_matrix_covers_every_sales_url():
    """A new Sales, integration or leads-API URL without a row here fails this test."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    def shape(path):
        return re.sub(r"<[^>]+>|\{[a-z]+\}", "*", path.lstrip("/").split("?")[0])

    routes = {
        shape(route)
        for route in walk(get_resolver().url_patterns)
        if route.startswith(("admin/sales", "admin/integrations", "api/leads", "s/"))
    }
    covered = {shape(url) for _, url, _ in MATRIX}
    assert routes - covered == set(), "add a row to MATRIX for each of these"
