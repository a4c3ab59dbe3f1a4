from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import AssetListingViewSet, SalesReadyRulesView
from .integration_admin import IntegrationsMenu
from .models import BuyingStage, Persona, Segment, Topic
from .permissions import register_policies
from .reports import ContentAuditView
from .sales_area import SalesMenu


class BuyingStageViewSet(SnippetViewSet):
    model = BuyingStage
    icon = "list-ol"
    menu_label = "Buying stages"
    url_prefix = "taxonomy/stages"
    list_display = ["name", "question", "get_policy_display"]
    search_fields = ["name", "question"]


class PersonaViewSet(SnippetViewSet):
    model = Persona
    icon = "user"
    menu_label = "Personas"
    url_prefix = "taxonomy/personas"
    list_display = ["name", "description"]
    search_fields = ["name"]


class SegmentViewSet(SnippetViewSet):
    model = Segment
    icon = "group"
    menu_label = "Segments"
    url_prefix = "taxonomy/segments"
    list_display = ["name", "get_dimension_display"]
    list_filter = ["dimension"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    url_prefix = "taxonomy/topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    """Stages, personas, segments and topics: the vocabulary every asset is tagged with."""

    items = (BuyingStageViewSet, PersonaViewSet, SegmentViewSet, TopicViewSet)
    menu_icon = "tag"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"
    menu_order = 250


register_snippet(TaxonomyViewSetGroup)
register_policies()


@hooks.register("register_admin_viewset")
def register_asset_listing():
    return AssetListingViewSet("assets")


@hooks.register("register_admin_viewset")
def register_sales_area():
    return SalesMenu()


@hooks.register("register_admin_viewset")
def register_crm_integration():
    return IntegrationsMenu()


@hooks.register("register_admin_urls")
def register_sales_ready_rules_url():
    return [path("sales-ready-rules/", SalesReadyRulesView.as_view(), name="sales_ready_rules")]


@hooks.register("register_admin_menu_item")
def register_sales_ready_rules_menu_item():
    return MenuItem("Sales-ready rules", reverse("sales_ready_rules"), icon_name="pick", order=900)


@hooks.register("register_admin_urls")
def register_content_audit_urls():
    view = ContentAuditView.as_view
    return [
        path("reports/content-audit/", view(), name="content_audit"),
        path(
            "reports/content-audit/results/", view(results_only=True), name="content_audit_results"
        ),
    ]


class ContentAuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("buyingstages.use_sales_area")


@hooks.register("register_reports_menu_item")
def register_content_audit_menu_item():
    return ContentAuditMenuItem(
        "Content audit", reverse("content_audit"), icon_name="doc-full-inverse", order=100
    )
