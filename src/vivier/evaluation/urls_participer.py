"""Pages for persons concerned and committee members, under ``/participer/``: accessible,
keyboard-first, working without JavaScript, in easy-to-read French."""

from django.urls import include, path

from . import views_participer

app_name = "participer"

urlpatterns = [
    path("", views_participer.home, name="home"),
    path("plans/", include("vivier.evaluation.urls_participer_plans")),
    path("recits/", include("vivier.evaluation.urls_participer_stories")),
    path("comites/", include("vivier.evaluation.urls_participer_committees")),
]
