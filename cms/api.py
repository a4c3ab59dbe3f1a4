"""Wagtail's read-only API for public content: live, public pages, and the images and documents they
use (``buyingstages.library.files``), nothing else."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from buyingstages.library.files import shown_to_readers


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.filter(pk__in=shown_to_readers(queryset.model))


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.filter(pk__in=shown_to_readers(queryset.model))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
