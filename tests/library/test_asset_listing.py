"""The admin's flat asset listing: what it lists, how it filters, and that it does not query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AssetPageFactory, PersonaFactory, TopicFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/assets/"


def make_assets(library, stages, start, stop):
    personas = [PersonaFactory(name="Head of Data"), PersonaFactory(name="CFO")]
    topics = [TopicFactory(name="Data governance"), TopicFactory(name="Cost")]
    return [
        AssetPageFactory(
            parent=library,
            title=f"Asset {number}",
            stage=stages[number % len(stages)],
            personas=personas,
            topics=topics,
        )
        for number in range(start, stop)
    ]


def queries_for_listing(client):
    client.get(LISTING)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING)
    assert response.status_code == 200
    return len(queries), response


def test_listing_makes_the_same_number_of_queries_for_3_and_12_assets(
    editor_client, library, stages
):
    assets = make_assets(library, stages, 0, 3)
    few, response = queries_for_listing(editor_client)
    assert len(response.context["pages"]) == 3

    assets += make_assets(library, stages, 3, 12)
    many, response = queries_for_listing(editor_client)
    assert len(response.context["pages"]) == 12

    assert many == few
    for asset in assets:
        assert asset.stage.name in response.content.decode()


def test_listing_shows_the_assets_and_filters_by_stage(editor_client, library, stages):
    AssetPageFactory(parent=library, title="Early", stage=stages[0])
    AssetPageFactory(parent=library, title="Late", stage=stages[6])

    everything = editor_client.get(LISTING)
    late = editor_client.get(LISTING, {"stage": stages[6].pk})

    assert {page.title for page in everything.context["pages"]} == {"Early", "Late"}
    assert {page.title for page in late.context["pages"]} == {"Late"}
    assert "Advocacy" in late.content.decode()
