"""What the public sheet shows of the plan: ``/evaluation/<slug>/publication/``."""

from django.urls import path

from . import views_publication

app_name = "publication"

urlpatterns = [
    path("", views_publication.publication, name="edit"),
]
