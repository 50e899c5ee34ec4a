"""Questionnaires of evaluation of one plan, under ``/evaluation/<slug>/questionnaires/``."""

from django.urls import path

from . import views_surveys as views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("rattacher/", views.attach, name="attach"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/chiffres/", views.add_feed, name="add_feed"),
    path("<int:pk>/chiffres/<int:index>/retirer/", views.remove_feed, name="remove_feed"),
    path("<int:pk>/calculer/", views.compute, name="compute"),
    path("<int:pk>/panel/", views.panel, name="panel"),
    path("<int:pk>/panel/ajouter/", views.panel_add, name="panel_add"),
    path("<int:pk>/panel.csv", views.panel_csv, name="panel_csv"),
]
