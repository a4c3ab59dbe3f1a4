from django.urls import path

from buyingstages.audience import views

urlpatterns = [
    path("t/", views.track, name="track"),
    path("t/id/", views.reader_id, name="reader_id"),
    path("t/vote/", views.vote, name="vote"),
    path("t/survey/", views.survey_answer, name="survey_answer"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.subscribe_confirm, name="subscribe_confirm"),
    path(
        "subscribe/preferences/<str:token>/",
        views.subscribe_preferences,
        name="subscribe_preferences",
    ),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("privacy/", views.privacy_request, name="privacy"),
    path("privacy/export/<str:token>/", views.privacy_export, name="privacy_export"),
    path("privacy/erase/<str:token>/", views.privacy_erase, name="privacy_erase"),
]
