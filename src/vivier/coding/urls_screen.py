"""Routes of the coding's screen pages (namespace coding:screen)."""

from django.urls import path  # noqa: F401

app_name = "screen"

urlpatterns: list = []
