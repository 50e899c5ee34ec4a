"""Rights on one remark: its author may delete it; nobody else's, without the model right.

``reports.delete_remark`` held from a role deletes any remark (no role holds it: superusers);
on one remark it is also held by the person who wrote it.
"""

from __future__ import annotations

from typing import Any

import rules

from vivier.accounts.predicates import holds_for_every_object

from .models import Remark


@rules.predicate
def wrote_it(user: Any, remark: Remark | None) -> bool:
    return remark is not None and user.pk is not None and remark.author_id == user.pk


rules.add_perm("reports.delete_remark", holds_for_every_object("reports.delete_remark") | wrote_it)
