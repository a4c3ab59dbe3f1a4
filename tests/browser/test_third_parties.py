"""No page of the product, public or admin, asks another site for anything (and so tells it nothing).

A real browser loads each page with everything it pulls in (images, scripts, styles, fonts, avatars);
every request it makes must go to the site itself.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "ana.admin", "masthead-admin"
PUBLIC = ["/", "/library/", "/subscribe/", "/privacy/"]
# The admin pages staff spend their days in, each showing staff members (avatars) somewhere.
ADMIN = ["/admin/", "/admin/users/", "/admin/pages/", "/admin/calendar/", "/admin/sales/inbox/"]


@pytest.fixture
def admin(demo_site, make_user):
    user = make_user("Administrators", USERNAME)
    user.is_superuser = True
    user.email = "ana.admin@keelstone.example"
    user.set_password(PASSWORD)
    user.save()
    return user


def test_every_request_a_page_makes_goes_to_the_site_itself(page, demo_site, admin):
    site = urlsplit(demo_site).netloc
    requested = []
    page.on("request", lambda request: requested.append((page.url, request.url)))

    for path in PUBLIC:
        assert page.goto(demo_site + path).ok, path
        page.wait_for_load_state("networkidle")
    page.goto(f"{demo_site}/admin/login/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{demo_site}/admin/")
    for path in ADMIN:
        assert page.goto(demo_site + path).ok, path
        page.wait_for_load_state("networkidle")

    elsewhere = [
        (on, url)
        for on, url in requested
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != site
    ]
    assert elsewhere == []
    assert len({on for on, _ in requested}) >= len(PUBLIC) + len(ADMIN)
