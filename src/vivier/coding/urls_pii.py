"""Routes of the coding's pii pages (namespace coding:pii)."""

from django.urls import path  # noqa: F401

app_name = "pii"

urlpatterns: list = []
