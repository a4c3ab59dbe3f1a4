import pytest

from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from cms.search.results import ranked_ids, search_words
from tests.factories import AssetPageFactory, section
from tests.library.test_models import CASE_STUDY

pytestmark = pytest.mark.django_db

LONG_STORY = " ".join(
    ["Three plants agreed one set of stoppage codes and one model of their machines."] * 8
)


@pytest.fixture
def downtime_pages(library, stages):
    """The downtime case study, and a payback page that mentions downtime once, in passing."""
    case_study = AssetPageFactory(
        parent=library,
        title="Harlow Components: 31% Less Unplanned Downtime in Nine Months",
        format=AssetFormat.CASE_STUDY,
        stage=stages[3],
        summary="A three-plant components maker connected its plant data.",
        body=[CASE_STUDY, section("How", LONG_STORY)],
    )
    payback = AssetPageFactory(
        parent=library,
        title="Where Year-One Payback Comes From",
        format=AssetFormat.INFOGRAPHIC,
        stage=stages[4],
        summary="The four sources of first-year savings.",
        body=[section("Savings", "Less downtime, fewer reports.")],
    )
    AssetPageFactory(parent=library, title="Planning with machines", stage=stages[1])
    return {"case_study": case_study, "payback": payback}


def titles(ids):
    found = AssetPage.objects.in_bulk(ids)
    return [found[pk].title for pk in ids]


def search(words):
    return titles(ranked_ids(AssetPage.objects.live().public(), search_words(words)))


@pytest.mark.parametrize("typed", ["downtim", "DOWNT", "unplanned downt", "Harl"])
def test_a_partial_last_word_finds_the_page(downtime_pages, typed):
    assert search(typed)[0] == downtime_pages["case_study"].title


def test_a_partial_word_in_the_body_is_found(downtime_pages):
    assert search("fewer rep") == ["Where Year-One Payback Comes From"]


def test_every_word_must_match(downtime_pages):
    assert search("payback harl") == []


def test_a_title_match_ranks_above_a_passing_mention(downtime_pages):
    expected = [downtime_pages["case_study"].title, downtime_pages["payback"].title]
    assert search("downtime") == expected
    assert search("downtim") == expected


def test_whole_word_matches_rank_above_partial_ones(library, stages):
    AssetPageFactory(parent=library, title="Notes", body=[section("A", "The plant, in full.")])
    AssetPageFactory(parent=library, title="Other", body=[section("A", "The plan, in full.")])
    assert search("plan") == ["Other", "Notes"]


def test_no_words_find_nothing(downtime_pages):
    assert ranked_ids(AssetPage.objects.all(), []) == []


def test_search_words_drop_search_engine_syntax():
    assert search_words('"unplanned" -downtime OR (costs*)') == [
        "unplanned",
        "downtime",
        "OR",
        "costs",
    ]


def test_the_ranking_stops_at_its_limit(library, stages):
    for n in range(4):
        AssetPageFactory(parent=library, title=f"Downtime {n}", stage=stages[0])
    assert len(ranked_ids(AssetPage.objects.live(), ["downt"], limit=3)) == 3
