"""The editors' admin of organisations: rename, add domains, merge, mark "do not group", set segments.

Editors see an organisation's domains and how many people who gave address and consent it has, never
who they are: people are Sales'
business (the Sales area's organisation pages).
"""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.base import BaseObjectMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from buyingstages.audience.models import Lead, Organisation
from buyingstages.common.admin import YesNoColumn


class OrganisationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                people_count=Count(
                    "people", filter=Q(people__in=Lead.objects.consenting()), distinct=True
                )
            )
            .prefetch_related("domains")
        )

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.insert(
                1,
                ListingButton(
                    "Merge…",
                    url=reverse("organisations:merge", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=15,
                ),
            )
        return buttons


def domain_list(organisation):
    return ", ".join(domain.domain for domain in organisation.domains.all())


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Merge into",
        help_text="Its domains and people move there; this organisation is then deleted.",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Organisation.objects.exclude(pk=organisation.pk)


class MergeView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Merge one organisation into another: harlow.com and harlow-components.co.uk are one buyer."""

    permission_required = "change"
    model = Organisation
    form_class = MergeForm
    template_name = "audience/organisation_merge.html"
    header_icon = "resubmit"

    def get_page_title(self):
        return f"Merge {self.object.name}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("organisations:index"), "label": "Organisations"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.object}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.object}

    def form_valid(self, form):
        into = form.cleaned_data["into"]
        name = self.object.name
        self.object.merge_into(into)
        messages.success(self.request, f"{name} is now part of {into.name}.")
        return redirect("organisations:edit", into.pk)


class OrganisationViewSet(ModelViewSet):
    """Organisations, as editors keep them: one per buyer, whatever domains its people write from."""

    model = Organisation
    name = "organisations"
    url_prefix = "organisations"
    icon = "group"
    menu_label = "Organisations"
    add_to_settings_menu = True
    menu_order = 300
    index_view_class = OrganisationIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name", "domains__domain"]
    list_filter = ["do_not_group"]
    ordering = ["name"]
    list_per_page = 50

    @cached_property
    def list_display(self):
        return [
            "name",
            Column("domains", label="Domains", accessor=domain_list),
            Column("people_count", label="People"),
            YesNoColumn("do_not_group", label="Grouping", yes="Not grouped", no=""),
        ]

    def get_urlpatterns(self):
        merge = MergeView.as_view(permission_policy=self.permission_policy)
        return [*super().get_urlpatterns(), path("merge/<int:pk>/", merge, name="merge")]
