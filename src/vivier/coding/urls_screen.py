"""Routes of the coding screen (namespace coding:screen), under ``/codage/<slug>/coder/``."""

from django.urls import path

from . import views_screen

app_name = "screen"

urlpatterns = [
    path("", views_screen.code, name="code"),
    path("<int:pk>/", views_screen.source, name="source"),
    path("<int:pk>/appliquer/", views_screen.apply_code, name="apply"),
    path("<int:pk>/retirer/<int:coding>/", views_screen.remove_coding, name="remove"),
    path("<int:pk>/annuler/", views_screen.undo, name="undo"),
    path("<int:pk>/memo/", views_screen.memo, name="memo"),
]
