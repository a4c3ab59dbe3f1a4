"""Settings → CRM integration: API tokens for the leads API and webhook endpoints."""

from django.contrib import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from buyingstages.common.admin import YesNoColumn
from buyingstages.crm.models import ApiToken, WebhookDelivery, WebhookEndpoint


class ApiTokenCreateView(generic.CreateView):
    """The secret is shown once, on creation; only its hash is stored."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        self.secret = instance.generate()
        instance.created_by = self.request.user
        instance.save()
        return instance

    def get_success_message(self, instance):
        return None

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.warning(
            self.request,
            f"Token for “{self.object.name}”: {self.secret}. Copy it now; it will not be shown again.",
        )
        return response


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = "API tokens"
    url_prefix = "integrations/api-tokens"
    add_view_class = ApiTokenCreateView
    copy_view_enabled = False
    list_display = [
        "name",
        "prefix",
        "can_report_outcomes",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    panels = [FieldPanel("name"), FieldPanel("can_report_outcomes"), FieldPanel("revoked_at")]


class WebhookEndpointEditView(generic.EditView):
    """A changed secret is a rotation: the old one goes on signing beside it for a while."""

    def save_instance(self):
        # Compared with the stored secret: a callable default makes Django trust a hidden initial.
        previous = self.form.initial["secret"]
        if self.form.cleaned_data["secret"] != previous:
            self.form.instance.keep_previous_secret(previous)
        return super().save_instance()


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Webhooks"
    url_prefix = "integrations/webhooks"
    edit_view_class = WebhookEndpointEditView
    list_display = [
        "name",
        "url",
        YesNoColumn("active", label="Active"),
        "previous_secret_expires_at",
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("previous_secret_expires_at"),
        FieldPanel("active"),
    ]


class WebhookDeliveryViewSet(ModelViewSet):
    """Every delivery and how it went, so a failing CRM endpoint is noticed."""

    model = WebhookDelivery
    icon = "history"
    menu_label = "Webhook deliveries"
    url_prefix = "integrations/deliveries"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["event", "endpoint", "state", "attempts", "last_error", "created_at"]
    list_filter = ["state", "endpoint"]
    form_fields = ["state"]  # never edited: the policy allows only view and inspect


class IntegrationsMenu(ViewSetGroup):
    items = (ApiTokenViewSet, WebhookEndpointViewSet, WebhookDeliveryViewSet)
    menu_icon = "link-external"
    menu_label = "CRM integration"
    menu_name = "crm_integration"
    add_to_settings_menu = True
    menu_order = 900
