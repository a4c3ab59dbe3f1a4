"""Every public page, and every admin view Masthead adds, read by axe-core in a real browser.

Public pages must have no violation at all (what Lighthouse's accessibility score is built from); the
admin views no serious or critical one (Wagtail's own chrome around them is Wagtail's to keep).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Page

from buyingstages.library.models import AssetIndexPage, AssetPage
from buyingstages.taxonomy.models import BuyingStage, Topic
from tests.browser.signing_in import log_in

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}


def public_paths():
    library = AssetIndexPage.objects.live().first()
    paths = ["/", library.url, "/subscribe/", "/privacy/", "/search/?q=downtime", "/no-such-page/"]
    for stage in BuyingStage.objects.all()[:2]:
        paths.append(f"{library.url}stage/{stage.slug}/")
    paths.append(f"{library.url}topic/{Topic.objects.order_by('name').first().slug}/")
    for format_value in AssetPage.objects.live().values_list("format", flat=True).distinct():
        paths.append(AssetPage.objects.live().filter(format=format_value).first().url)
    others = Page.objects.live().public().filter(depth__gt=2).not_type(AssetPage, AssetIndexPage)
    paths += [page.url for page in others.specific()]
    return paths


ADMIN_PATHS = [
    "/admin/",
    "/admin/calendar/",
    "/admin/calendar/entries/",
    "/admin/calendar/entries/new/",
    "/admin/calendar/import/",
    "/admin/calendar/feed/",
    "/admin/assets/",
    "/admin/sales/inbox/",
    "/admin/sales/library/",
    "/admin/sales/feedback/",
    "/admin/sales/organisations/",
    "/admin/organisations/",
    "/admin/reports/segments/",
    "/admin/reports/content-audit/",
    "/admin/reports/coverage/",
    "/admin/deck-check/",
    "/admin/decks/",
    "/admin/messages/",
    "/admin/message-consistency/",
    "/admin/reader-surveys/",
    "/admin/sales-ready-rules/",
    "/admin/integrations/webhooks/",
    "/admin/taxonomy/stages/",
]


def violations(page, url, impacts=None):
    assert page.goto(url).status in (200, 404), url
    page.wait_for_load_state("networkidle")
    found = Axe().run(page).response["violations"]
    return [
        (
            violation["id"],
            violation["impact"],
            [node["target"] for node in violation["nodes"]][:3],
            violation["help"],
        )
        for violation in found
        if impacts is None or violation["impact"] in impacts
    ]


def test_public_pages_have_no_accessibility_violation(page, demo_site):
    problems = {}
    for path in public_paths():
        found = violations(page, demo_site + path)
        if found:
            problems[path] = found
    assert not problems, problems


def test_masthead_admin_views_have_no_serious_accessibility_violation(page, demo_site, make_user):
    user = make_user("Administrators", "a11y-admin")
    user.is_superuser = True
    user.set_password("masthead-a11y")
    user.save()
    log_in(page, demo_site, "a11y-admin", "masthead-a11y")

    problems = {}
    for path in ADMIN_PATHS:
        found = violations(page, demo_site + path, impacts=SERIOUS)
        if found:
            problems[path] = found
    assert not problems, problems
