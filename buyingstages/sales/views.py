"""The Sales area of the admin (the library, the sales-ready inbox, feedback and field notes) and the
tracked share links it hands out."""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.listing import ListingViewSetMixin
from wagtail.admin.viewsets.model import ModelViewSet

from buyingstages.audience import buying_groups
from buyingstages.audience.models import (
    ContentEvent,
    InvalidTransition,
    Lead,
    LeadState,
    Organisation,
    ProfilingSettings,
)
from buyingstages.common.admin import SinglePermissionPolicy
from buyingstages.common.spreadsheets import SafeSpreadsheetExportMixin
from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from buyingstages.sales.models import AssetFeedback, FieldNote, ShareLink
from buyingstages.sales.stats import with_sales_stats
from buyingstages.taxonomy.models import CAMPAIGN_SLUG, BuyingStage, Campaign, Persona, Topic

SALES_AREA = "sales.use_sales_area"


# The library ---------------------------------------------------------------------------------


class LibraryFilterSet(WagtailFilterSet):
    # An asset has one stage and one format, so those filters cannot repeat a row: no DISTINCT,
    # which on PostgreSQL compares every column of every matching page.
    stage = django_filters.ModelMultipleChoiceFilter(
        queryset=BuyingStage.objects.all(), widget=forms.CheckboxSelectMultiple, distinct=False
    )
    personas = django_filters.ModelMultipleChoiceFilter(
        queryset=Persona.objects.all(), widget=forms.CheckboxSelectMultiple, label="Persona"
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        field_name="tagged_topics__tag",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    format = django_filters.MultipleChoiceFilter(
        choices=AssetFormat.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )

    class Meta:
        model = AssetPage
        fields = []


class AssetTitleColumn(TitleColumn):
    """The title opens the live asset; the summary sits under it."""

    cell_template_name = "sales/cells/asset_title.html"

    def get_link_url(self, instance, parent_context):
        return instance.get_url(parent_context.get("request"))


class RatingColumn(Column):
    """How readers answered "Was this useful?"."""

    cell_template_name = "sales/cells/rating.html"


class SalesUseColumn(Column):
    """How often sales used it with customers, and how often it helped."""

    cell_template_name = "sales/cells/sales_use.html"


class SalesActionsColumn(Column):
    cell_template_name = "sales/cells/asset_actions.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context.update(
            csrf_token=get_token(request),
            share_url=reverse("sales_library:share", args=[instance.pk]),
            feedback_url=reverse("sales_feedback:add") + f"?asset={instance.pk}",
            campaign_link_url=reverse("sales_library:campaign_link", args=[instance.pk]),
            my_link=request.build_absolute_uri(instance.my_share_path)
            if instance.my_share_path
            else "",
        )
        return context


class LibraryIndexView(generic.IndexView):
    """Every live asset, filterable by stage, persona, topic and format, with what sales needs."""

    page_title = "Sales library"
    template_name = "sales/library.html"

    @cached_property
    def columns(self):
        return [
            AssetTitleColumn("title", label="Asset", sort_key="title", width="40%", url_name=None),
            Column("stage", label="Stage", sort_key="stage__sort_order"),
            Column("format", label="Format", accessor="get_format_display", sort_key="format"),
            RatingColumn("rating", label="Readers"),
            SalesUseColumn("sales_use", label="Sales use"),
            SalesActionsColumn("actions", label="Send it"),
        ]

    def get_base_queryset(self):
        return (
            AssetPage.objects.live()
            .public()
            .defer_streamfields()  # the body is not shown, and sorting 10,000 bodies is slow
            .select_related("stage")
            .prefetch_related("downloads__document")
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = with_sales_stats(list(object_list), self.request.user)
        return paginator, page, object_list, is_paginated


class ShareLinkView(PermissionCheckedMixin, View):
    """Make (or find) the salesperson's tracked link to an asset."""

    permission_required = "view"

    def post(self, request, pk):
        asset = get_object_or_404(AssetPage.objects.live().public(), pk=pk)
        link = ShareLink.for_owner(asset, request.user)
        url = request.build_absolute_uri(link.get_absolute_url())
        if request.accepts("application/json") and not request.accepts("text/html"):
            return JsonResponse({"url": url})
        messages.success(request, f"Your link to “{asset.title}”: {url}")
        return redirect("sales_library:index")


class CampaignLinkForm(forms.Form):
    """Where a campaign link will be posted: each answer becomes a readable utm_* value."""

    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.all(),
        empty_label=None,
        help_text="utm_campaign: the campaign's short name.",
    )
    medium = forms.ChoiceField(
        choices=[
            ("email", "E-mail"),
            ("social", "Social post"),
            ("partner", "Partner"),
            ("referral", "Other site"),
        ],
        help_text="utm_medium: the kind of channel.",
    )
    source = forms.CharField(
        max_length=40,
        widget=forms.TextInput(attrs={"list": "utm-sources"}),
        help_text="utm_source: where exactly, in a word or two (newsletter, linkedin, acme-partner).",
    )
    content = forms.CharField(
        max_length=40,
        required=False,
        label="Content (optional)",
        help_text="utm_content: to tell two links of one campaign apart (banner, signature).",
    )

    def clean_source(self):
        return self.clean_word("source")

    def clean_content(self):
        return self.clean_word("content")

    def clean_word(self, name):
        value = "-".join(self.cleaned_data[name].strip().lower().split())
        if value and not CAMPAIGN_SLUG.fullmatch(value):
            raise forms.ValidationError("Use letters, digits, hyphens and underscores only.")
        return value


class CampaignLinkView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A campaign link to one live asset, with readable UTM parameters, to copy into an e-mail, a
    social post or a partner's page. Nothing is stored: the link is the campaign's slug and words."""

    permission_required = "view"
    page_title = "Campaign link"
    header_icon = "crosshairs"
    template_name = "sales/campaign_link.html"

    def get_breadcrumbs_items(self):
        library = {"url": reverse("sales_library:index"), "label": "Sales library"}
        return [*self.breadcrumbs_items, library, {"url": "", "label": self.page_title}]

    def get(self, request, pk):
        self.asset = get_object_or_404(AssetPage.objects.live().public(), pk=pk)
        return super().get(request, pk)

    def get_page_subtitle(self):
        return self.asset.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = self.asset.campaigns.all()
        initial = {"campaign": campaigns[0] if campaigns else None, "medium": "email"}
        form = CampaignLinkForm(self.request.GET or None, initial=initial)
        link = ""
        if form.is_valid():
            data = form.cleaned_data
            link = data["campaign"].link(
                self.asset.get_full_url(self.request),
                data["source"],
                data["medium"],
                data["content"],
            )
        context.update(
            asset=self.asset,
            form=form,
            link=link,
            has_campaigns=Campaign.objects.exists(),
            can_add_campaign=self.request.user.has_perm("taxonomy.add_campaign"),
        )
        return context


class SalesLibraryViewSet(ListingViewSetMixin, ViewSet):
    model = AssetPage
    name = "sales_library"
    url_prefix = "sales/library"
    icon = "doc-full-inverse"
    menu_label = "Library"
    menu_order = 100
    index_view_class = LibraryIndexView
    filterset_class = LibraryFilterSet
    ordering = "stage__sort_order"
    list_per_page = 20

    @cached_property
    def permission_policy(self):
        return SinglePermissionPolicy(AssetPage, SALES_AREA)

    @property
    def menu_item_class(self):
        policy = self.permission_policy

        class LibraryMenuItem(MenuItem):
            def is_shown(self, request):
                return policy.user_has_permission(request.user, "view")

        return LibraryMenuItem

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            model=self.model,
            header_icon=self.icon,
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            **kwargs,
        )

    def get_urlpatterns(self):
        index = self.construct_view(self.index_view_class, **self.get_index_view_kwargs())
        results = self.construct_view(
            self.index_view_class, **self.get_index_view_kwargs(results_only=True)
        )
        share = self.construct_view(ShareLinkView, permission_policy=self.permission_policy)
        campaign_link = self.construct_view(
            CampaignLinkView, permission_policy=self.permission_policy
        )
        return [
            path("", index, name="index"),
            path("results/", results, name="index_results"),
            path("<int:pk>/share/", share, name="share"),
            path("<int:pk>/campaign-link/", campaign_link, name="campaign_link"),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self.get_common_view_kwargs(**kwargs))


# The inbox -----------------------------------------------------------------------------------


SHOWN_ON_ORGANISATION = "on_organisation"


class LeadFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        choices=[
            *LeadState.choices,
            (SHOWN_ON_ORGANISATION, "Sales-ready, shown on their organisation"),
            ("all", "All states"),
        ],
        empty_label=None,
        method="filter_state",
        label="State",
    )
    sales_ready_at = django_filters.DateFromToRangeFilter(
        label="Sales-ready", widget=DateRangePickerWidget
    )

    class Meta:
        model = Lead
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The inbox opens on the sales-ready leads; "All states" lists everyone.
        data = data.copy() if data is not None else None
        if data is not None and not data.get("state"):
            data["state"] = LeadState.SALES_READY
        super().__init__(data, *args, **kwargs)
        self.form.fields["state"].initial = LeadState.SALES_READY

    def filter_state(self, queryset, name, value):
        """Sales-ready means the leads to chase: people at an organisation Sales already talk to
        are shown on the organisation, and listed here only when asked for."""
        if value == "all":
            return queryset
        if value == LeadState.SALES_READY:
            return queryset.to_chase()
        if value == SHOWN_ON_ORGANISATION:
            return queryset.sales_ready().filter(shown_on_organisation=True)
        return queryset.filter(state=value)


class LeadIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("accepted_by", "organisation__in_conversation_with")
            .prefetch_related("profiles")
        )

    def paginate_queryset(self, queryset, page_size):
        """Each lead's interest score today, from its prefetched profiles, and any warning that
        contacting them now would be a second contact with their organisation inside the cadence."""
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        rules, now = ProfilingSettings.load(request_or_site=self.request), timezone.now()
        object_list = list(object_list)
        for lead in object_list:
            lead.current_score = round(lead.score(rules, now))
            lead.contact_warning = (
                lead.organisation.contact_warning(rules, now)
                if lead.organisation and lead.state == LeadState.SALES_READY
                else ""
            )
        return paginator, page, object_list, is_paginated


class OrganisationColumn(Column):
    """The lead's organisation, who holds the conversation there, and a cadence warning."""

    cell_template_name = "sales/cells/organisation.html"


class LeadInspectView(generic.InspectView):
    template_name = "sales/lead_inspect.html"
    page_title = "Lead"

    def get_page_subtitle(self):
        return self.object.name

    def get_object(self, queryset=None):
        return get_object_or_404(
            Lead.objects.select_related("accepted_by", "organisation__in_conversation_with"),
            pk=self.pk,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lead = self.object
        rules = ProfilingSettings.load(request_or_site=self.request)
        stage_id, topic_weights = lead.interests()
        context.update(
            lead=lead,
            score=lead.score(rules, None),
            rules=rules,
            inferred_stage=BuyingStage.objects.filter(pk=stage_id).first(),
            top_topics=Topic.objects.filter(
                pk__in=sorted(topic_weights, key=topic_weights.get, reverse=True)[:5]
            ),
            timeline=lead.timeline()[:100],
            influence=lead.influencing_assets(),
            transitions=lead.transitions.select_related("by"),
            suggestions=with_sales_stats(
                list(lead.what_to_send_next().select_related("stage")), self.request.user
            ),
            contact_warning=lead.organisation.contact_warning(rules)
            if lead.organisation and lead.state == LeadState.SALES_READY
            else "",
            accept_url=reverse("sales_inbox:accept", args=[lead.pk]),
            return_url=reverse("sales_inbox:return", args=[lead.pk]),
            LeadState=LeadState,
        )
        return context

    def get_fields(self):
        return []


class LeadActionView(PermissionCheckedMixin, View):
    """Accept a sales-ready lead, or return it to nurturing with a reason."""

    permission_required = "view"
    action = None

    def post(self, request, pk):
        lead = get_object_or_404(Lead, pk=pk)
        try:
            if self.action == "accept":
                lead.accept(request.user)
                messages.success(request, f"{lead.name} is yours.")
            else:
                lead.return_to_nurturing(request.user, request.POST.get("reason", "")[:255])
                messages.success(request, f"{lead.name} is back with marketing for nurturing.")
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("sales_inbox:inspect", pk)
        return redirect("sales_inbox:index")


def why_ready(lead):
    return lead.ready_reason or "—"


why_ready.short_description = "Why it is ready"


class LeadViewSet(ModelViewSet):
    """Sales-ready leads, newest first, each with why it is ready and what they read."""

    model = Lead
    name = "sales_inbox"
    url_prefix = "sales/inbox"
    icon = "mail"
    menu_label = "Inbox"
    menu_order = 200
    index_view_class = LeadIndexView
    inspect_view_class = LeadInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name"]  # leads are never edited here: the policy allows only view and inspect
    filterset_class = LeadFilterSet
    ordering = ["-sales_ready_at", "-created_at"]
    list_per_page = 25
    search_fields = ["name", "email"]
    list_export = [
        "name",
        "email",
        "state",
        "created_at",
        "first_touch_at",
        "sales_ready_at",
        "ready_reason",
        "accepted_at",
        "accepted_by",
    ]
    export_filename = "leads"

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Lead",
                url_name=self.get_url_name("inspect"),
                sort_key="name",
            ),
            Column("state", label="State", accessor="get_state_display", sort_key="state"),
            DateColumn("sales_ready_at", label="Sales-ready", sort_key="sales_ready_at"),
            Column("current_score", label="Score"),
            OrganisationColumn("organisation", label="Organisation"),
            Column("why", label="Why it is ready", accessor=why_ready),
            Column("accepted_by", label="Taken by"),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(columns=self.columns, **kwargs)

    def get_urlpatterns(self):
        action = LeadActionView.as_view
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/accept/",
                action(permission_policy=self.permission_policy, action="accept"),
                name="accept",
            ),
            path(
                "<int:pk>/return/",
                action(permission_policy=self.permission_policy, action="return"),
                name="return",
            ),
        ]


# Buying groups --------------------------------------------------------------------------------


class OrganisationIndexView(generic.IndexView):
    def get_base_queryset(self):
        """Organisations with at least one person who gave address and consent, with counts."""
        members = Lead.objects.consenting().filter(organisation=OuterRef("pk"))
        return (
            Organisation.objects.grouping()
            .select_related("in_conversation_with")
            .annotate(
                people_count=Coalesce(
                    Subquery(
                        members.order_by()
                        .values("organisation")
                        .annotate(n=Count("pk"))
                        .values("n")
                    ),
                    0,
                ),
                waiting_count=Coalesce(
                    Subquery(
                        members.order_by()
                        .filter(state=LeadState.SALES_READY)
                        .values("organisation")
                        .annotate(n=Count("pk"))
                        .values("n")
                    ),
                    0,
                ),
                last_read_at=Subquery(
                    ContentEvent.objects.filter(
                        profile__lead__organisation=OuterRef("pk"),
                        profile__lead__subscription__confirmed_at__isnull=False,
                        profile__lead__subscription__unsubscribed_at__isnull=True,
                    )
                    .order_by("-created_at")
                    .values("created_at")[:1]
                ),
            )
            .filter(people_count__gt=0)
        )


def conversation(organisation):
    return organisation.holder_name() or "—"


conversation.short_description = "In conversation with"


class OrganisationInspectView(generic.InspectView):
    """One buying group as one picture: who read what, where the group is, what to send it next."""

    template_name = "sales/organisation_inspect.html"
    page_title = "Organisation"

    def get_page_subtitle(self):
        return self.object.name

    def get_object(self, queryset=None):
        return get_object_or_404(
            Organisation.objects.grouping().select_related("in_conversation_with"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        rules = ProfilingSettings.load(request_or_site=self.request)
        group = buying_groups.picture(organisation, rules)
        context.update(
            organisation=organisation,
            group=group,
            send_next=with_sales_stats(group.send_next, self.request.user),
            domains=list(organisation.domains.all()),
            segments=list(organisation.segments.all()),
            contact_warning=organisation.contact_warning(rules),
            rules=rules,
            LeadState=LeadState,
        )
        return context

    def get_fields(self):
        return []


class SalesOrganisationViewSet(ListingViewSetMixin, ViewSet):
    """Buying groups for Sales: each organisation's research and who holds its one conversation.

    A list and a page, no editing (editors keep organisations in Settings). Built like the library:
    the organisation model's own permission policy is the editors', this area's is the inbox's.
    """

    model = Organisation
    name = "sales_organisations"
    url_prefix = "sales/organisations"
    icon = "group"
    menu_label = "Organisations"
    menu_order = 250
    index_view_class = OrganisationIndexView
    ordering = "name"
    list_per_page = 25

    @cached_property
    def permission_policy(self):
        # People are shown: the same permission as the sales-ready inbox.
        return SinglePermissionPolicy(Organisation, "audience.work_lead")

    @property
    def menu_item_class(self):
        policy = self.permission_policy

        class OrganisationsMenuItem(MenuItem):
            def is_shown(self, request):
                return policy.user_has_permission(request.user, "view")

        return OrganisationsMenuItem

    @property
    def columns(self):
        return [
            TitleColumn(
                "name", label="Organisation", url_name=self.get_url_name("inspect"), sort_key="name"
            ),
            Column("people_count", label="People", sort_key="people_count"),
            Column("waiting_count", label="Sales-ready", sort_key="waiting_count"),
            Column("conversation", label="In conversation with", accessor=conversation),
            DateColumn("last_contact_at", label="Last contact", sort_key="last_contact_at"),
            DateColumn("last_read_at", label="Last reading", sort_key="last_read_at"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            model=self.model,
            header_icon=self.icon,
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            **self.get_common_view_kwargs(
                columns=self.columns,
                index_results_url_name=self.get_url_name("index_results"),
                **kwargs,
            )
        )

    def get_urlpatterns(self):
        index = self.construct_view(self.index_view_class, **self.get_index_view_kwargs())
        results = self.construct_view(
            self.index_view_class, **self.get_index_view_kwargs(results_only=True)
        )
        inspect = self.construct_view(OrganisationInspectView, **self.get_common_view_kwargs())
        return [
            path("", index, name="index"),
            path("results/", results, name="index_results"),
            path("inspect/<int:pk>/", inspect, name="inspect"),
        ]


# Feedback and field notes --------------------------------------------------------------------


class FeedbackForm(WagtailAdminModelForm):
    class Meta:
        model = AssetFeedback
        fields = ["asset", "helped", "note"]
        widgets = {"helped": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = AssetPage.objects.live().public().order_by("title")
        self.fields["asset"].label = "Asset you used"
        self.fields["helped"].label = "Used with a customer:"
        self.fields["helped"].widget.choices = self.fields["helped"].choices = [
            (True, "It helped"),
            (False, "It did not help"),
        ]


class AuthoredCreateView(generic.CreateView):
    """Records who wrote it."""

    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()


class FeedbackCreateView(AuthoredCreateView):
    def get_initial(self):
        return {**super().get_initial(), "asset": self.request.GET.get("asset")}

    def get_success_url(self):
        return reverse("sales_library:index")

    def get_success_message(self, instance):
        return f"Thank you: your feedback on “{instance.asset.title}” goes to the editors."


class FeedbackViewSet(ModelViewSet):
    model = AssetFeedback
    name = "sales_feedback"
    url_prefix = "sales/feedback"
    icon = "comment"
    menu_label = "Feedback on assets"
    menu_order = 300
    form_fields = ["asset", "helped", "note"]
    add_view_class = FeedbackCreateView
    copy_view_enabled = False
    list_display = ["asset", "helped", "note", "author", "created_at"]
    list_filter = ["helped"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return FeedbackForm


class FieldNoteViewSet(ModelViewSet):
    """ "What I'm hearing from customers". Editors see unplanned notes in the calendar's backlog."""

    model = FieldNote
    name = "field_notes"
    url_prefix = "sales/field-notes"
    icon = "openquote"
    menu_label = "Field notes"
    menu_order = 400
    add_view_class = AuthoredCreateView
    copy_view_enabled = False
    list_display = ["__str__", "author", "created_at", "planned_at"]
    search_fields = ["text"]
    ordering = ["-created_at"]
    panels = [FieldPanel("text"), FieldPanel("topics", widget=forms.CheckboxSelectMultiple)]


class SalesMenu(ViewSetGroup):
    """Everything a salesperson opens Masthead for."""

    items = (
        SalesLibraryViewSet,
        LeadViewSet,
        SalesOrganisationViewSet,
        FeedbackViewSet,
        FieldNoteViewSet,
    )
    menu_icon = "group"
    menu_label = "Sales"
    menu_name = "sales"
    menu_order = 120


def share_link(request, code):
    """/s/<code>: a salesperson's tracked link. Lands on the ungated asset; the script records it."""
    link = get_object_or_404(ShareLink, code=code)
    asset = get_object_or_404(AssetPage.objects.live().public(), pk=link.asset_id)
    return redirect(f"{asset.get_url(request)}?{urlencode({'s': link.code})}")
