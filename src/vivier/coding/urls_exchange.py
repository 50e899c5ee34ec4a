"""Routes of the coding's exchange pages (namespace coding:exchange), under
``/codage/<slug>/echange/``."""

from django.urls import path

from . import views_exchange

app_name = "exchange"

urlpatterns = [
    path("", views_exchange.index, name="index"),
    path("telecharger/<str:fmt>/", views_exchange.download, name="download"),
    path("importer/", views_exchange.import_file, name="import"),
]
