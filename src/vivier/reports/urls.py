from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<slug:slug>/analyse/", views.overview, name="overview"),
    path("<slug:slug>/analyse/par-jour.csv", views.per_day_csv, name="per_day_csv"),
    path("<slug:slug>/analyse/croise/", views.crosstab, name="crosstab"),
    path("<slug:slug>/analyse/remarques/", views.add_remark, name="add_remark"),
    path(
        "<slug:slug>/analyse/remarques/<int:pk>/supprimer/",
        views.delete_remark,
        name="delete_remark",
    ),
    path("<slug:slug>/analyse/q/<str:name>/", views.question_detail, name="question"),
    path("<slug:slug>/analyse/q/<str:name>.csv", views.question_csv, name="question_csv"),
    path("<slug:slug>/rapport.<str:fmt>", views.download, name="download"),
]
