"""The plan's pages, under ``/evaluation/<slug>/plan/`` (``evaluation:plans:<name>``)."""

from django.urls import path

from . import views_plans

app_name = "plans"

urlpatterns = [
    path("", views_plans.detail, name="detail"),
    path("cadre/", views_plans.frame, name="frame"),
    path("questions/", views_plans.questions, name="questions"),
    path("resultats/", views_plans.results, name="results"),
    path("criteres/", views_plans.criteria, name="criteria"),
    path("indicateurs/ajouter/", views_plans.indicator_add, name="indicator_add"),
    path("indicateurs/<slug:key>/", views_plans.indicator_edit, name="indicator_edit"),
    path("indicateurs/<slug:key>/retirer/", views_plans.indicator_remove, name="indicator_remove"),
    path("jalons/", views_plans.milestones, name="milestones"),
    path("participation/", views_plans.participation, name="participation"),
    path("versions/", views_plans.versions, name="versions"),
    path("versions/comparer/", views_plans.compare, name="compare"),
    path("contributeurs/", views_plans.contributors, name="contributors"),
]
