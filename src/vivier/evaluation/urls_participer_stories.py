from django.urls import path  # noqa: F401

app_name = "participer_stories"

urlpatterns: list = []
