"""Permission policies for admin areas guarded by one named permission."""

from wagtail.permission_policies.base import BasePermissionPolicy


class SinglePermissionPolicy(BasePermissionPolicy):
    """Anyone holding one named permission may use the listed actions; nobody may do anything else."""

    def __init__(self, model, permission, actions=("view",)):
        super().__init__(model)
        self.permission, self.actions = permission, set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.has_perm(self.permission)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def register_policies():
    """Leads are worked by sales, never edited in the admin; webhook deliveries are a log."""
    from wagtail.permissions import register_permission_policy

    from .models import Lead, WebhookDelivery

    register_permission_policy(
        Lead, SinglePermissionPolicy(Lead, "buyingstages.work_lead", actions=("view", "inspect"))
    )
    register_permission_policy(
        WebhookDelivery,
        SinglePermissionPolicy(
            WebhookDelivery, "buyingstages.view_webhookdelivery", actions=("view", "inspect")
        ),
    )
