"""Serving decks to sales and editors, "is my deck current?", and the consistency report."""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages as wagtail_messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import ReferenceIndex

from publishing.messaging import checking, effects, measures, story_tests
from publishing.messaging import rendering as decks
from publishing.messaging.models import (
    DeckRendering,
    Message,
    MessageRelease,
    RenderStatus,
    SalesDeck,
    StoryTest,
    released_version,
)
from publishing.messaging.models.decks import EDIT_DECKS
from publishing.messaging.models.story_tests import LONGEST_RUN_DAYS, check_planned_end

VIEW_DECKS = "messaging.view_salesdeck"
SALES_AREA = "sales.use_sales_area"


class DeckAccessMixin:
    """Logged-in sales and editors only; drafts and embargoed content for editors only."""

    def dispatch(self, request, slug):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not request.user.has_perm(VIEW_DECKS):
            raise PermissionDenied
        self.deck = get_object_or_404(SalesDeck, slug=slug)
        if not self.deck.is_visible_to(request.user):
            raise Http404("No such deck.")
        editor = request.user.has_perm(EDIT_DECKS)
        if self.deck.is_draft and not editor:
            raise Http404("No such deck.")
        self.rendering = self.deck.current_rendering()
        if self.rendering is None:
            return TemplateResponse(
                request,
                "messaging/deck_unavailable.html",
                {
                    "deck": self.deck,
                    "reason": "This deck has not been rendered yet. Try again in a minute.",
                },
                status=404,
            )
        embargoed = list(self.rendering.embargoed_messages())
        if embargoed and not editor:
            return TemplateResponse(
                request,
                "messaging/deck_unavailable.html",
                {
                    "deck": self.deck,
                    "reason": "This deck shows a message that is under embargo until "
                    f"{embargoed[0].embargo_until:%d %B %Y %H:%M}. It can be downloaded after that.",
                },
                status=403,
            )
        return super().dispatch(request, slug)


class DeckDownloadView(DeckAccessMixin, View):
    """GET /sales/decks/<slug>.pptx: always the current rendering."""

    def get(self, request, slug):
        response = FileResponse(
            self.rendering.file.open("rb"),
            as_attachment=True,
            filename=f"{self.deck.slug}.pptx",
            content_type="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        )
        response["Cache-Control"] = "private, no-store"
        return response


class DeckSlidesView(DeckAccessMixin, View):
    """GET /sales/decks/<slug>/: the same rendering, readable in a browser."""

    def get(self, request, slug):
        response = TemplateResponse(
            request,
            "messaging/deck_page.html",
            {"deck": self.deck, "rendering": self.rendering},
        )
        response["Cache-Control"] = "private, no-store"
        return response


class DeckPreviewView(WagtailAdminTemplateMixin, TemplateView):
    """Editors: the deck with every message's latest draft, embargoed ones included."""

    template_name = "messaging/deck_preview.html"
    page_title = "Deck preview"

    def dispatch(self, request, pk):
        if not request.user.has_perm(EDIT_DECKS):
            raise PermissionDenied
        self.deck = get_object_or_404(SalesDeck, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.deck.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["html"] = decks.preview_html(self.deck)
        except ValueError as error:
            context["error"] = str(error)
        return context


class DeckFileForm(forms.Form):
    file = forms.FileField(label="Your .pptx", help_text="The deck you have, as a .pptx file.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MASTHEAD_MAX_PPTX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {settings.MASTHEAD_MAX_PPTX_BYTES // 1_000_000} MB."
            )
        try:
            self.result = checking.check(upload, viewer=self.user)
        except checking.CannotCheck as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class DeckCheckView(WagtailAdminTemplateMixin, FormView):
    """ "Is my deck current?": upload a .pptx and see, slide by slide, what differs from the current
    deck."""

    template_name = "messaging/deck_check.html"
    page_title = "Is my deck current?"
    header_icon = "doc-full"

    form_class = DeckFileForm

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_DECKS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        return self.render_to_response(
            self.get_context_data(form=DeckFileForm(user=self.request.user), result=form.result)
        )


class ConsistencyReportView(WagtailAdminTemplateMixin, TemplateView):
    """What does not yet show the live story: stale pages and decks, unused messages, failed renders."""

    template_name = "messaging/consistency_report.html"
    page_title = "Message consistency"
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("messaging.change_message"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        messages = list(Message.objects.filter(live=True).select_related("live_revision"))
        released = {
            message.pk: message.releases.current().values_list("revision_id", flat=True).first()
            for message in messages
        }
        # Published in Wagtail but not (yet) switched: its decks are rendering, or one failed.
        pending = [
            m for m in messages if m.live_revision_id and released[m.pk] != m.live_revision_id
        ]
        stale_decks = []
        failed = []
        for deck in SalesDeck.objects.all():
            current, last = deck.current_rendering(), deck.last_rendering()
            if last and last.status == RenderStatus.FAILED:
                failed.append((deck, last))
            if current:
                behind = [
                    message
                    for message in messages
                    if str(message.pk) in current.message_revisions
                    and current.message_revisions[str(message.pk)] != released[message.pk]
                ]
                if behind:
                    stale_decks.append((deck, behind))
        pages_behind = []
        for message in pending:
            references = ReferenceIndex.get_references_to(message).group_by_source_object()
            pages_behind += [
                (source, message) for source, _ in references if hasattr(source, "url")
            ]
        used = {
            int(pk)
            for pk in ReferenceIndex.objects.filter(
                to_content_type__model="message", to_content_type__app_label="messaging"
            ).values_list("to_object_id", flat=True)
        }
        context.update(
            pending=pending,
            stale_decks=stale_decks,
            pages_behind=pages_behind,
            failed=failed,
            unused=[message for message in Message.objects.all() if message.pk not in used],
            running_tests=story_tests.running_exceptions(),
            releases=MessageRelease.objects.select_related("message")[:10],
            renderings=DeckRendering.objects.select_related("deck")[:10],
        )
        return context


class MessageEffectView(WagtailAdminTemplateMixin, TemplateView):
    """Before publishing: every part, page and slide the latest draft (or ?revision=) would change."""

    template_name = "messaging/message_effect.html"
    page_title = "The effect of publishing"
    header_icon = "openquote"

    def dispatch(self, request, pk):
        if not request.user.has_perm("messaging.change_message"):
            raise PermissionDenied
        self.message = get_object_or_404(Message, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.message.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision_id = self.request.GET.get("revision", "")
        revision = (
            get_object_or_404(self.message.revisions, pk=revision_id)
            if revision_id.isdigit()
            else None
        )
        context["effect"] = effects.effect_of_publishing(self.message, revision)
        return context


class DeckPdfDownloadView(DeckAccessMixin, View):
    """GET /sales/decks/<slug>.pdf: the current rendering as PDF, once the worker has made it."""

    def get(self, request, slug):
        if not self.rendering.pdf:
            return TemplateResponse(
                request,
                "messaging/deck_unavailable.html",
                {
                    "deck": self.deck,
                    "reason": "The PDF of this deck is being prepared. Try again in a few minutes, "
                    "or download the .pptx meanwhile.",
                },
                status=404,
            )
        response = FileResponse(
            self.rendering.pdf.open("rb"),
            as_attachment=True,
            filename=f"{self.deck.slug}.pdf",
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response


# My decks: a salesperson's own decks, in the admin ------------------------------------------------


def own_decks(request):
    """The signed-in salesperson's decks: in My decks, another's deck is not found."""
    return SalesDeck.objects.owned_by(request.user)


class MyDeckIndexView(generic.IndexView):
    def get_base_queryset(self):
        return own_decks(self.request)


class MyDeckCreateView(generic.CreateView):
    """Saves the new deck (or copy) as the salesperson's own, at an address of its own."""

    def save_instance(self):
        self.form.instance.give_to(self.request.user)
        return super().save_instance()


class MyDeckCopyView(generic.CopyView):
    """ "Copy to my decks": marketing's finished decks, or one's own, prefill a new deck."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            SalesDeck.objects.copyable_by(self.request.user), pk=self.kwargs[self.pk_url_kwarg]
        )


class MyDeckEditView(generic.EditView):
    def get_queryset(self):
        return own_decks(self.request)


class MyDeckDeleteView(generic.DeleteView):
    def get_queryset(self):
        return own_decks(self.request)


class MyDeckHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return own_decks(self.request)


class MyDeckUsageView(UsageView):
    def get_base_object_queryset(self):
        return own_decks(self.request)


# Story tests: a message's drafts tried on real readers -------------------------------------------

TEST_STORIES = "messaging.publish_message"  # releasing a winner publishes the message


class RevisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, revision):
        headline = revision.content.get("headline", "")
        return f"Draft of {timezone.localtime(revision.created_at):%d %b %Y %H:%M}: “{headline}”"


class StartStoryTestForm(forms.Form):
    challenger_b = RevisionChoiceField(
        queryset=None, label="Challenger B", empty_label=None, help_text="A saved draft."
    )
    challenger_c = RevisionChoiceField(
        queryset=None, label="Challenger C", required=False, help_text="Optional: another draft."
    )
    share = forms.IntegerField(
        min_value=1,
        max_value=100,
        initial=50,
        label="Share of readers in the test (%)",
        help_text="Split evenly between the current version and the challengers; the others see "
        "the current version.",
    )
    planned_end = forms.DateTimeField(
        widget=AdminDateTimeInput,
        help_text=f"At most {LONGEST_RUN_DAYS} days ahead. From then every reader sees the current "
        "version until you release or stop.",
    )

    def __init__(self, *args, message, **kwargs):
        super().__init__(*args, **kwargs)
        drafts = story_tests.drafts_of(message)
        self.fields["challenger_b"].queryset = drafts
        self.fields["challenger_c"].queryset = drafts

    def clean(self):
        cleaned = super().clean()
        b, c = cleaned.get("challenger_b"), cleaned.get("challenger_c")
        if b and c and b.pk == c.pk:
            self.add_error("challenger_c", "Choose a different draft from B, or none.")
        end = cleaned.get("planned_end")
        if end:
            try:
                check_planned_end(end)
            except ValidationError as error:
                self.add_error("planned_end", error)
        return cleaned


class StoryTestPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(TEST_STORIES):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        tests = {"url": reverse("story_tests"), "label": "Story tests"}
        return [*self.breadcrumbs_items, tests, {"url": "", "label": self.page_title}]


class StartStoryTestView(StoryTestPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """An editor starts a test of a message's drafts against its current version."""

    template_name = "messaging/story_test_start.html"
    page_title = "Test a new story on readers"
    header_icon = "openquote"
    form_class = StartStoryTestForm

    def dispatch(self, request, *args, **kwargs):
        self.message = get_object_or_404(Message, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        running = self.message.story_tests.running().first()
        if running is not None:
            return redirect("story_test", running.pk)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.message.name

    def get_initial(self):
        return {"planned_end": timezone.now() + timedelta(days=14)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "message": self.message}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        _, released = released_version(self.message)
        context.update(
            message=self.message,
            released=released,
            pages=[page for page, _ in effects.live_pages(self.message)],
            has_drafts=story_tests.drafts_of(self.message).exists(),
        )
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        data = form.cleaned_data
        challengers = [
            data["challenger_b"],
            *([data["challenger_c"]] if data["challenger_c"] else []),
        ]
        try:
            test = story_tests.start(
                self.message, challengers, data["share"], data["planned_end"], self.request.user
            )
        except story_tests.CannotStart as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        wagtail_messages.success(self.request, "The test is running.")
        return redirect("story_test", test.pk)


class StoryTestView(StoryTestPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """A test's versions, its figures per version with their intervals, its verdict, and the
    decision: release a challenger everywhere, or stop and keep the current version."""

    template_name = "messaging/story_test.html"
    page_title = "Story test"
    header_icon = "openquote"

    def dispatch(self, request, *args, **kwargs):
        self.test = get_object_or_404(StoryTest.objects.select_related("message"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.test.message.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        test = self.test
        figures = test.figures if not test.is_running and test.figures else measures.count(test)
        _, released = released_version(test.message)
        versions = [("A", "The current version", test.current_revision or None)]
        versions += [
            (arm, f"Challenger {arm}", getattr(test, f"challenger_{arm.lower()}")) for arm in "BC"
        ]
        context.update(
            test=test,
            versions=[
                (arm, label, revision.as_object() if revision else released)
                for arm, label, revision in versions
                if arm in test.arms
            ],
            rows=measures.rows(figures),
            arms=test.arms,
            figures=figures,
            verdict=measures.verdict(figures),
            leader=measures.leader(figures),
            past_planned_end=test.is_running and test.is_past_planned_end(),
            counted_from=datetime.fromisoformat(figures["from"]) if "from" in figures else None,
            counted_to=datetime.fromisoformat(figures["to"]) if "to" in figures else None,
        )
        return context


class EndStoryTestView(StoryTestPermissionMixin, View):
    """POST: release challenger B or C everywhere, or stop the test."""

    def post(self, request, pk):
        test = get_object_or_404(StoryTest, pk=pk)
        decision = request.POST.get("decision", "")
        if decision not in ("stop", *test.arms[1:]):
            return HttpResponseBadRequest("Choose “stop” or a challenger of this test to release.")
        if not test.is_running:
            return HttpResponseBadRequest("This test has ended already.")
        if decision == "stop":
            story_tests.stop(test, request.user)
            wagtail_messages.success(request, "Stopped: every reader sees the current version.")
        else:
            try:
                story_tests.release_winner(test, decision, request.user)
            except story_tests.DraftGone:
                return HttpResponseBadRequest(
                    f"The draft tested as version {decision} no longer exists: stop the test instead."
                )
            wagtail_messages.success(
                request,
                f"Version {decision} is being released: the site and every deck change together "
                "once the decks are re-rendered, and Sales are told why.",
            )
        return redirect("story_test", test.pk)


class StoryTestIndexView(StoryTestPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "messaging/story_tests.html"
    page_title = "Story tests"
    header_icon = "openquote"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tests"] = StoryTest.objects.select_related("message")[:200]
        return context
