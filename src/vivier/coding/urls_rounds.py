"""Routes of the coding's rounds pages (namespace coding:rounds)."""

from django.urls import path  # noqa: F401

app_name = "rounds"

urlpatterns: list = []
