from django.urls import path

from . import views_respondent as views

app_name = "campaigns"

urlpatterns = [
    path("<slug:slug>/", views.landing, name="landing"),
    path("<slug:slug>/l/<slug:code>/", views.landing, name="landing_link"),
    path("<slug:slug>/commencer/", views.start, name="start"),
    path("<slug:slug>/r/<str:token>/", views.resume, name="resume"),
    path("<slug:slug>/r/<str:token>/p/<slug:section>/", views.page, name="page"),
    path(
        "<slug:slug>/r/<str:token>/p/<slug:section>/pertinence/",
        views.relevance,
        name="relevance",
    ),
    path("<slug:slug>/r/<str:token>/enregistre/", views.saved, name="saved"),
    path("<slug:slug>/r/<str:token>/relecture/", views.review, name="review"),
    path("<slug:slug>/r/<str:token>/merci/", views.thanks, name="thanks"),
]
