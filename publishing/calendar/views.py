"""Admin views of the editorial calendar: the grid, its JSON feeds and the planning actions."""

import datetime
import hashlib
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import CreateView, EditView, WagtailAdminTemplateMixin

from buyingstages.library.models import AssetIndexPage
from buyingstages.sales.models import FieldNote
from buyingstages.taxonomy.models import Campaign
from publishing.calendar import exchange, gaps
from publishing.calendar.filters import CalendarEntryFilterSet
from publishing.calendar.models import (
    CalendarEntry,
    CalendarFeedToken,
    CalendarShareLink,
    EntryStatus,
)
from publishing.calendar.notifications import notify_assignment

MAX_JSON_BODY = 2_000
MAX_SHIFT_DAYS = 366
MAX_IMPORT_BYTES = 2_000_000
DEFAULT_PUBLISH_TIME = datetime.time(9, 0)


def json_error(message, status):
    return JsonResponse({"error": message}, status=status)


def read_json(request):
    """The request's JSON object, or None if it is not a small JSON object."""
    if len(request.body) > MAX_JSON_BODY:
        return None
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def parse_day(value):
    """A date from "YYYY-MM-DD" (a longer ISO datetime is cut to its date), or None."""
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value[:10])
    except ValueError:
        return None


def parse_id(value):
    """A positive whole number from text, or None."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def at_publish_time(day, current):
    """Keep the time of day of the current plan when moving it to another day."""
    time = timezone.localtime(current).time() if current else DEFAULT_PUBLISH_TIME
    return timezone.make_aware(datetime.datetime.combine(day, time))


class CalendarViewMixin:
    """Views built by CalendarEntryViewSet, which passes itself in as `viewset`."""

    viewset = None
    permission_required = "view"

    def dispatch(self, request, *args, **kwargs):
        policy = self.viewset.permission_policy
        if not policy.user_has_permission(request.user, self.permission_required):
            return self.permission_denied()
        return super().dispatch(request, *args, **kwargs)

    def permission_denied(self):
        raise PermissionDenied

    def filterset(self, queryset):
        return CalendarEntryFilterSet(
            self.request.GET or None, queryset=queryset, request=self.request
        )


class JSONEndpointMixin(CalendarViewMixin):
    def permission_denied(self):
        return json_error(
            f"You do not have permission to {self.permission_required} the calendar.", 403
        )


class CalendarView(CalendarViewMixin, WagtailAdminTemplateMixin, TemplateView):
    """Month, week and list views of the plan, with the ideas backlog beside them."""

    page_title = "Editorial calendar"
    header_icon = "date"
    template_name = "calendar/calendar.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset(CalendarEntry.objects.backlog().with_calendar_data())
        policy = self.viewset.permission_policy
        context.update(
            filterset=filterset,
            backlog=filterset.qs.order_by("-created_at")[:200],
            field_notes=FieldNote.objects.unplanned()
            .select_related("author")
            .prefetch_related("topics")[:50],
            can_change=policy.user_has_permission(self.request.user, "change"),
            can_add=policy.user_has_permission(self.request.user, "add"),
            viewset=self.viewset,
        )
        return context


class EventsView(JSONEndpointMixin, View):
    """Entries planned between ?start= and ?end=, as FullCalendar event objects."""

    def get(self, request):
        start, end = parse_day(request.GET.get("start")), parse_day(request.GET.get("end"))
        if not start or not end or end <= start or (end - start).days > 400:
            return json_error("Give start and end dates (YYYY-MM-DD), at most 400 days apart.", 400)
        entries = self.filterset(
            CalendarEntry.objects.planned_on_days(start, end).with_status_data()
        ).qs
        edit_url = reverse(self.viewset.get_url_name("edit"), args=[0]).removesuffix("0/")
        today = timezone.localdate()
        return JsonResponse(
            [self.as_event(entry, edit_url, today) for entry in entries], safe=False
        )

    def as_event(self, entry, edit_url, today=None):
        stage = entry.stage
        status = entry.effective_status
        warnings = entry.warnings(today, check_revisions=False)
        prefix = "Open slot: " if entry.is_open_slot else ("⚠ " if warnings else "")
        return {
            "id": str(entry.pk),
            "title": prefix + entry.title,
            "start": timezone.localtime(entry.publish_at).date().isoformat(),
            "allDay": True,
            # A campaign's colour borders the entry; the stage still fills it.
            **({"borderColor": entry.campaign.colour} if entry.campaign else {}),
            "classNames": [
                f"stage-{stage.sort_order}" if stage else "stage-none",
                f"status-{status}",
                *(["open-slot"] if entry.is_open_slot else []),
                *(["has-warnings"] if warnings else []),
                *(["has-campaign"] if entry.campaign else []),
            ],
            "url": entry.page.url if status == EntryStatus.PUBLISHED else f"{edit_url}{entry.pk}/",
            "extendedProps": {
                "version": entry.version,
                "stage": stage.name if stage else "",
                "campaign": entry.campaign.name if entry.campaign else "",
                "status": status,
                "owner": entry.owner.get_username() if entry.owner else "",
                "openSlot": entry.is_open_slot,
                "warnings": warnings,
                "pageUrl": entry.page.url if entry.page and entry.page.live else "",
            },
        }


class RescheduleView(JSONEndpointMixin, View):
    """Move an entry's plan to another day or back to the backlog. Never touches the page."""

    permission_required = "change"

    def post(self, request, pk):
        data = read_json(request)
        if data is None:
            return json_error(
                'Send a JSON object: {"date": "YYYY-MM-DD" or null, "version": n}.', 400
            )
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            return json_error('"version" must be the entry\'s version number.', 400)
        day = None
        if data.get("date") is not None:
            day = parse_day(data["date"])
            if day is None:
                return json_error('"date" must be a real date as YYYY-MM-DD, or null.', 400)
        entry = CalendarEntry.objects.filter(pk=pk).first()
        if entry is None:
            return json_error("No such calendar entry.", 404)
        previous = entry.publish_at
        publish_at = at_publish_time(day, previous) if day else None
        if not entry.reschedule(publish_at, version):
            entry.refresh_from_db()
            return JsonResponse(
                {
                    "error": "Someone else changed this entry meanwhile. Reload to see their change.",
                    "version": entry.version,
                },
                status=409,
            )
        return JsonResponse(
            {
                "id": entry.pk,
                "version": entry.version,
                "date": timezone.localtime(publish_at).date().isoformat() if publish_at else None,
                "previousDate": timezone.localtime(previous).date().isoformat()
                if previous
                else None,
            }
        )


class ShiftView(JSONEndpointMixin, View):
    """Shift every entry planned on or after a day by N days (a slipped campaign)."""

    permission_required = "change"

    def post(self, request):
        data = read_json(request)
        day = parse_day(data.get("from")) if data else None
        days = data.get("days") if data else None
        if day is None or not isinstance(days, int) or isinstance(days, bool):
            return json_error('Send {"from": "YYYY-MM-DD", "days": n}.', 400)
        if days == 0 or abs(days) > MAX_SHIFT_DAYS:
            return json_error(
                f'"days" must be between -{MAX_SHIFT_DAYS} and {MAX_SHIFT_DAYS}, not 0.', 400
            )
        moved = CalendarEntry.objects.shift_from(day, days)
        return JsonResponse({"moved": moved})


class GapsView(CalendarViewMixin, TemplateView):
    """The coverage report for the period the calendar shows."""

    template_name = "calendar/includes/gaps.html"

    def get(self, request, *args, **kwargs):
        start, end = parse_day(request.GET.get("start")), parse_day(request.GET.get("end"))
        if not start or not end or end <= start or (end - start).days > 400:
            return json_error("Give start and end dates (YYYY-MM-DD), at most 400 days apart.", 400)
        campaign = None
        if request.GET.get("campaign"):
            campaign = Campaign.objects.filter(pk=parse_id(request.GET["campaign"])).first()
            if campaign is None:
                return json_error("No such campaign.", 400)
        return self.render_to_response({"report": gaps.coverage(start, end, campaign)})


class CreateDraftView(CalendarViewMixin, View):
    """Turn an entry into a draft asset page carrying its stage, personas, topics and format."""

    permission_required = "change"

    def post(self, request, pk):
        entry = get_object_or_404(CalendarEntry, pk=pk)
        edit_url = self.viewset.get_edit_url(entry)
        if entry.page_id:
            return redirect("wagtailadmin_pages:edit", entry.page_id)
        library = AssetIndexPage.objects.first()
        missing = [
            label
            for label, value in (("a stage", entry.stage), ("a format", entry.format))
            if not value
        ]
        if library is None:
            missing.append("an asset library page to put it in")
        if missing:
            messages.error(request, f"To create a draft, the entry needs {' and '.join(missing)}.")
            return redirect(edit_url)
        if not library.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        page = entry.create_draft_page(library, request.user)
        messages.success(request, f"Draft page “{page.title}” created from the calendar entry.")
        return redirect("wagtailadmin_pages:edit", page.pk)


class PlanFieldNoteView(CalendarViewMixin, View):
    """Turn a salesperson's field note into an idea in the backlog."""

    permission_required = "add"

    def post(self, request, pk):
        note = get_object_or_404(FieldNote.objects.unplanned(), pk=pk)
        entry = CalendarEntry.from_field_note(note, owner=request.user)
        messages.success(
            request, f"“{entry.title}” is in the ideas backlog. Give it a stage and a date."
        )
        return redirect(self.viewset.get_edit_url(entry))


class ShareLinkForm(forms.Form):
    label = forms.CharField(max_length=120, label="Who is it for?")
    days = forms.IntegerField(min_value=1, max_value=90, initial=14, label="Expires after (days)")


class FeedAddressView(CalendarViewMixin, WagtailAdminTemplateMixin, TemplateView):
    """Private addresses for the plan: the user's ICS feed, and editors' expiring share links."""

    page_title = "Subscribe and share"
    header_icon = "link"
    template_name = "calendar/feed_address.html"

    def get_breadcrumbs_items(self):
        calendar = {
            "url": reverse(self.viewset.get_url_name("calendar")),
            "label": "Editorial calendar",
        }
        return [*self.breadcrumbs_items, calendar, {"url": "", "label": self.page_title}]

    @property
    def can_share(self):
        return self.viewset.permission_policy.user_has_permission(self.request.user, "change")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            token=CalendarFeedToken.objects.active().filter(user=self.request.user).first(),
            can_share=self.can_share,
            share_form=kwargs.get("share_form") or ShareLinkForm(),
            share_links=CalendarShareLink.objects.active() if self.can_share else [],
        )
        return context

    def post(self, request):
        if "share" in request.POST or "revoke_share" in request.POST:
            return self.post_share(request)
        if "revoke" in request.POST:
            CalendarFeedToken.objects.active().filter(user=request.user).update(
                revoked_at=timezone.now()
            )
            messages.success(request, "Your calendar feed address is revoked; it no longer works.")
            return redirect(self.viewset.get_url_name("feed"))
        _, secret = CalendarFeedToken.issue(request.user)
        context = self.get_context_data()
        context["feed_url"] = request.build_absolute_uri(
            reverse("calendar_feed", kwargs={"token": secret})
        )
        return self.render_to_response(context)

    def post_share(self, request):
        """Create a read-only share link (shown once) or revoke one; editors only."""
        if not self.can_share:
            raise PermissionDenied
        revoke = request.POST.get("revoke_share", "")
        if revoke:
            if revoke.isdigit():
                CalendarShareLink.objects.filter(pk=int(revoke)).update(revoked_at=timezone.now())
            messages.success(request, "The share link no longer works.")
            return redirect(self.viewset.get_url_name("feed"))
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            response = self.render_to_response(self.get_context_data(share_form=form))
            response.status_code = 400
            return response
        _, secret = CalendarShareLink.issue(
            form.cleaned_data["label"], form.cleaned_data["days"], request.user
        )
        context = self.get_context_data()
        context["share_url"] = request.build_absolute_uri(
            reverse("shared_calendar", kwargs={"token": secret})
        )
        return self.render_to_response(context)


class NotifyNewOwnerMixin:
    """E-mail the owner when a save gives the entry a new one."""

    previous_owner_id = None

    def get_object(self, queryset=None):
        entry = super().get_object(queryset)
        self.previous_owner_id = entry.owner_id  # before the form writes the new owner onto it
        return entry

    def save_instance(self):
        instance = super().save_instance()
        if instance.owner_id and instance.owner_id != self.previous_owner_id:
            notify_assignment(instance, assigned_by=self.request.user)
        return instance


class CalendarEntryCreateView(NotifyNewOwnerMixin, CreateView):
    pass


class CalendarEntryEditView(NotifyNewOwnerMixin, EditView):
    """The entry form, with its page, its real status and any warnings above it."""

    template_name = "calendar/calendar_entry_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry_warnings"] = self.object.warnings()
        context["create_draft_url"] = reverse("calendar:create_draft", args=[self.object.pk])
        return context


class ExportView(CalendarViewMixin, View):
    """The entries the calendar's filters select, as CSV that imports back as updates."""

    def get(self, request):
        entries = self.filterset(
            CalendarEntry.objects.with_calendar_data().order_by("publish_at", "pk")
        ).qs
        response = HttpResponse(
            exchange.export_entries(entries), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="editorial-calendar.csv"'
        return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Saved as CSV by Excel, LibreOffice or Google Sheets; the first row names the columns.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB."
            )
        return upload


class ImportView(CalendarViewMixin, WagtailAdminTemplateMixin, FormView):
    """Import entries from a CSV file: upload, preview every line, then Apply all or nothing.

    The previewed file travels to Apply signed in the page, so no upload is kept on the server,
    and Apply plans it again against the calendar as it is by then.
    """

    permission_required = "add"
    page_title = "Import calendar entries"
    header_icon = "upload"
    template_name = "calendar/import.html"
    form_class = ImportForm
    applied_session_key = "calendar_imports_applied"

    @property
    def can_change(self):
        policy = self.viewset.permission_policy
        return policy.user_has_permission(self.request.user, "change")

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=exchange.COLUMNS, **kwargs)

    def post(self, request, *args, **kwargs):
        if "preview" in request.POST:
            return self.apply(request.POST["preview"])
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            plan = exchange.plan_import(
                form.cleaned_data["file"].read(), can_change=self.can_change
            )
            token = exchange.sign_preview(plan, self.request.user) if plan.can_apply else ""
        except exchange.CSVFileError as error:
            return self.refuse(str(error))
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(), plan=plan, token=token),
            status=400 if plan.refused else 200,
        )

    def apply(self, token):
        applied = self.request.session.get(self.applied_session_key, [])
        digest = hashlib.sha256(token.encode()).hexdigest()
        if digest in applied:
            return self.refuse("This file was imported already.", status=409)
        try:
            plan = exchange.apply_preview(token, self.request.user, can_change=self.can_change)
        except exchange.CSVFileError as error:
            return self.refuse(str(error))
        except exchange.OutdatedPreview as outdated:
            plan = outdated.plan
            token = exchange.sign_preview(plan, self.request.user) if plan.can_apply else ""
            context = self.get_context_data(
                form=self.get_form_class()(), plan=plan, token=token, outdated=True
            )
            return self.render_to_response(context, status=409)
        self.request.session[self.applied_session_key] = [*applied[-9:], digest]
        messages.success(
            self.request,
            f"Imported: {len(plan.created)} entries created, {len(plan.updated)} updated.",
        )
        return redirect(self.viewset.get_url_name("calendar"))

    def refuse(self, error, status=400):
        context = self.get_context_data(form=self.get_form_class()(), errors=[error])
        return self.render_to_response(context, status=status)
