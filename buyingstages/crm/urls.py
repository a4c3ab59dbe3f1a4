from django.urls import path

from buyingstages.crm.api import api

urlpatterns = [
    path("api/leads/", api.urls),
]
