from django.urls import path

from vivier.accounts.access import public

from . import views_public as views
from .feeds import PracticeFeed

app_name = "practices"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("carte/", views.practice_map, name="map"),
    path("flux.atom", public(PracticeFeed()), name="feed"),
    path("donnees/", views.schema_page, name="schema"),
    path("donnees.json", views.data_json, name="data_json"),
    path("donnees.csv", views.data_csv, name="data_csv"),
    path("<slug:slug>.pdf", views.detail_pdf, name="pdf"),
    path("<slug:slug>/", views.detail, name="detail"),
]
