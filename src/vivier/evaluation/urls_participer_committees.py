"""The committee pages of its members, under ``/participer/comites/``: easy-to-read French,
keyboard only, no JavaScript."""

from django.urls import path

from . import views_participer_committees as views

app_name = "participer_committees"

urlpatterns = [
    path("", views.my_committees, name="list"),
    path("<int:pk>/", views.committee, name="committee"),
    path("seances/<int:pk>/", views.session, name="session"),
    path("seances/<int:pk>/dire/", views.say, name="say"),
    path("contributions/<int:pk>/retirer/", views.withdraw, name="withdraw"),
]
