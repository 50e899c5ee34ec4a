"""Staff pages of the coding, under ``/codage/<campaign>/``.

Each area has its own routes file and namespace under ``coding:``.
"""

from django.urls import include, path

from . import views_hub

app_name = "coding"

urlpatterns = [
    path("", views_hub.campaign_list, name="list"),
    path("<slug:slug>/", views_hub.hub, name="hub"),
    path("<slug:slug>/sources/", include("vivier.coding.urls_sources")),
    path("<slug:slug>/codes/", include("vivier.coding.urls_codebook")),
    path("<slug:slug>/coder/", include("vivier.coding.urls_screen")),
    path("<slug:slug>/cycles/", include("vivier.coding.urls_rounds")),
    path("<slug:slug>/suggestions/", include("vivier.coding.urls_suggestions")),
    path("<slug:slug>/donnees-personnelles/", include("vivier.coding.urls_pii")),
    path("<slug:slug>/citations/", include("vivier.coding.urls_quotes")),
    path("<slug:slug>/echange/", include("vivier.coding.urls_exchange")),
    path("<slug:slug>/resultats/", include("vivier.coding.urls_results")),
]
