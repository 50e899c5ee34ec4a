from django.urls import path  # noqa: F401

app_name = "participer_plans"

urlpatterns: list = []
