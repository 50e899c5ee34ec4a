"""Background work of the coding, through Django's tasks framework.

The queue is a table of the application's database (``django_tasks_db``): the embedded
default needs no other server, and ``vivier serve`` runs a worker beside the web workers
(:mod:`vivier.serving.tasks_worker`). Arguments are row ids: a task reads the current state of
its row when it runs, whatever happened since it was queued.
"""

from __future__ import annotations

from django.tasks import task


@task
def train_suggestion_model(model_id: int) -> str:
    """Trains the queued suggestion model ``model_id`` (its row says how it went)."""
    from .suggestions import run_training

    return str(run_training(model_id).status)


@task
def propose_suggestions(model_id: int) -> int:
    """Stores the suggestions of the ready model ``model_id`` for the undecided texts."""
    from .models import SuggestionModel
    from .suggestions import propose

    row = SuggestionModel.objects.select_related("campaign").get(pk=model_id)
    return propose(row.campaign, row)
