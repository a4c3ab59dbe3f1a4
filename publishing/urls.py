from django.urls import path

from . import deck_views, feeds

urlpatterns = [
    path("calendar/feeds/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("calendar/shared/<str:token>/", feeds.shared_calendar, name="shared_calendar"),
    path(
        "sales/decks/<slug:slug>.pptx",
        deck_views.DeckDownloadView.as_view(),
        name="sales_deck_pptx",
    ),
    path("sales/decks/<slug:slug>/", deck_views.DeckSlidesView.as_view(), name="sales_deck_html"),
]
