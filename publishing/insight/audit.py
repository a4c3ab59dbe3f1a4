"""The content audit: per asset, what readers and sales made of it, sortable, filterable, exportable."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from buyingstages.audience.models import AssetVote
from buyingstages.common.admin import SinglePermissionPolicy
from buyingstages.common.spreadsheets import SafeSpreadsheetExportMixin
from buyingstages.library.models import AssetPage
from buyingstages.sales.models import AssetFeedback
from buyingstages.sales.views import LibraryFilterSet


def count_of(model, **conditions):
    """A correlated COUNT per asset: one subquery, whatever the number of assets."""
    rows = (
        model.objects.filter(asset=OuterRef("pk"), **conditions)
        .order_by()
        .values("asset")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def percent(part, whole):
    return round(100 * part / whole) if whole else None


class PercentColumn(Column):
    cell_template_name = "insight/audit/percent_cell.html"


class ReviewColumn(DateColumn):
    cell_template_name = "insight/audit/review_cell.html"


class ContentAuditView(SafeSpreadsheetExportMixin, ReportView):
    """Every live asset with its reading, downloads, reader votes, sales use and leads influenced."""

    page_title = "Content audit"
    header_icon = "doc-full-inverse"
    template_name = "insight/audit/report.html"
    index_url_name = "content_audit"
    index_results_url_name = "content_audit_results"
    filterset_class = LibraryFilterSet
    paginate_by = 50
    default_ordering = "-views"
    any_permission_required = ["view"]
    list_export = [
        "title",
        "stage",
        "format_label",
        "views",
        "viewers",
        "read_through_percent",
        "download_count",
        "useful_votes",
        "vote_count",
        "sales_uses",
        "sales_helped",
        "leads_influenced",
        "last_published_at",
        "review_by",
        "review_overdue",
    ]
    export_headings = {
        "title": "Title",
        "stage": "Stage",
        "views": "Views",
        "viewers": "Viewers",
        "format_label": "Format",
        "read_through_percent": "Read-through %",
        "download_count": "Downloads",
        "useful_votes": "Useful (yes)",
        "vote_count": "Useful? answers",
        "sales_uses": "Used by sales",
        "sales_helped": "Helped",
        "leads_influenced": "Leads influenced",
        "last_published_at": "Last published",
        "review_by": "Review by",
        "review_overdue": "Review overdue",
    }

    @cached_property
    def permission_policy(self):
        # Editors and sales both hold the Sales-area permission; the audit is for both.
        return SinglePermissionPolicy(AssetPage, "sales.use_sales_area")

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label="Asset", sort_key="title", get_url=lambda asset: asset.url),
            Column("stage", label="Stage", sort_key="stage__sort_order"),
            Column("format_label", label="Format", sort_key="format"),
            Column("views", label="Views", sort_key="views"),
            PercentColumn("read_through_percent", label="Read-through", sort_key="read_through"),
            Column("download_count", label="Downloads", sort_key="download_count"),
            PercentColumn("useful_percent", label="Useful?", sort_key="useful_votes"),
            Column("sales_label", label="Sales helped / used", sort_key="sales_uses"),
            Column("leads_influenced", label="Leads influenced", sort_key="leads_influenced"),
            DateColumn("last_published_at", label="Last published", sort_key="last_published_at"),
            ReviewColumn("review_by", label="Review by", sort_key="review_by"),
        ]

    def get_base_queryset(self):
        return (
            AssetPage.objects.live()
            .select_related("stage")
            .annotate(
                views=Coalesce(F("stats__views"), Value(0)),
                viewers=Coalesce(F("stats__viewers"), Value(0)),
                readers_through=Coalesce(F("stats__readers_through"), Value(0)),
                download_count=Coalesce(F("stats__downloads"), Value(0)),
                leads_influenced=Coalesce(F("stats__leads_influenced"), Value(0)),
                useful_votes=count_of(AssetVote, useful=True),
                vote_count=count_of(AssetVote),
                sales_uses=count_of(AssetFeedback),
                sales_helped=count_of(AssetFeedback, helped=True),
                read_through=Coalesce(
                    F("stats__readers_through") * 1.0 / F("stats__viewers"), Value(0.0)
                ),
            )
        )

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "-views"]

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        assets = list(object_list)
        for asset in assets:
            asset.format_label = asset.get_format_display()
            asset.read_through_percent = percent(asset.readers_through, asset.viewers)
            asset.useful_percent = percent(asset.useful_votes, asset.vote_count)
            asset.sales_label = f"{asset.sales_helped} / {asset.sales_uses}"
            asset.review_overdue = bool(asset.review_by and asset.review_by < today)
        return assets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stats = AssetPage.objects.live().filter(stats__isnull=False).values("stats__refreshed_at")
        context["refreshed_at"] = stats.order_by("-stats__refreshed_at").first()
        return context
