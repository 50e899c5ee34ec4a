"""The cross-evaluation committees of the working group and their members, under
``/evaluation/comites/``."""

from django.urls import path

from . import views_committees as views

app_name = "committees"

urlpatterns = [
    path("", views.committee_list, name="list"),
    path("nouveau/", views.committee_new, name="new"),
    path("<int:pk>/", views.committee_detail, name="detail"),
    path("<int:pk>/modifier/", views.committee_edit, name="edit"),
    path("<int:pk>/membres/nouveau/", views.member_new, name="member_new"),
    path("membres/<int:pk>/retirer/", views.member_remove, name="member_remove"),
    path("<int:pk>/seances/nouvelle/", views.session_new, name="session_new"),
    path("seances/<int:pk>/", views.session_detail, name="session"),
    path("seances/<int:pk>/presents/", views.session_seats, name="seats"),
    path("seances/<int:pk>/ouvrir/", views.session_open, name="open"),
    path("seances/<int:pk>/clore/", views.session_close, name="close"),
    path("seances/<int:pk>/contributions/nouvelle/", views.contribution_new, name="contribute"),
    path("contributions/<int:pk>/retirer/", views.contribution_withdraw, name="withdraw"),
    path("seances/<int:pk>/avis/<str:group>/", views.opinion_edit, name="opinion"),
    path(
        "seances/<int:pk>/avis/<str:group>/publication/",
        views.opinion_publish,
        name="opinion_publish",
    ),
    path("seances/<int:pk>/compte-rendu/", views.minutes_read, name="minutes_read"),
    path("seances/<int:pk>/compte-rendu/modifier/", views.minutes_edit, name="minutes"),
    path("seances/<int:pk>/decisions/nouvelle/", views.decision_new, name="decision_new"),
    path("decisions/<int:pk>/suivi/", views.decision_done, name="decision_done"),
]
