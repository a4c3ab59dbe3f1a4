"""Admin views of the editorial calendar: the grid, its JSON feeds and the planning actions."""

import datetime
import hashlib
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError, Q
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.models import Page

from buyingstages.library.models import AssetIndexPage
from buyingstages.sales.models import FieldNote
from buyingstages.taxonomy.models import Campaign
from publishing.calendar import exchange, gaps, recurrence
from publishing.calendar.filters import CalendarEntryFilterSet
from publishing.calendar.models import (
    CalendarEntry,
    CalendarFeedToken,
    CalendarShareLink,
    EntryComment,
    Repeat,
    WorkStage,
    start_of_day,
)
from publishing.calendar.notifications import notify_assignment, notify_mentions

MAX_JSON_BODY = 2_000
MAX_SHIFT_DAYS = 366
MAX_IMPORT_BYTES = 2_000_000
DEFAULT_PUBLISH_TIME = datetime.time(9, 0)
SHIFT_PREVIEW_ROWS = 50
# What an event never shows, left unread: the month view reads every entry in its window, and
# these are long texts and bookkeeping the grid has no place for.
EVENT_UNUSED_FIELDS = (
    "uid", "brief", "post_text", "registration_url", "network", "length", "channel", "created_at",
    "updated_at", "field_note",
)  # fmt: skip
SHIFT_UNDO_SESSION_KEY = "calendar_shift_undo"


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

    def can(self, action):
        return self.viewset.permission_policy.user_has_permission(self.request.user, action)

    # The actions sit in the page's header, as in every Wagtail listing, so the grid starts higher.
    def get_header_buttons(self):
        buttons = super().get_header_buttons()
        if self.can("add"):
            new_entry = HeaderButton("New entry", url=reverse("calendar:add"), icon_name="plus")
            buttons.insert(0, new_entry)
        return buttons

    def get_header_more_buttons(self):
        query = self.request.GET.urlencode()
        buttons = [
            Button("All entries", url=reverse("calendar:index"), icon_name="list-ul", priority=10),
            Button("Subscribe (ICS)", url=reverse("calendar:feed"), icon_name="date", priority=20),
            Button(
                "Export CSV",
                url=reverse("calendar:export") + (f"?{query}" if query else ""),
                icon_name="download",
                priority=30,
            ),
        ]
        if self.can("add"):
            buttons.append(
                Button(
                    "Import CSV", url=reverse("calendar:import"), icon_name="upload", priority=40
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset(CalendarEntry.objects.backlog().with_calendar_data())
        context.update(
            filterset=filterset,
            backlog=filterset.qs.order_by("-created_at")[:200],
            field_notes=FieldNote.objects.unplanned()
            .select_related("author")
            .prefetch_related("topics")[:50],
            can_change=self.can("change"),
            can_add=self.can("add"),
            viewset=self.viewset,
        )
        return context


class EventsView(JSONEndpointMixin, View):
    """What the calendar shows between ?start= and ?end=, as FullCalendar event objects: entries
    (each occurrence of a repeating one inside the window), and, unless a filter is on, pages
    scheduled or published in Wagtail that no entry plans, read-only."""

    def get(self, request):
        start, end = parse_day(request.GET.get("start")), parse_day(request.GET.get("end"))
        if not start or not end or end <= start or (end - start).days > 400:
            return json_error("Give start and end dates (YYYY-MM-DD), at most 400 days apart.", 400)
        filterset = self.filterset(
            CalendarEntry.objects.in_window(start, end)
            .with_event_data()
            .defer(*EVENT_UNUSED_FIELDS)
        )
        edit_url = reverse(self.viewset.get_url_name("edit"), args=[0]).removesuffix("0/")
        today = timezone.localdate()
        events = []
        for entry in CalendarEntry.attach_plan_data(list(filterset.qs)):
            found = recurrence.occurrences(entry, start, end, entry.plan_changes)
            if not found:
                continue
            event = self.as_event(entry, edit_url, today, found[0])
            events.append(event)
            events.extend(self.at_occurrence(event, entry, occurrence) for occurrence in found[1:])
        if not any(request.GET.get(name) for name in filterset.filters):
            events.extend(page_items(start, end))
        return JsonResponse(events, safe=False)

    @staticmethod
    def at_occurrence(event, entry, occurrence):
        """Another occurrence of a repeating entry's event: only its id, day and series day differ."""
        local = timezone.localtime(occurrence.start)
        return {
            **event,
            "id": f"{entry.pk}:{occurrence.original}",
            "start": local.replace(tzinfo=None).isoformat()
            if entry.start_time
            else local.date().isoformat(),
            "extendedProps": {
                **event["extendedProps"],
                "occurrence": occurrence.original.isoformat(),
            },
        }

    def as_event(self, entry, edit_url, today=None, occurrence=None):
        stage = entry.stage
        status = entry.work_stage
        warnings = entry.warnings(today, check_revisions=False)
        prefix = "Open slot: " if entry.is_open_slot else ("⚠ " if warnings else "")
        moment = occurrence.start if occurrence else entry.publish_at
        local = timezone.localtime(moment)
        timed = entry.start_time is not None
        event_id = f"{entry.pk}:{occurrence.original}" if entry.repeat else str(entry.pk)
        return {
            "id": event_id,
            "title": prefix + entry.title,
            "start": local.replace(tzinfo=None).isoformat() if timed else local.date().isoformat(),
            "allDay": not timed,
            # A campaign's colour borders the entry; the stage still fills it.
            **({"borderColor": entry.campaign.colour} if entry.campaign else {}),
            "classNames": [
                f"stage-{stage.sort_order}" if stage else "stage-none",
                f"status-{status}",
                *([f"type-{entry.entry_type.slug}"] if entry.entry_type else []),
                *(["recurring"] if entry.repeat else []),
                *(["open-slot"] if entry.is_open_slot else []),
                *(["has-warnings"] if warnings else []),
                *(["has-campaign"] if entry.campaign else []),
            ],
            "url": entry.page.url
            if status == WorkStage.PUBLISHED and entry.page
            else f"{edit_url}{entry.pk}/",
            "extendedProps": {
                "entryId": entry.pk,
                "version": entry.version,
                "stage": stage.name if stage else "",
                "campaign": entry.campaign.name if entry.campaign else "",
                "status": status,
                "statusName": entry.get_effective_status_display(),
                "type": entry.entry_type.name if entry.entry_type else "",
                "owner": entry.owner.get_username() if entry.owner else "",
                "openSlot": entry.is_open_slot,
                "warnings": warnings,
                "pageUrl": entry.page.url if entry.page and entry.page.live else "",
                "occurrence": occurrence.original.isoformat() if entry.repeat else "",
                "repeat": recurrence.describe(entry),
            },
        }


def page_items(start, end):
    """Pages going live or first published in [start, end) that no entry plans: one query."""
    first, last = start_of_day(start), start_of_day(end)
    pages = (
        Page.objects.filter(depth__gt=1, calendar_entries__isnull=True)
        .filter(
            Q(live=False, go_live_at__gte=first, go_live_at__lt=last)
            | Q(first_published_at__gte=first, first_published_at__lt=last)
        )
        .only("pk", "title", "live", "go_live_at", "first_published_at")
        .order_by("pk")
    )
    items = []
    for page in pages:
        scheduled = not page.live and page.go_live_at and first <= page.go_live_at < last
        moment = page.go_live_at if scheduled else page.first_published_at
        items.append(
            {
                "id": f"page-{page.pk}",
                "title": page.title,
                "start": timezone.localtime(moment).date().isoformat(),
                "allDay": True,
                "editable": False,
                "classNames": [
                    "page-item",
                    f"status-{WorkStage.SCHEDULED if scheduled else WorkStage.PUBLISHED}",
                ],
                "url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "extendedProps": {
                    "readOnly": True,
                    "status": WorkStage.SCHEDULED if scheduled else WorkStage.PUBLISHED,
                    "statusName": "Scheduled in Wagtail" if scheduled else "Published in Wagtail",
                    "warnings": [],
                },
            }
        )
    return items


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
        if entry.repeat:
            # Moving the whole series, or sending it to the backlog (a series needs a start),
            # is a change to the series: its form checks it. The grid moves one occurrence.
            return json_error(
                "This entry repeats: drag one occurrence to move it, or change the series "
                "on the entry's page.",
                400,
            )
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
    """Shift every entry planned on or after a day by N days (a slipped campaign).

    {"preview": true} only says what would move, and which month-end series stay on the months'
    ends; {"undo": true} moves back the entries the person's last shift moved, and only those.
    """

    permission_required = "change"

    def post(self, request):
        data = read_json(request)
        if data is not None and data.get("undo") is True:
            return self.undo(request)
        day = parse_day(data.get("from")) if data else None
        days = data.get("days") if data else None
        if day is None or not isinstance(days, int) or isinstance(days, bool):
            return json_error('Send {"from": "YYYY-MM-DD", "days": n}.', 400)
        if days == 0 or abs(days) > MAX_SHIFT_DAYS:
            return json_error(
                f'"days" must be between -{MAX_SHIFT_DAYS} and {MAX_SHIFT_DAYS}, not 0.', 400
            )
        planned = CalendarEntry.objects.planned_from(day).order_by("publish_at", "pk")
        entries = planned.exclude(repeat=Repeat.MONTHLY_LAST_DAY)
        if data.get("preview") is True:
            staying = planned.filter(repeat=Repeat.MONTHLY_LAST_DAY).values_list("title", flat=True)
            return JsonResponse({**self.preview(entries, days), "staying": list(staying)})
        ids = list(entries.values_list("pk", flat=True))
        moved = CalendarEntry.objects.filter(pk__in=ids).shift(days)
        request.session[SHIFT_UNDO_SESSION_KEY] = {"ids": ids, "days": days}
        return JsonResponse({"moved": moved, "canUndo": bool(ids)})

    def preview(self, entries, days):
        delta = datetime.timedelta(days=days)
        rows = [
            {
                "title": title,
                "from": timezone.localtime(publish_at).date().isoformat(),
                "to": timezone.localtime(publish_at + delta).date().isoformat(),
                "repeats": bool(repeat),
            }
            for title, publish_at, repeat in entries.values_list("title", "publish_at", "repeat")[
                :SHIFT_PREVIEW_ROWS
            ]
        ]
        return {"count": entries.count(), "entries": rows}

    def undo(self, request):
        last = request.session.pop(SHIFT_UNDO_SESSION_KEY, None)
        if not last:
            return json_error("There is no shift to undo.", 409)
        moved = CalendarEntry.objects.filter(pk__in=last["ids"]).shift(-last["days"])
        return JsonResponse({"moved": moved, "undone": True})


class OccurrenceView(JSONEndpointMixin, View):
    """Move or skip one occurrence of a repeating entry, or put it back where the series has it.

    JSON from the grid ({"date": the occurrence's series day, "to": a day or null}, or
    {"date": ..., "skip": true}), or a form from the entry's page (date, action=skip|restore).
    """

    permission_required = "change"

    def post(self, request, pk):
        is_form = request.content_type != "application/json"
        data = request.POST.dict() if is_form else read_json(request)
        if data is None:
            return json_error('Send {"date": "YYYY-MM-DD", "to": "YYYY-MM-DD"} or "skip".', 400)
        entry = CalendarEntry.objects.filter(pk=pk).first()
        if entry is None:
            return json_error("No such calendar entry.", 404)
        if not entry.repeat:
            return json_error("This entry does not repeat; move the entry itself.", 400)
        original = parse_day(data.get("date"))
        if original is None or not recurrence.is_occurrence(entry, original):
            return json_error('"date" must be a day this entry repeats on (YYYY-MM-DD).', 400)
        action = data.get("action") if is_form else ("skip" if data.get("skip") is True else "move")
        to = parse_day(data.get("to")) if action == "move" else None
        if action not in ("skip", "restore", "move") or (action == "move" and to is None):
            return json_error('Say where it moves ("to": "YYYY-MM-DD"), or skip it.', 400)
        if action == "move":
            previous = entry.move_occurrence(original, to)
        elif action == "skip":
            previous = entry.skip_occurrence(original)
        else:
            previous = entry.restore_occurrence(original)
        if is_form:
            done = {"skip": "skipped", "restore": "back on its day"}.get(action, "moved")
            messages.success(request, f"The occurrence on {original:%-d %b %Y} is {done}.")
            return redirect(self.viewset.get_edit_url(entry))
        return JsonResponse(
            {
                "id": entry.pk,
                "version": entry.version,
                "occurrence": original.isoformat(),
                "date": to.isoformat() if to else None,
                "previousDate": previous.isoformat(),
            }
        )


class CommentView(CalendarViewMixin, View):
    """Add an editorial comment to an entry; the people it @mentions are told by e-mail."""

    permission_required = "change"

    def post(self, request, pk):
        entry = get_object_or_404(CalendarEntry, pk=pk)
        text = request.POST.get("text", "").strip()
        limit = EntryComment._meta.get_field("text").max_length
        if not text or len(text) > limit:
            return HttpResponseBadRequest(
                f"Write a comment of 1 to {limit} characters.", content_type="text/plain"
            )
        comment = EntryComment.objects.create(entry=entry, author=request.user, text=text)
        told = notify_mentions(comment)
        names = ", ".join(person.get_username() for person in told)
        messages.success(request, "Comment added." + (f" Told {names}." if names else ""))
        return redirect(self.viewset.get_edit_url(entry) + "#comments")


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
        if entry.entry_type and not entry.entry_type.makes_asset_page:
            messages.error(
                request,
                f"A {entry.entry_type.name.lower()} entry has no asset page to create; link the "
                "page it is about instead.",
            )
            return redirect(edit_url)
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


class RepeatNoticeMixin:
    """Say at once when a monthly series on day 29 to 31 passes over some months, rather than let a
    month go quietly empty."""

    def form_valid(self, form):
        response = super().form_valid(form)
        skipped = recurrence.skipped_months(self.object)
        if skipped:
            messages.warning(
                self.request,
                f"“{self.object.title}” repeats on day {timezone.localtime(self.object.publish_at).day}"
                f", so it skips {skipped}. For each month's end, choose "
                f"“{Repeat.MONTHLY_LAST_DAY.label}”.",
            )
        return response


class CalendarEntryCreateView(RepeatNoticeMixin, NotifyNewOwnerMixin, CreateView):
    """A new entry; ?date=YYYY-MM-DD (a day clicked on the calendar) plans it for that day."""

    def get_initial(self):
        initial = super().get_initial()
        day = parse_day(self.request.GET.get("date"))
        if day:
            initial["publish_at"] = timezone.make_aware(
                datetime.datetime.combine(day, DEFAULT_PUBLISH_TIME)
            )
        return initial


class CalendarEntryEditView(RepeatNoticeMixin, NotifyNewOwnerMixin, EditView):
    """The entry form, with its page, its real status and any warnings above it."""

    template_name = "calendar/calendar_entry_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry_warnings"] = self.object.warnings()
        context["create_draft_url"] = reverse("calendar:create_draft", args=[self.object.pk])
        context["comments"] = self.object.comments.select_related("author")
        context["comment_url"] = reverse("calendar:comment", args=[self.object.pk])
        context["occurrence_url"] = reverse("calendar:occurrence", args=[self.object.pk])
        context["repeat_text"] = recurrence.describe(self.object)
        context["upcoming"] = recurrence.upcoming(self.object, timezone.localdate())
        return context


class ExportView(CalendarViewMixin, View):
    """The entries the calendar's filters select, as CSV that imports back as updates."""

    def get(self, request):
        entries = self.filterset(
            CalendarEntry.objects.with_calendar_data()
            .prefetch_related("segments")
            .order_by("publish_at", "pk")
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


class InUseDeleteView(DeleteView):
    """Delete a status or entry type only when the calendar no longer needs it, else say why.

    Wagtail refuses only usage its reference index knows of, and the database's PROTECT would
    otherwise end the request in an error page; the model's own answer covers every entry.
    """

    template_name = "calendar/confirm_delete_in_use.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deletion_problem"] = self.object.deletion_problem()
        return context

    def form_valid(self, form):
        problem = self.object.deletion_problem()
        if problem is None:
            try:
                return super().form_valid(form)
            except ProtectedError:
                problem = f"Calendar entries use “{self.object}”: give them another one first."
        messages.error(self.request, problem)
        return redirect(self.get_delete_url())
