"""With the database unreachable, visitors get a quick, friendly 503; when it returns, all works again."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from buyingstages.audience.models import ContentEvent
from tests.factories import AssetPageFactory
from tests.people import reading_event

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"


def database_down():
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    return mock.patch.multiple(CursorWrapper, execute=refuse, executemany=refuse)


def beacon(client, asset):
    body = reading_event(asset.pk)
    return client.post(
        "/t/", json.dumps(body), content_type="application/json", HTTP_USER_AGENT=BROWSER
    )


def test_beacon_answers_503_while_the_database_is_down_then_recovers(client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    with database_down():
        response = beacon(client, asset)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "unavailable" in response.json()["error"]
    assert not ContentEvent.objects.exists()

    assert beacon(client, asset).status_code == 204
    assert ContentEvent.objects.count() == 1


def test_public_pages_fail_fast_with_a_friendly_page_then_recover(client, library, stages):
    url = AssetPageFactory(parent=library, stage=stages[0]).url
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Back in a moment" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert client.get(url).status_code == 200
