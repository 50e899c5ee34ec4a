from django.urls import include, path

from vivier.accounts import views as accounts
from vivier.campaigns import views_home

urlpatterns = [
    path("", views_home.home, name="home"),
    path("connecte/", accounts.after_login, name="after_login"),
    path("sante/", views_home.health, name="health"),
    path("q/", include("vivier.campaigns.urls")),
    # After the campaigns' routes: a campaign named "panel" keeps its landing and start pages.
    path("q/panel/", include("vivier.evaluation.urls_panel")),
    path("staff/", include("vivier.campaigns.urls_staff")),
    path("staff/campagnes/", include("vivier.reports.urls")),
    path("staff/pratiques/", include("vivier.practices.urls_staff")),
    path("staff/journal/", include("vivier.audit.urls")),
    path("mes-pratiques/", include("vivier.practices.urls_holder")),
    path("pratiques/", include("vivier.practices.urls", namespace="practices")),
    path("evaluation/", include("vivier.evaluation.urls")),
    path("participer/", include("vivier.evaluation.urls_participer")),
    path("codage/", include("vivier.coding.urls")),
    path("comptes/personnes/", include("vivier.accounts.urls_people")),
    path("comptes/", include("vivier.accounts.urls_invitations")),
    path("i18n/", include("django.conf.urls.i18n")),
    # No Django admin: it would open the models by model permission alone, around the rules
    # the views keep (an enquêteur's own entries, personal data apart, a holder's own sheet).
]
