"""Routes of the coding's sources pages (namespace coding:sources)."""

from django.urls import path  # noqa: F401

app_name = "sources"

urlpatterns: list = []
