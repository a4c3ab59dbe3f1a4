"""Admin views: the flat listing of every asset, filterable by how and when it is tagged."""

import django_filters
from django import forms
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage, Persona, Topic


class AssetAdminFilterSet(PageFilterSet):
    stage = django_filters.ModelMultipleChoiceFilter(
        queryset=BuyingStage.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    format = django_filters.MultipleChoiceFilter(
        choices=AssetFormat.choices, widget=forms.CheckboxSelectMultiple
    )
    personas = django_filters.ModelMultipleChoiceFilter(
        queryset=Persona.objects.all(), widget=forms.CheckboxSelectMultiple, label="Persona"
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        field_name="tagged_topics__tag",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    live = django_filters.ChoiceFilter(
        label="Status",
        choices=[("true", "Live"), ("false", "Not live")],
        method="filter_live",
    )
    review_by = django_filters.DateFromToRangeFilter(
        label="Review by", widget=DateRangePickerWidget
    )
    review_due = django_filters.BooleanFilter(
        label="Due for review",
        method="filter_review_due",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = AssetPage
        fields = []

    def filter_live(self, queryset, name, value):
        return queryset.filter(live=value == "true") if value else queryset

    def filter_review_due(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(review_by__lte=timezone.localdate())


class AssetIndexView(IndexView):
    """The listing's rows, with what its columns show fetched up front rather than once per row."""

    def get_base_queryset(self):
        # The listing is specific(): the assets are loaded by a second query per page type, so the
        # stage column's foreign key has to be selected in that query, not in the outer one.
        return super().get_base_queryset().select_related("stage", for_specific_subqueries=True)


class AssetListingViewSet(PageListingViewSet):
    """Every asset in one list, so editors can find gaps and stale content by tag and date."""

    model = AssetPage
    icon = "doc-full-inverse"
    menu_label = "Assets"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "assets"
    index_view_class = AssetIndexView
    filterset_class = AssetAdminFilterSet
    columns = [
        *IndexView.base_columns[:2],
        Column("stage", label="Stage", sort_key="stage__sort_order", width="12%"),
        Column("format", label="Format", accessor="get_format_display", width="14%"),
        DateColumn("review_by", label="Review by", sort_key="review_by", width="12%"),
        IndexView.base_columns[-1],
    ]
