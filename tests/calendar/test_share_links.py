import datetime
import re

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarShareLink
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def next_week():
    return timezone.now() + datetime.timedelta(days=7)


def test_editor_creates_a_share_link_anyone_can_read_until_it_expires(client, make_user, stages):
    CalendarEntryFactory(
        title="Peer panel", brief="Secret brief", stage=stages[1], publish_at=next_week()
    )
    client.force_login(make_user("Editors"))
    response = client.post("/admin/calendar/feed/", {"share": "1", "label": "Agency", "days": "14"})
    url = re.search(
        r'value="(http://testserver/calendar/shared/[^"]+/)"', response.content.decode()
    ).group(1)
    client.logout()

    shared = client.get(url.removeprefix("http://testserver"))
    html = shared.content.decode()
    assert shared.status_code == 200
    assert "Peer panel" in html and "Awareness" in html
    assert "Secret brief" not in html
    assert "noindex" in shared["X-Robots-Tag"]

    CalendarShareLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(url.removeprefix("http://testserver")).status_code == 404


def test_revoked_and_unknown_share_links_are_404(client, make_user):
    link, secret = CalendarShareLink.issue("Partners", 7, None)
    assert client.get(f"/calendar/shared/{secret}/").status_code == 200
    client.force_login(make_user("Editors"))
    client.post("/admin/calendar/feed/", {"revoke_share": str(link.pk)})
    client.logout()
    assert client.get(f"/calendar/shared/{secret}/").status_code == 404
    assert client.get("/calendar/shared/guess/").status_code == 404


def test_share_link_expiry_is_bounded(client, make_user):
    client.force_login(make_user("Editors"))
    response = client.post(
        "/admin/calendar/feed/", {"share": "1", "label": "Forever", "days": "3650"}
    )
    assert response.status_code == 400
    assert not CalendarShareLink.objects.exists()


def test_sales_cannot_create_share_links(client, make_user):
    client.force_login(make_user("Sales"))
    client.post("/admin/calendar/feed/", {"share": "1", "label": "Mine", "days": "7"})
    assert not CalendarShareLink.objects.exists()


def test_feed_page_issues_a_feed_address_once(client, make_user):
    client.force_login(make_user("Editors"))
    html = client.post("/admin/calendar/feed/").content.decode()
    url = re.search(r'value="http://testserver(/calendar/feeds/[^"]+\.ics)"', html).group(1)
    assert client.get(url).status_code == 200
    assert url not in client.get("/admin/calendar/feed/").content.decode()
    client.post("/admin/calendar/feed/", {"revoke": "1"})
    assert client.get(url).status_code == 404
