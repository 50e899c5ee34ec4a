from django.urls import path

from . import views_staff as views

app_name = "practices_staff"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("importer/", views.import_document, name="import"),
    path("propositions/<int:pk>/fusionner/", views.merge, name="merge"),
    path("propositions/<int:pk>/ecarter/", views.reject, name="reject"),
    path(
        "depuis-reponse/<slug:campaign>/<str:key>/",
        views.propose,
        name="propose",
    ),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/etat/", views.move, name="move"),
    path("<slug:slug>/modifier/", views.edit, name="edit"),
    path("<slug:slug>/porteur/", views.assign_holder, name="assign_holder"),
    path("<slug:slug>/versions/<int:number>/", views.version_diff, name="diff"),
]
