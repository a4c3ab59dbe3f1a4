"""What matches a reader's words in the library, best first, while they are still typing.

Wagtail's database backend matches a partial last word only in ``autocomplete()``, and on SQLite it
ranks without field boosts, so no single call both finds "downtim" and puts a title match first on
SQLite and PostgreSQL alike. Three calls do, each in the backend's own order of relevance: assets
whose title holds every word (the last may be partial), then those holding every word whole anywhere
(PostgreSQL weights these by the field boosts), then those whose last word is only partial. Each call
loads ids only (PostgreSQL's backend adds each match's text vector, one reason for MAX_RESULTS), and
only one page of assets is loaded, so a results page costs the same few queries whatever it finds.
"""

import re

from django.core.paginator import Paginator

# Ten pages: enough to page through (a search is not a way to list the library), and it bounds the
# ids each call returns.
MAX_RESULTS = 200
PAGE_SIZE = 20


def search_words(query):
    """Plain words only: quotes and operators would be read as search-engine syntax."""
    return re.findall(r"\w+", query)


def ranked_ids(assets, words, limit=MAX_RESULTS):
    """Ids of the ``assets`` that hold every word (the last may be partial), best first."""
    if not words:
        return []
    text = " ".join(words)
    ids_only = assets.only("pk")
    searches = (
        ids_only.autocomplete(text, fields=["title"], operator="and"),
        ids_only.search(text, operator="and"),
        ids_only.autocomplete(text, operator="and"),
    )
    ranked = {}
    for results in searches:
        for asset in results[:limit]:
            ranked.setdefault(asset.pk)
    return list(ranked)[:limit]


def results_page(assets, words, number, per_page=PAGE_SIZE):
    """One page of the matching ``assets`` (a Paginator page), with what a result shows."""
    page = Paginator(ranked_ids(assets, words), per_page).get_page(number)
    found = assets.select_related("stage").defer_streamfields().in_bulk(page.object_list)
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page
