"""Admin pictures: dashboard panels, the coverage heatmap and reader-survey results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.generic import TemplateView, View
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from buyingstages.audience.models import ReaderSurvey
from buyingstages.common.admin import YesNoColumn
from publishing.calendar.models import CalendarEntry
from publishing.insight import attribution, charts, figures

INSIGHT = "sales.use_sales_area"  # editors and sales both hold it


class InsightPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(INSIGHT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HeatmapView(InsightPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Stage × persona (or × topic): where live assets and planned pieces are, and where nothing is."""

    template_name = "insight/heatmap.html"
    page_title = "Coverage heatmap"
    header_icon = "table"

    @property
    def dimension(self):
        return "topic" if self.request.GET.get("by") == "topic" else "persona"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            columns, rows = figures.heatmap(self.dimension)
            return charts.csv_response(
                f"coverage-by-{self.dimension}.csv",
                ["stage", self.dimension, "live assets", "planned entries"],
                [
                    (stage.name, column.name, cell.live, cell.planned)
                    for stage, cells in rows
                    for column, cell in zip(columns, cells, strict=True)
                ],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns, rows = figures.heatmap(self.dimension)
        context.update(dimension=self.dimension, columns=columns, rows=rows)
        return context


def bars_or_none(rows):
    """A bar chart of ``rows``, or None where every value is zero: a flat chart says less than a
    sentence, and the table below still shows each campaign's zero."""
    return charts.bar_chart(rows) if any(value for _, value in rows) else None


class CampaignReportView(InsightPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """What each campaign brought, as a chart, a table and CSV (publishing/insight/attribution.py)."""

    template_name = "insight/campaigns.html"
    page_title = "Campaign results"
    header_icon = "crosshairs"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return charts.csv_response(
                "campaign-results.csv",
                attribution.CSV_HEADINGS,
                attribution.csv_rows(attribution.campaign_results()),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = attribution.campaign_results()
        context.update(
            results=results,
            readers_chart=bars_or_none(
                [(result.campaign.name, result.readers) for result in results]
            ),
            subscribed_chart=bars_or_none(
                [(result.campaign.name, result.subscribed_any) for result in results]
            ),
            can_add_campaign=self.request.user.has_perm("taxonomy.add_campaign"),
        )
        return context


class SegmentReadingView(InsightPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Who reads what, by segment: the formats and stages each segment's known readers use, beside
    what the calendar plans for it, so a segment that reads webinars but is planned only white
    papers shows plainly."""

    template_name = "insight/segments.html"
    page_title = "Who reads what, by segment"
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = figures.segment_reading()
        context.update(
            rows=rows,
            share=figures.SEGMENT_FORMAT_SHARE,
            can_tag_organisations=self.request.user.has_perm("audience.change_organisation"),
        )
        return context


class NurtureTrendCSVView(InsightPermissionMixin, View):
    def get(self, request):
        return charts.csv_response(
            "nurture-period.csv",
            ["month", "median days to sales-ready", "leads"],
            figures.nurture_trend(),
        )


# Dashboard panels ------------------------------------------------------------------------------


class InsightPanel(Component):
    """The publication at a glance, for editors and sales, on the Wagtail home."""

    name = "masthead_insight"
    template_name = "insight/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        published, planned = figures.published_vs_planned()
        trend = figures.nurture_trend()
        ready = figures.sales_ready_this_week()
        report = figures.upcoming_gaps()
        return {
            "published": published,
            "planned": planned,
            "month": timezone.localdate().strftime("%B %Y"),
            "ready_count": ready.count(),
            "ready": ready[:5],
            "trend": trend,
            "trend_chart": charts.line_chart(
                [(label, days) for label, days, _ in trend],
                notes={label: f"{count} lead{pluralize(count)}" for label, _, count in trend},
            ),
            "gaps": report,
            "empty_cells": report.empty_cells,
            "cells": len(report.stages) * len(report.personas),
            "outcomes": figures.crm_outcomes(),
            "can_work_leads": parent_context["request"].user.has_perm("audience.work_lead"),
        }


# Reader surveys --------------------------------------------------------------------------------


class SurveyResultsView(generic.InspectView):
    template_name = "insight/survey_results.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            survey = self.get_object()
            return charts.csv_response(
                f"survey-{survey.pk}.csv", ["answer", "readers"], survey.results()
            )
        return super().get(request, *args, **kwargs)

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = self.object.results()
        context.update(
            survey=self.object,
            results=results,
            total=sum(count for _, count in results),
            chart=charts.bar_chart(results),
            can_plan=self.request.user.has_perm("calendar.add_calendarentry"),
        )
        return context


class PlanSurveyAnswerView(View):
    """Turn a survey answer into an idea in the calendar's backlog."""

    def post(self, request, pk, choice):
        if not request.user.has_perm("calendar.add_calendarentry"):
            raise PermissionDenied
        survey = get_object_or_404(ReaderSurvey, pk=pk)
        results = survey.results()
        if choice >= len(results):
            messages.error(request, "That answer is not part of this survey.")
            return redirect("reader_surveys:inspect", pk)
        answer, count = results[choice]
        total = sum(number for _, number in results)
        entry = CalendarEntry.objects.create(
            title=f"Readers asked: {answer}"[:200],
            brief=f"From the reader survey “{survey.question}”: {count} of {total} readers chose "
            f"“{answer}”.",
            owner=request.user,
        )
        entry.topics.set({topic for page in survey.pages.all() for topic in page.topics.all()})
        messages.success(request, f"“{entry.title}” is in the ideas backlog.")
        return redirect("calendar:edit", entry.pk)


class ReaderSurveyViewSet(ModelViewSet):
    """One-question surveys shown in place of the subscribe offer on chosen assets."""

    model = ReaderSurvey
    icon = "help"
    menu_label = "Reader surveys"
    url_prefix = "reader-surveys"
    name = "reader_surveys"
    add_to_admin_menu = False
    inspect_view_enabled = True
    inspect_view_class = SurveyResultsView
    copy_view_enabled = False
    list_display = ["question", YesNoColumn("active", label="Active"), "created_at"]
    form_fields = ["question", "choices", "pages", "active"]

    def get_urlpatterns(self):
        from django.urls import path

        return [
            *super().get_urlpatterns(),
            path("<int:pk>/plan/<int:choice>/", PlanSurveyAnswerView.as_view(), name="plan"),
        ]
