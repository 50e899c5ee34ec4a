"""Rights on one plan or one committee.

- ``evaluation.change_plan``: the working group (role), and the holder of the plan's sheet;
- ``evaluation.view_plan``: whoever may change it, the evaluators and analysts (role), and
  the plan's contributors who have not left (a person concerned co-building it);
- ``evaluation.view_committee``: the working group (role), and the committee's members.
"""

from __future__ import annotations

from typing import Any

import rules

from vivier.accounts.predicates import holds_for_every_object

from .models import Committee, Plan


@rules.predicate
def holds_the_sheet(user: Any, plan: Plan | None) -> bool:
    return plan is not None and user.pk is not None and plan.practice.holder_id == user.pk


@rules.predicate
def contributes(user: Any, plan: Plan | None) -> bool:
    return (
        plan is not None
        and user.pk is not None
        and plan.contributors.filter(user_id=user.pk, left_at__isnull=True).exists()
    )


@rules.predicate
def sits_on(user: Any, committee: Committee | None) -> bool:
    return (
        committee is not None
        and user.pk is not None
        and committee.members.filter(user_id=user.pk, active=True).exists()
    )


rules.add_perm(
    "evaluation.change_plan", holds_for_every_object("evaluation.change_plan") | holds_the_sheet
)
rules.add_perm(
    "evaluation.view_plan",
    holds_for_every_object("evaluation.view_plan") | holds_the_sheet | contributes,
)
rules.add_perm(
    "evaluation.view_committee",
    holds_for_every_object("evaluation.view_committee") | sits_on,
)
