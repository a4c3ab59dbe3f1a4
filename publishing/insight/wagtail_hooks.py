from django.urls import path, reverse
from wagtail import hooks

from buyingstages.common.admin import PermissionMenuItem
from publishing.insight import views as insight_views
from publishing.insight.audit import ContentAuditView


@hooks.register("register_admin_urls")
def register_insight_urls():
    return [
        path("reports/coverage/", insight_views.HeatmapView.as_view(), name="coverage_heatmap"),
        path("reports/campaigns/", insight_views.CampaignReportView.as_view(), name="campaigns"),
        path(
            "reports/segments/",
            insight_views.SegmentReadingView.as_view(),
            name="segment_reading",
        ),
        path(
            "reports/nurture.csv",
            insight_views.NurtureTrendCSVView.as_view(),
            name="nurture_trend_csv",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_heatmap_menu_item():
    return PermissionMenuItem(
        "Coverage heatmap",
        reverse("coverage_heatmap"),
        icon_name="table",
        order=110,
        permission=insight_views.INSIGHT,
    )


@hooks.register("register_reports_menu_item")
def register_campaigns_menu_item():
    return PermissionMenuItem(
        "Campaign results",
        reverse("campaigns"),
        icon_name="crosshairs",
        order=115,
        permission=insight_views.INSIGHT,
    )


@hooks.register("register_reports_menu_item")
def register_segment_reading_menu_item():
    return PermissionMenuItem(
        "Who reads what, by segment",
        reverse("segment_reading"),
        icon_name="group",
        order=116,
        permission=insight_views.INSIGHT,
    )


@hooks.register("register_admin_viewset")
def register_reader_surveys():
    return insight_views.ReaderSurveyViewSet()


@hooks.register("register_reports_menu_item")
def register_surveys_menu_item():
    return PermissionMenuItem(
        "Reader surveys",
        reverse("reader_surveys:index"),
        icon_name="help",
        order=120,
        permission="audience.view_readersurvey",
    )


@hooks.register("construct_homepage_panels")
def add_insight_panel(request, panels):
    if request.user.has_perm(insight_views.INSIGHT):
        panels.append(insight_views.InsightPanel())


@hooks.register("register_admin_urls")
def register_content_audit_urls():
    view = ContentAuditView.as_view
    return [
        path("reports/content-audit/", view(), name="content_audit"),
        path(
            "reports/content-audit/results/", view(results_only=True), name="content_audit_results"
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_content_audit_menu_item():
    return PermissionMenuItem(
        "Content audit",
        reverse("content_audit"),
        icon_name="doc-full-inverse",
        order=100,
        permission=insight_views.INSIGHT,
    )
