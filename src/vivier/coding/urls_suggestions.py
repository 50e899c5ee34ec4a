"""Routes of the coding's suggestions pages (namespace coding:suggestions)."""

from django.urls import path  # noqa: F401

app_name = "suggestions"

urlpatterns: list = []
