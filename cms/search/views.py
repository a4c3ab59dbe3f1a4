"""The public site search, /search/: the form, its results and their filters."""

from django.views.generic import TemplateView

from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from cms.search.forms import SearchForm
from cms.search.results import MAX_RESULTS, PAGE_SIZE, results_page, search_words


class SearchView(TemplateView):
    """The library search: live public assets that hold the reader's words, by stage and format."""

    template_name = "search/search.html"
    page_size = PAGE_SIZE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET, auto_id="search-%s")
        form.is_valid()  # an invalid filter is dropped and explained; the words are always searched
        query = form.cleaned_data.get("q", "")
        words = search_words(query)
        assets = form.filter_assets(AssetPage.objects.live().public())
        asset_format = form.cleaned_data.get("format")
        context.update(
            form=form,
            search_query=query,
            search_words=words,
            stage=form.cleaned_data.get("stage"),
            format_label=AssetFormat(asset_format).label if asset_format else "",
            results=results_page(assets, words, self.request.GET.get("page"), self.page_size),
            max_results=MAX_RESULTS,
        )
        return context


search = SearchView.as_view()
