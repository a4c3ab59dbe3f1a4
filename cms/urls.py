from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from buyingstages import urls as buyingstages_urls
from buyingstages.throttling import limit_posts
from publishing import urls as publishing_urls

from . import views
from .api import api_router

# Sign-in attempts are limited per address and per username, ahead of Wagtail's own login view.
throttled_login = limit_posts("login", "10/m", keys=("ip", "post:username"))(LoginView.as_view())

urlpatterns = [
    path("admin/login/", throttled_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("", include(publishing_urls)),
    path("", include(buyingstages_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs, then its pages, served through the route table (cms/routing.py).
urlpatterns += [
    path("", include([url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, views.serve_page, name="wagtail_serve"),
]
