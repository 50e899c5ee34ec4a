"""Routes of the coding's quotes pages (namespace coding:quotes)."""

from django.urls import path  # noqa: F401

app_name = "quotes"

urlpatterns: list = []
