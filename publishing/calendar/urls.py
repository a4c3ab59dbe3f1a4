from django.urls import path

from publishing.calendar import feeds

urlpatterns = [
    path("calendar/feeds/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("calendar/shared/<str:token>/", feeds.shared_calendar, name="shared_calendar"),
]
