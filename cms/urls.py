from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from buyingstages.common.throttling import limit_posts
from cms.api import api_router
from cms.home.views import RobotsView
from cms.search import views as search_views

# Sign-in attempts are limited per address and per username, ahead of Wagtail's own login view.
throttled_login = limit_posts("login", "10/m", keys=("ip", "post:username"))(LoginView.as_view())

urlpatterns = [
    # First: the beacon is the most requested address, and Django tries the patterns in order.
    path("", include("buyingstages.audience.urls")),
    path("admin/login/", throttled_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("api/v2/", api_router.urls),
    path("", include("publishing.calendar.urls")),
    path("", include("publishing.messaging.urls")),
    path("", include("buyingstages.sales.urls")),
    path("", include("buyingstages.crm.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents go through Wagtail's document view, which checks who may see them.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder
        )

urlpatterns += [path("", include(wagtail_urls))]
