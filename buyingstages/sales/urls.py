from django.urls import path

from buyingstages.sales import views

urlpatterns = [
    path("s/<slug:code>", views.share_link, name="share_link"),
]
