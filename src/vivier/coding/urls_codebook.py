"""Routes of the coding's codebook pages (namespace coding:codebook)."""

from django.urls import path  # noqa: F401

app_name = "codebook"

urlpatterns: list = []
