from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from buyingstages.library.models import AssetPage
from buyingstages.sales.views import SALES_AREA, SalesMenu


@hooks.register("register_admin_viewset")
def register_sales_area():
    return SalesMenu()


@hooks.register("register_page_header_buttons")
def campaign_link_button(page, user, view_name, next_url=None):
    """On a live asset's page in the admin: make a campaign link to it."""
    if page.live and page.specific_class is AssetPage and user.has_perm(SALES_AREA):
        yield Button(
            "Campaign link",
            url=reverse("sales_library:campaign_link", args=[page.pk]),
            icon_name="link",
            priority=80,
        )
