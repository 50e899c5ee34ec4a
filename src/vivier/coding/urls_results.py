"""Routes of the coding's results pages (namespace coding:results)."""

from django.urls import path  # noqa: F401

app_name = "results"

urlpatterns: list = []
