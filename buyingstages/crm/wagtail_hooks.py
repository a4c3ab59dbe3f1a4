from wagtail import hooks
from wagtail.permissions import register_permission_policy

from buyingstages.common.admin import SinglePermissionPolicy
from buyingstages.crm.models import WebhookDelivery
from buyingstages.crm.views import IntegrationsMenu

# Webhook deliveries are a log: seen, never edited.
register_permission_policy(
    WebhookDelivery,
    SinglePermissionPolicy(
        WebhookDelivery, "crm.view_webhookdelivery", actions=("view", "inspect")
    ),
)


@hooks.register("register_admin_viewset")
def register_crm_integration():
    return IntegrationsMenu()
