import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from buyingstages.library.models import AssetPage

MAX_QUERY_LENGTH = 200


def search_terms(query):
    """Plain words only: quotes and operators would be read as search-engine syntax."""
    return " ".join(re.findall(r"\w+", query))


def search(request):
    """Full-text search over live assets (Wagtail search, database backend)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = AssetPage.objects.none()
    if terms := search_terms(query):
        results = (
            AssetPage.objects.live().public().select_related("stage").search(terms, operator="and")
        )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"search_query": query, "results": page})
