import pytest

from tests.factories import AssetPageFactory, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable(library, stages):
    found = AssetPageFactory(
        parent=library,
        title="Reading the historian",
        stage=stages[0],
        body=[section("Signals", "Compressor vibration data predicts failures weeks ahead.")],
    )
    AssetPageFactory(parent=library, title="Something else", stage=stages[1])
    draft = AssetPageFactory(
        parent=library,
        title="Unreleased vibration study",
        stage=stages[1],
        body=[section("Draft", "Compressor vibration in the draft.")],
    )
    draft.unpublish()
    return found


def test_search_finds_live_assets_by_body_text(client, searchable):
    response = client.get("/search/", {"q": "compressor vibration"})
    assert response.status_code == 200
    assert [asset.title for asset in response.context["results"]] == ["Reading the historian"]


def test_search_without_a_query_shows_the_form_only(client, searchable):
    response = client.get("/search/")
    assert response.status_code == 200
    assert list(response.context["results"]) == []


def test_search_survives_hostile_queries(client, searchable):
    for query in ["x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", '"unbalanced', "%00"]:
        response = client.get("/search/", {"q": query, "page": "-3"})
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content
