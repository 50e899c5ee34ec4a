"""Rights on one sheet: its holder (``Practice.holder``) may edit it and submit it.

``practices.change_practice`` held from a role (the working group) opens every sheet; on one
sheet it is also held by the person named as its holder. Which states a holder may still
change is the holder views' business (``views_holder.EDITABLE``), not a right.
"""

from __future__ import annotations

from typing import Any

import rules

from vivier.accounts.predicates import holds_for_every_object

from .models import Practice


@rules.predicate
def holds_the_sheet(user: Any, practice: Practice | None) -> bool:
    return practice is not None and user.pk is not None and practice.holder_id == user.pk


rules.add_perm(
    "practices.change_practice",
    holds_for_every_object("practices.change_practice") | holds_the_sheet,
)
