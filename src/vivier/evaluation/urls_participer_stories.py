"""A person's own stories of change, under ``/participer/recits/``."""

from django.urls import path

from . import views_participer_stories as views

app_name = "participer_stories"

urlpatterns = [
    path("", views.my_stories, name="list"),
    path("raconter/", views.tell, name="tell"),
    path("<int:pk>/", views.my_story, name="detail"),
    path("<int:pk>/accord/", views.my_consent, name="consent"),
    path("<int:pk>/retrait/", views.my_withdraw, name="withdraw"),
]
