from wagtail import hooks

from buyingstages.library.views import AssetListingViewSet


@hooks.register("register_admin_viewset")
def register_asset_listing():
    return AssetListingViewSet("assets")
