"""Rights on one text to code, and on a campaign's coding.

- ``coding.view_source``: the analysts and the personal-data role (every source), the person
  who typed a note (an enquêteur's own interviews), and a coder the source is assigned to in
  a round;
- ``coding.add_coding``: whoever holds it by role (analysts, enquêteurs) and may view the
  source;
- ``coding.review_pii``: the personal-data role only (texts holding names are masked for
  everyone else: :func:`vivier.coding.pii.visible_text`).
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.backends import ModelBackend

from vivier.accounts.predicates import holds_for_every_object

from .models import Source


@rules.predicate
def typed_it(user: Any, source: Source | None) -> bool:
    return source is not None and user.pk is not None and source.created_by_id == user.pk


@rules.predicate
def assigned_to(user: Any, source: Source | None) -> bool:
    return (
        source is not None
        and user.pk is not None
        and source.assignments.filter(coder_id=user.pk).exists()
    )


@rules.predicate
def codes_by_role(user: Any) -> bool:
    # Django's own backend, not ``user.has_perm``: the rule below has the same name, and
    # asking through every backend would come back here.
    return user.is_active and (
        user.is_superuser or "coding.add_coding" in ModelBackend().get_all_permissions(user)
    )


_views = holds_for_every_object("coding.view_source") | typed_it | assigned_to

rules.add_perm("coding.view_source", _views)
rules.add_perm("coding.add_coding", codes_by_role & _views)
