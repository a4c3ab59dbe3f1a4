"""Admin pieces guarded by one named permission: menu items and permission policies."""

from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.base import BasePermissionPolicy


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class SinglePermissionPolicy(BasePermissionPolicy):
    """Anyone holding one named permission may use the listed actions; nobody may do anything else."""

    def __init__(self, model, permission, actions=("view",)):
        super().__init__(model)
        self.permission, self.actions = permission, set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.has_perm(self.permission)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
