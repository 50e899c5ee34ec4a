from django.urls import path

from . import views_holder as views

app_name = "practices_holder"

urlpatterns = [
    path("", views.my_practices, name="list"),
    path("<slug:slug>/modifier/", views.edit, name="edit"),
    path("<slug:slug>/soumettre/", views.submit, name="submit"),
]
