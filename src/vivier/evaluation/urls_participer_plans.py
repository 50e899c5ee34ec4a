"""The plans a person co-builds, under ``/participer/plans/``
(``participer:participer_plans:<name>``)."""

from django.urls import path

from . import plans, views_participer_plans

app_name = "participer_plans"

urlpatterns = [
    path("", views_participer_plans.plan_list, name="list"),
    path("<slug:slug>/", views_participer_plans.detail, name="detail"),
    path(
        "<slug:slug>/question/",
        views_participer_plans.propose,
        {"kind": plans.Proposal.QUESTION},
        name="question",
    ),
    path(
        "<slug:slug>/critere/",
        views_participer_plans.propose,
        {"kind": plans.Proposal.CRITERION},
        name="criterion",
    ),
    path(
        "<slug:slug>/indicateur/",
        views_participer_plans.propose,
        {"kind": plans.Proposal.INDICATOR},
        name="indicator",
    ),
    path("<slug:slug>/quitter/", views_participer_plans.leave, name="leave"),
]
