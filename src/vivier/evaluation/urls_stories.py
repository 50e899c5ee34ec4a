"""Stories of change and outcomes of one plan, under ``/evaluation/<slug>/recits/``."""

from django.urls import path

from . import views_stories as views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("nouveau/", views.story_add, name="add"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/modifier/", views.story_edit, name="edit"),
    path("<int:pk>/consentement/", views.story_consent, name="consent"),
    path("<int:pk>/retrait/", views.story_withdraw, name="withdraw"),
    path("<int:pk>/conteur/effacer/", views.teller_erase, name="erase"),
    path("<int:pk>/selection/", views.story_select, name="select"),
    path("<int:pk>/retour/<int:level>/", views.story_feedback, name="feedback"),
    path("effets/nouveau/", views.outcome_add, name="outcome_add"),
    path("effets/<int:pk>/", views.outcome_detail, name="outcome"),
    path("effets/<int:pk>/sources/", views.source_add, name="source_add"),
    path("effets/<int:pk>/sources/<int:source_pk>/", views.source_check, name="source_check"),
]
