from django.contrib import admin
from django.urls import include, path

from vivier.campaigns import views_home

urlpatterns = [
    path("", views_home.home, name="home"),
    path("connecte/", views_home.after_login, name="after_login"),
    path("sante/", views_home.health, name="health"),
    path("q/", include("vivier.campaigns.urls")),
    path("staff/", include("vivier.campaigns.urls_staff")),
    path("staff/campagnes/", include("vivier.reports.urls")),
    path("staff/pratiques/", include("vivier.practices.urls_staff")),
    path("mes-pratiques/", include("vivier.practices.urls_holder")),
    path("pratiques/", include("vivier.practices.urls", namespace="practices")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
