import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buyingstages.library.formats import AssetFormat
from cms.search.views import SearchView
from tests.factories import AssetPageFactory, section
from tests.library.test_models import CASE_STUDY

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


@pytest.fixture
def downtime(library, stages):
    """Downtime assets across stages and formats: Evaluation has an article and a case study."""
    return {
        "case study": AssetPageFactory(
            parent=library,
            title="Harlow Components: less unplanned downtime",
            format=AssetFormat.CASE_STUDY,
            stage=stages[3],
            summary="How three plants cut downtime by 31%.",
            body=[CASE_STUDY],
        ),
        "article": AssetPageFactory(
            parent=library,
            title="Downtime codes that mean something",
            format=AssetFormat.ARTICLE,
            stage=stages[3],
        ),
        "report": AssetPageFactory(
            parent=library,
            title="The cost of downtime",
            format=AssetFormat.RESEARCH_REPORT,
            stage=stages[0],
        ),
    }


def result_titles(response):
    return [asset.title for asset in response.context["results"]]


def test_search_finds_live_assets_by_body_text(client, searchable):
    response = client.get("/search/", {"q": "compressor vibration"})
    assert response.status_code == 200
    assert result_titles(response) == ["Reading the historian"]


def test_a_partly_typed_word_finds_the_asset(client, searchable):
    response = client.get("/search/", {"q": "compressor vibr"})
    assert result_titles(response) == ["Reading the historian"]


def test_search_without_a_query_shows_the_form_only(client, searchable):
    response = client.get("/search/")
    assert response.status_code == 200
    assert list(response.context["results"]) == []
    assert b'id="results-heading"' not in response.content


def test_search_survives_hostile_queries(client, searchable):
    for query in ["x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", '"unbalanced', "%00"]:
        response = client.get("/search/", {"q": query, "page": "-3"})
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content


def test_a_title_match_is_listed_before_a_passing_mention(client, library, stages):
    AssetPageFactory(
        parent=library,
        title="Where year-one payback comes from",
        stage=stages[4],
        body=[section("Savings", "Less downtime.")],
    )
    AssetPageFactory(
        parent=library,
        title="Harlow Components: less unplanned downtime",
        format=AssetFormat.CASE_STUDY,
        stage=stages[3],
        body=[CASE_STUDY, section("How", "One model of every machine, plant by plant. " * 10)],
    )
    for typed in ("downtime", "downtim"):
        response = client.get("/search/", {"q": typed})
        assert result_titles(response) == [
            "Harlow Components: less unplanned downtime",
            "Where year-one payback comes from",
        ]


def test_matches_are_marked_in_the_title_and_summary(client, downtime):
    response = client.get("/search/", {"q": "harlow downt"})
    html = response.content.decode()
    assert "<mark>Harlow</mark> Components: less unplanned <mark>downtime</mark>" in html
    assert "How three plants cut <mark>downtime</mark> by 31%." in html


def test_html_in_the_query_and_the_title_is_shown_as_text(client, library, stages):
    AssetPageFactory(parent=library, title="Downtime <b>tags</b> & <i>more</i>", stage=stages[0])
    response = client.get("/search/", {"q": "downtime <img src=x onerror=alert(1)>"})
    html = response.content.decode()
    assert "<img" not in html
    assert "“downtime &lt;img src=x onerror=alert(1)&gt;”" in html

    response = client.get("/search/", {"q": "<mark>downtime</mark>"})
    assert "&lt;mark&gt;downtime&lt;/mark&gt;" in response.content.decode()

    response = client.get("/search/", {"q": "downtime"})
    html = response.content.decode()
    assert "<mark>Downtime</mark> &lt;b&gt;tags&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;" in html
    assert "<b>tags</b>" not in html


def test_results_filter_by_stage_and_format(client, downtime):
    def titles(**params):
        return set(result_titles(client.get("/search/", {"q": "downtime", **params})))

    assert titles() == {asset.title for asset in downtime.values()}
    assert titles(stage="evaluation") == {
        downtime["case study"].title,
        downtime["article"].title,
    }
    assert titles(format="case_study") == {downtime["case study"].title}
    assert titles(stage="evaluation", format="article") == {downtime["article"].title}
    assert titles(stage="epiphany", format="article") == set()


def test_the_filters_are_a_labelled_form_that_keeps_the_choices(client, downtime):
    response = client.get("/search/", {"q": "downtime", "stage": "evaluation", "format": "article"})
    html = response.content.decode()
    assert '<label for="search-q">' in html
    assert '<label for="search-stage">Buying stage</label>' in html
    assert '<label for="search-format">Format</label>' in html
    assert "<legend>Narrow the results</legend>" in html
    assert '<option value="evaluation" selected>Evaluation</option>' in html
    assert '<option value="article" selected>Article</option>' in html
    assert "1 result for “downtime” in Evaluation (Article)" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"stage": "no-such-stage"},
            "That is not one of our buying stages, so every stage is shown.",
        ),
        ({"format": "<script>"}, "That is not one of our formats, so every format is shown."),
        ({"stage": ["evaluation", "x" * 500]}, None),
        ({"stage": "\x00", "format": "\x00"}, None),
    ],
)
def test_an_unknown_filter_is_explained_and_ignored(client, downtime, params, message):
    response = client.get("/search/", {"q": "downtime", **params})
    assert response.status_code == 200
    assert len(response.context["results"]) >= 2
    if message:
        assert message in response.content.decode()
        assert 'aria-invalid="true"' in response.content.decode()


def test_pages_keep_the_words_and_filters(client, library, stages, monkeypatch):
    monkeypatch.setattr(SearchView, "page_size", 2)
    for n in range(5):
        AssetPageFactory(parent=library, title=f"Downtime note {n}", stage=stages[3])
    response = client.get("/search/", {"q": "downtime", "stage": "evaluation"})
    assert response.context["results"].paginator.count == 5
    assert len(response.context["results"]) == 2
    next_link = re.search(r'<a rel="next" href="([^"]+)"', response.content.decode()).group(1)
    assert set(next_link.lstrip("?").replace("&amp;", "&").split("&")) == {
        "q=downtime",
        "stage=evaluation",
        "page=2",
    }
    second = client.get("/search/", {"q": "downtime", "stage": "evaluation", "page": 2})
    assert len(second.context["results"]) == 2
    assert 'start="3"' in second.content.decode()


def test_a_results_page_costs_the_same_queries_however_many_match(client, library, stages):
    def queries_for_a_search():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                "/search/", {"q": "downtim", "stage": "evaluation", "format": "article"}
            )
        assert response.status_code == 200
        return len(response.context["results"]), len(queries)

    AssetPageFactory(parent=library, title="Downtime 0", stage=stages[3])
    queries_for_a_search()  # the first request also reads the site's root paths
    found, queries = queries_for_a_search()
    assert found == 1
    for n in range(1, 6):
        AssetPageFactory(parent=library, title=f"Downtime {n}", stage=stages[3])
    assert queries_for_a_search() == (6, queries)
    assert queries <= 15  # about ten: the stage, the three searches, one page of assets, the frame
