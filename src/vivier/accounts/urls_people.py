"""People with an account and their roles, for administrators. Included under
``/comptes/personnes/``."""

from django.urls import path

from . import views_people as people

app_name = "people"

urlpatterns = [
    path("", people.person_list, name="list"),
    path("<int:pk>/", people.person_roles, name="person"),
    path("<int:pk>/desactiver/", people.account_state, {"active": False}, name="deactivate"),
    path("<int:pk>/reactiver/", people.account_state, {"active": True}, name="reactivate"),
]
