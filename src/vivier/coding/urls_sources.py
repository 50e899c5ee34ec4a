"""Routes of the coding's sources pages (namespace coding:sources)."""

from django.urls import path

from . import views_sources

app_name = "sources"

urlpatterns = [
    path("", views_sources.source_list, name="list"),
    path("mettre-a-jour/", views_sources.sync, name="sync"),
    path("question/<str:key>/", views_sources.question, name="question"),
    path("notes/", views_sources.notes, name="notes"),
    path("notes/nouvelle/", views_sources.note_create, name="note_create"),
    path("notes/importer/", views_sources.note_import, name="note_import"),
    path("documents/ajouter/", views_sources.document_add, name="document_add"),
    path("<int:pk>/", views_sources.detail, name="detail"),
    path("<int:pk>/modifier/", views_sources.note_edit, name="note_edit"),
]
