from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

BASELINE = engines["django"].from_string(
    "<html><body><h1>{{ title }}</h1><p>{{ text }}</p></body></html>"
)


def baseline(request):
    """The yardstick: a bare Django view rendering a small template."""
    return HttpResponse(BASELINE.render({"title": "Baseline", "text": "A small template."}))


urlpatterns = [path("bench-baseline/", baseline), path("", include("cms.urls"))]
