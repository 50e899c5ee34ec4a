"""A panel member's own pages, under ``/q/panel/<token>/``: the link handed to them for one
follow-up wave starts their response on the ordinary respondent pages, or lets them leave."""

from django.urls import path

from . import views_surveys as views

app_name = "panel"

urlpatterns = [
    path("<str:token>/", views.panel_landing, name="landing"),
    path("<str:token>/commencer/", views.panel_start, name="start"),
    path("<str:token>/quitter/", views.panel_withdraw, name="withdraw"),
]
