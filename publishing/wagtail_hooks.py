from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import deck_views, insight_views, views
from .filters import CalendarEntryFilterSet
from .models import CalendarEntry, DeckTemplate, Message, SalesDeck


class CalendarEntryViewSet(ModelViewSet):
    """The editorial calendar: the grid first, then the entries' listing and forms."""

    model = CalendarEntry
    icon = "date"
    menu_label = "Calendar"
    menu_order = 120
    add_to_admin_menu = True
    url_prefix = "calendar"
    filterset_class = CalendarEntryFilterSet
    list_display = [
        "title",
        Column("stage", label="Stage"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("owner", label="Owner"),
        DateColumn("publish_at", label="Planned", sort_key="publish_at"),
    ]
    add_view_class = views.CalendarEntryCreateView
    edit_view_class = views.CalendarEntryEditView
    search_fields = ["title", "brief"]
    ordering = ["publish_at"]

    @cached_property
    def calendar_view(self):
        return views.CalendarView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            path("", self.calendar_view, name="calendar"),
            path("events/", views.EventsView.as_view(viewset=self), name="events"),
            path("gaps/", views.GapsView.as_view(viewset=self), name="gaps"),
            path("export/", views.ExportView.as_view(viewset=self), name="export"),
            path("import/", views.ImportView.as_view(viewset=self), name="import"),
            path("feed/", views.FeedAddressView.as_view(viewset=self), name="feed"),
            path("shift/", views.ShiftView.as_view(viewset=self), name="shift"),
            path(
                "reschedule/<int:pk>/",
                views.RescheduleView.as_view(viewset=self),
                name="reschedule",
            ),
            path(
                "create-draft/<int:pk>/",
                views.CreateDraftView.as_view(viewset=self),
                name="create_draft",
            ),
            path(
                "field-notes/<int:pk>/plan/",
                views.PlanFieldNoteView.as_view(viewset=self),
                name="plan_field_note",
            ),
            *(
                path(f"entries/{pattern.pattern}", pattern.callback, name=pattern.name)
                for pattern in super().get_urlpatterns()
            ),
        ]

    def get_edit_url(self, entry):
        return reverse(self.get_url_name("edit"), args=[entry.pk])


calendar_viewset = CalendarEntryViewSet("calendar")


@hooks.register("register_admin_viewset")
def register_calendar():
    return calendar_viewset


class MessageViewSet(SnippetViewSet):
    """The company's core story: drafts, revisions, compare, locking, preview, workflow, scheduling."""

    model = Message
    icon = "openquote"
    menu_label = "Messages"
    url_prefix = "messages"
    list_display = ["name", "headline", UpdatedAtColumn(), LiveStatusTagColumn()]
    list_filter = ["live"]
    search_fields = ["name", "headline"]


class DeckActionsColumn(Column):
    cell_template_name = "publishing/cells/deck_actions.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["can_edit"] = parent_context["request"].user.has_perm("publishing.change_salesdeck")
        return context


class SalesDeckViewSet(SnippetViewSet):
    """Decks built from messages and assets; sales download the current .pptx from here."""

    model = SalesDeck
    icon = "doc-full"
    menu_label = "Sales decks"
    url_prefix = "decks"
    list_display = [
        "title",
        "audience",
        Column("is_draft", label="Draft"),
        DeckActionsColumn("files", label="Files"),
    ]
    search_fields = ["title"]


class DeckTemplateViewSet(SnippetViewSet):
    model = DeckTemplate
    icon = "image"
    menu_label = "Brand template"
    url_prefix = "deck-templates"
    list_display = ["name", "file", "uploaded_at"]
    copy_view_enabled = False


class MessagesGroup(SnippetViewSetGroup):
    """One message, everywhere: the messages, the decks drawn from them, and the brand template."""

    items = (MessageViewSet, SalesDeckViewSet, DeckTemplateViewSet)
    menu_icon = "openquote"
    menu_label = "Messages & decks"
    menu_name = "messages"
    menu_order = 140


register_snippet(MessagesGroup)


@hooks.register("register_admin_urls")
def register_deck_urls():
    return [
        path("deck-check/", deck_views.DeckCheckView.as_view(), name="deck_check"),
        path(
            "message-consistency/",
            deck_views.ConsistencyReportView.as_view(),
            name="message_consistency",
        ),
        path(
            "decks/<int:pk>/draft-preview/",
            deck_views.DeckPreviewView.as_view(),
            name="deck_preview",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_deck_check_menu_item():
    return PermissionMenuItem(
        "Is my deck current?",
        reverse("deck_check"),
        icon_name="doc-full",
        order=145,
        permission="publishing.view_salesdeck",
    )


@hooks.register("register_reports_menu_item")
def register_consistency_report_menu_item():
    return PermissionMenuItem(
        "Message consistency",
        reverse("message_consistency"),
        icon_name="tasks",
        order=900,
        permission="publishing.change_message",
    )


@hooks.register("register_admin_urls")
def register_insight_urls():
    return [
        path("reports/coverage/", insight_views.HeatmapView.as_view(), name="coverage_heatmap"),
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
        permission="buyingstages.view_readersurvey",
    )


@hooks.register("construct_homepage_panels")
def add_insight_panel(request, panels):
    if request.user.has_perm(insight_views.INSIGHT):
        panels.append(insight_views.InsightPanel())
