"""Admin pieces shared by every area: menu items and permission policies guarded by one named
permission, and the listing column every yes/no field uses."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
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


class YesNoColumn(Column):
    """A yes/no field in a listing, in words. Wagtail's BooleanColumn draws "no" as a red cross,
    which reads as an error; where only "yes" is worth noticing, pass ``no=""`` to leave it blank."""

    def __init__(self, name, *, yes="Yes", no="No", **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)
        self.yes, self.no = yes, no

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return None
        return self.yes if value else self.no
