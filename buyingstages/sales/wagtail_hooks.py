from wagtail import hooks

from buyingstages.sales.views import SalesMenu


@hooks.register("register_admin_viewset")
def register_sales_area():
    return SalesMenu()
