"""Routes of the names and contacts found in the texts (namespace coding:pii)."""

from django.urls import path

from . import views_pii

app_name = "pii"

urlpatterns = [
    path("", views_pii.index, name="index"),
    path("reperer/", views_pii.run, name="run"),
    path("<int:pk>/verifier/", views_pii.decide, name="decide"),
]
