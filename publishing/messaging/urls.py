from django.urls import path

from publishing.messaging import views

urlpatterns = [
    path("sales/decks/<slug:slug>.pptx", views.DeckDownloadView.as_view(), name="sales_deck_pptx"),
    path("sales/decks/<slug:slug>.pdf", views.DeckPdfDownloadView.as_view(), name="sales_deck_pdf"),
    path("sales/decks/<slug:slug>/", views.DeckSlidesView.as_view(), name="sales_deck_html"),
]
