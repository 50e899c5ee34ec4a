from django.urls import path

from vivier.accounts import views as accounts

from . import views_privacy as privacy
from . import views_questionnaires as questionnaires
from . import views_staff as views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    # Everyone signs in here, staff or not (the views are the accounts app's).
    path("connexion/", accounts.login, name="login"),
    path("deconnexion/", accounts.logout, name="logout"),
    path("campagnes/<slug:slug>/", views.campaign_detail, name="campaign"),
    path("campagnes/<slug:slug>/reponses/", views.response_list, name="responses"),
    path("campagnes/<slug:slug>/reponses/<str:key>/", views.response_detail, name="response"),
    path("campagnes/<slug:slug>/export.<str:fmt>", views.export, name="export"),
    path("campagnes/<slug:slug>/saisie/", views.start_entry, name="start_entry"),
    path("campagnes/<slug:slug>/import/", views.import_responses, name="import_responses"),
    path("campagnes/<slug:slug>/textes-signales/", privacy.flagged, name="privacy_flagged"),
    path("campagnes/<slug:slug>/textes-signales/relire/", privacy.scan, name="privacy_scan"),
    path(
        "campagnes/<slug:slug>/textes-signales/<str:key>/<str:question>/",
        privacy.review_text,
        name="privacy_review_text",
    ),
    path("donnees-personnelles/", privacy.index, name="privacy"),
    path("donnees-personnelles/personne/", privacy.find, name="privacy_find"),
    path("donnees-personnelles/export/", privacy.export, name="privacy_export"),
    path("donnees-personnelles/effacer/", privacy.erase, name="privacy_erase"),
    path("donnees-personnelles/conservation/", privacy.retention, name="privacy_retention"),
    path("donnees-personnelles/purger/", privacy.purge, name="privacy_purge"),
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaires"),
    path("questionnaires/<slug:slug>/", questionnaires.questionnaire_detail, name="questionnaire"),
    path(
        "questionnaires/<slug:slug>/telecharger.<str:fmt>",
        questionnaires.questionnaire_download,
        name="questionnaire_download",
    ),
    path(
        "questionnaires/<slug:slug>/apercu/",
        questionnaires.questionnaire_preview,
        name="questionnaire_preview",
    ),
    path(
        "questionnaires/<slug:slug>/apercu/<slug:section>/",
        questionnaires.questionnaire_preview,
        name="questionnaire_preview_page",
    ),
    path(
        "questionnaires/<slug:slug>/campagne/",
        questionnaires.open_campaign,
        name="questionnaire_campaign",
    ),
]
