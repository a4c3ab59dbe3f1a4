from django.http import Http404
from wagtail import hooks

from buyingstages.library.files import may_see
from buyingstages.library.views import AssetListingViewSet


@hooks.register("register_admin_viewset")
def register_asset_listing():
    return AssetListingViewSet("assets")


@hooks.register("before_serve_document")
def serve_only_what_readers_may_see(document, request):
    """A document no live, public page uses (a draft's, an embargoed price list) is not there for
    readers; staff who work with documents still get it."""
    if not may_see(request.user, document):
        raise Http404("No such document.")
