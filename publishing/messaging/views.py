"""Serving decks to sales and editors, "is my deck current?", and the consistency report."""

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.models import ReferenceIndex

from publishing.messaging import checking, effects
from publishing.messaging import rendering as decks
from publishing.messaging.models import (
    DeckRendering,
    Message,
    MessageRelease,
    RenderStatus,
    SalesDeck,
)
from publishing.messaging.models.decks import EDIT_DECKS

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
