from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from buyingstages.common.admin import YesNoColumn
from publishing.calendar import views
from publishing.calendar.filters import CalendarEntryFilterSet
from publishing.calendar.models import CalendarEntry, EntryType, Status


class PlannedColumn(Column):
    """The planned day and time in the site's locale, as the calendar shows it: never "Just now"."""

    cell_template_name = "calendar/includes/planned_cell.html"


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
        Column("entry_type", label="Type"),
        Column("status", label="Status", accessor="get_effective_status_display"),
        Column("owner", label="Owner"),
        PlannedColumn("publish_at", label="Planned", sort_key="publish_at"),
    ]
    add_view_class = views.CalendarEntryCreateView
    edit_view_class = views.CalendarEntryEditView
    search_fields = ["title", "brief"]
    ordering = ["publish_at"]

    def get_queryset(self, request):
        return CalendarEntry.objects.select_related(
            "stage", "owner", "status", "entry_type", "page"
        )

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
                "occurrences/<int:pk>/",
                views.OccurrenceView.as_view(viewset=self),
                name="occurrence",
            ),
            path("comments/<int:pk>/", views.CommentView.as_view(viewset=self), name="comment"),
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


class EntryTypeViewSet(ModelViewSet):
    """The kinds of work a team plans, and what each needs; editors add their own."""

    model = EntryType
    icon = "tag"
    menu_label = "Calendar entry types"
    add_to_settings_menu = True
    url_prefix = "calendar-types"
    list_display = [
        "name",
        YesNoColumn("makes_asset_page", label="Makes an asset page"),
        YesNoColumn("needs_start_time", label="Needs a start time"),
        YesNoColumn("needs_network", label="Needs a network"),
    ]
    delete_view_class = views.InUseDeleteView
    form_fields = [
        "name", "slug", "sort_order", "makes_asset_page", "needs_page", "needs_start_time",
        "needs_registration_page", "needs_network", "needs_post_text",
    ]  # fmt: skip


class StatusViewSet(ModelViewSet):
    """A team's statuses, in their order, each mapped onto a stage of the work."""

    model = Status
    icon = "tasks"
    menu_label = "Calendar statuses"
    add_to_settings_menu = True
    url_prefix = "calendar-statuses"
    list_display = ["name", "work_stage", "sort_order"]
    delete_view_class = views.InUseDeleteView
    form_fields = ["name", "slug", "work_stage", "sort_order"]


calendar_viewset = CalendarEntryViewSet("calendar")


@hooks.register("register_admin_viewset")
def register_calendar():
    return [
        calendar_viewset,
        EntryTypeViewSet("calendar_types"),
        StatusViewSet("calendar_statuses"),
    ]
