"""Routes of the quote bank (namespace coding:quotes)."""

from django.urls import path

from . import views_quotes

app_name = "quotes"

urlpatterns = [
    path("", views_quotes.bank, name="bank"),
    path("nouvelle/", views_quotes.create, name="create"),
    path("<int:pk>/", views_quotes.edit, name="edit"),
    path("<int:pk>/verifier/", views_quotes.review, name="review"),
]
