"""Routes of the coding's results pages (namespace coding:results)."""

from django.urls import path

from . import views_results

app_name = "results"

urlpatterns = [
    path("", views_results.index, name="index"),
]
