"""Routes of the rounds of double coding, under ``/codage/<slug>/cycles/`` (coding:rounds)."""

from django.urls import path

from . import views_rounds as views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("nouveau/", views.new_round, name="new"),
    path("<int:number>/", views.detail, name="detail"),
    path("<int:number>/clore/", views.close, name="close"),
    path("<int:number>/mes-textes/", views.mine, name="mine"),
    path("<int:number>/mes-textes/<int:source>/fait/", views.mark_done, name="done"),
    path("<int:number>/accord/", views.report, name="report"),
    path("<int:number>/accord.json", views.download, {"fmt": "json"}, name="download-json"),
    path("<int:number>/accord.csv", views.download, {"fmt": "csv"}, name="download-csv"),
    path("<int:number>/arbitrage/", views.adjudication, name="adjudication"),
]
