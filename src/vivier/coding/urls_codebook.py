"""Routes of the coding's codebook pages (namespace coding:codebook), under
``/codage/<slug>/codes/``."""

from django.urls import path

from . import views_codebook as views

app_name = "codebook"

urlpatterns = [
    path("", views.tree_page, name="tree"),
    path("versions/", views.versions, name="versions"),
    path("ajouter/", views.add, name="add"),
    path("depart/", views.load_starter, name="starter"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/deplacer/", views.move, name="move"),
    path("<int:pk>/fusionner/", views.merge, name="merge"),
    path("<int:pk>/scinder/", views.split, name="split"),
]
