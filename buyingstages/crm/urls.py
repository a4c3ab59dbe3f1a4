from django.urls import path, re_path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from buyingstages.crm.api import api, no_such_path, problems_for_other_methods


def leads_api():
    """The API's URLs, each answering a method it does not take with problem details too."""
    patterns, app, namespace = api.urls
    return decorate_urlpatterns(patterns, problems_for_other_methods), app, namespace


urlpatterns = [
    path("api/leads/", leads_api()),
    # Any other address under the API is a problem-details 404 too, not the site's HTML page.
    re_path(r"^api/leads/(?P<address>.+)$", no_such_path),
]
