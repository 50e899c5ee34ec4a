"""The audit trail: who did what, when, to what, and from where.

One trail for every sensitive action, stored by django-auditlog (``LogEntry``): sign-ins and
refused sign-ins, changes of accounts, roles and their members, exports and views of personal
data, erasures, publication and unpublication of sheets, imports, deletions. Lines are only
ever added: the staff page and the ``audit`` command read them; the only deletion is the
retention purge (``retention``), which leaves a line of its own.

- ``events``: what a line can say (event codes, labels, the kinds the filters offer);
- ``registrations``: the models whose changes auditlog writes, with personal fields masked;
- ``trail``: ``record()`` for actions that are no model change, and what every line is given;
- ``receivers``: sign-ins, and the personal-data register mirrored into the trail;
- ``middleware``: the request's person and address;
- ``queries``: the filters the page and the command share; ``retention``: the purge.

Code that does a sensitive action without changing a registered model calls::

    from vivier import audit
    audit.record(request, "responses.export", campaign, format="csv", personal=False)

and ``audit.Subject(Model, pk, label)`` for what is no single stored object.
"""

from __future__ import annotations

from .trail import Subject, record

__all__ = ["Subject", "record"]
