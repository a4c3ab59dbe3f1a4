import xml.etree.ElementTree as ET

import pytest

from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_pages_assets_and_hubs(client, library, stages):
    topic = TopicFactory(slug="resilience")
    asset = AssetPageFactory(
        parent=library, title="Resilient plants", stage=stages[2], topics=[topic]
    )
    draft = AssetPageFactory(parent=library, title="Draft plan", stage=stages[3])
    draft.unpublish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")}
    assert "http://testserver/" in locations
    assert f"http://testserver{asset.url}" in locations
    assert "http://testserver/library/stage/interest/" in locations
    assert "http://testserver/library/topic/resilience/" in locations
    assert "http://testserver/library/draft-plan/" not in locations
    assert "http://testserver/library/stage/evaluation/" not in locations
