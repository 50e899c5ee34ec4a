"""Staff, holder and evaluator pages of the evaluation, under ``/evaluation/``.

Each area has its own routes file and namespace under ``evaluation:``.
"""

from django.urls import include, path

from . import urls_measurements, views_hub

app_name = "evaluation"

urlpatterns = [
    path("", views_hub.plan_list, name="list"),
    path("comites/", include("vivier.evaluation.urls_committees")),
    # The evaluator's queue: the submitted values of every plan they may read.
    path(
        "mesures-a-approuver/",
        include((urls_measurements.queue_urlpatterns, "measurements_queue")),
    ),
    path("<slug:slug>/", views_hub.hub, name="hub"),
    path("<slug:slug>/commencer/", views_hub.start_plan, name="start"),
    path("<slug:slug>/plan/", include("vivier.evaluation.urls_plans")),
    path("<slug:slug>/mesures/", include("vivier.evaluation.urls_measurements")),
    path("<slug:slug>/recits/", include("vivier.evaluation.urls_stories")),
    path("<slug:slug>/rapports/", include("vivier.evaluation.urls_reports")),
    path("<slug:slug>/questionnaires/", include("vivier.evaluation.urls_surveys")),
    path("<slug:slug>/publication/", include("vivier.evaluation.urls_publication")),
]
