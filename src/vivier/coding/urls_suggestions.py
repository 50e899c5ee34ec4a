"""Routes of the coding's suggestions pages (namespace coding:suggestions)."""

from django.urls import path

from . import views_suggestions

app_name = "suggestions"

urlpatterns = [
    path("", views_suggestions.model_list, name="list"),
    path("modeles/<int:version>/", views_suggestions.model_detail, name="model"),
    path("entrainer/", views_suggestions.train, name="train"),
    path("proposer/", views_suggestions.propose, name="propose"),
    path("a-valider/", views_suggestions.pending, name="pending"),
    path("<int:pk>/accepter/", views_suggestions.accept, name="accept"),
    path("<int:pk>/refuser/", views_suggestions.reject, name="reject"),
]
