"""Routes of the coding's exchange pages (namespace coding:exchange)."""

from django.urls import path  # noqa: F401

app_name = "exchange"

urlpatterns: list = []
