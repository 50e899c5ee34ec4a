"""Routes of the measurements, under ``/evaluation/<slug>/mesures/`` (``evaluation:measurements``).

The evaluator's queue spans every plan, so it has no plan in its path:
``queue_urlpatterns`` are mounted by ``vivier.evaluation.urls`` beside the plans.
"""

from django.urls import path

from . import views_measurements as views

app_name = "measurements"

urlpatterns = [
    path("", views.measurement_list, name="list"),
    path("saisir/", views.choose, name="choose"),
    path("saisir/<slug:indicator>/", views.record, name="record"),
    path("importer/", views.import_file, name="import"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/soumettre/", views.submit, name="submit"),
    path("<int:pk>/approuver/", views.approve, name="approve"),
    path("<int:pk>/renvoyer/", views.send_back, name="return"),
    path("periodes/clore/", views.lock, name="lock"),
    path("periodes/<str:period>/rouvrir/", views.unlock, name="unlock"),
]

#: ``path("mesures-a-approuver/", include((queue_urlpatterns, "measurements_queue")))``.
queue_urlpatterns = [
    path("", views.queue, name="queue"),
]
