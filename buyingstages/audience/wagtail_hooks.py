from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from buyingstages.audience.models import Lead
from buyingstages.audience.organisation_admin import OrganisationViewSet
from buyingstages.audience.views import SalesReadyRulesView
from buyingstages.common.admin import SinglePermissionPolicy

# Leads are worked by sales in the Sales area, never edited in the admin.
register_permission_policy(
    Lead, SinglePermissionPolicy(Lead, "audience.work_lead", actions=("view", "inspect"))
)


@hooks.register("register_admin_urls")
def register_sales_ready_rules_url():
    return [path("sales-ready-rules/", SalesReadyRulesView.as_view(), name="sales_ready_rules")]


@hooks.register("register_admin_menu_item")
def register_sales_ready_rules_menu_item():
    return MenuItem("Sales-ready rules", reverse("sales_ready_rules"), icon_name="pick", order=900)


@hooks.register("register_admin_viewset")
def register_organisations():
    return OrganisationViewSet()
