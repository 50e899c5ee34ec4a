"""Routes of the reports, under ``/evaluation/<slug>/rapports/`` (``evaluation:reports``)."""

from django.urls import path

from . import views_reports as views

app_name = "reports"

urlpatterns = [
    path("financements/", views.funding, name="funding"),
    path("financements/<int:pk>/", views.funding_edit, name="funding_edit"),
    path("financements/<int:pk>/supprimer/", views.funding_delete, name="funding_delete"),
    path("<slug:track>.<slug:fmt>", views.download, name="download"),
]
