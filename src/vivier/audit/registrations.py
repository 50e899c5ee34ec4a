"""The models whose changes django-auditlog writes to the trail, and how.

Registered: the models staff change by hand, whose every change is a staff action (accounts,
roles and their members, invitations and sign-in codes, campaigns and their links, practice
sheets, candidates, analysts' remarks).

Masked (``trail.MASK``: the line says the field changed, never its value): secrets and their
hashes (password, invitation token, sign-in code); names and addresses (an account's, an
invitation's, the first name or pseudonym of a person concerned: a person who deletes their
account must not stay named in the trail, where only the username, a random one for persons
concerned, identifies the account); and a sheet's content (its versions keep it, with their
author: the trail does not copy the registry). The lines about invitations and sign-in codes
name them by number (``trail.complete``): their own names hold the address or the pseudonym.

Left out, on purpose:

- ``Response``, ``ResponseContact``, ``TextFlag``: respondents write them, a row per page
  saved, at hundreds a second; what staff do to them (exports, views of contact details,
  erasure, purge, redaction) is written as one explicit line each (``trail.record``), never
  one line per row touched, and never with the contact details themselves;
- ``QuestionnaireVersion`` and ``ImportBatch``: an import is one explicit line saying what was
  imported (a version's definition can be tens of megabytes: auditlog would compare it);
- ``User.last_login``: a sign-in is its own line (``auth.login``);
- ``SignInCode.last_used_at``: same;
- the registry's derived rows (versions, index, facets): they follow the sheet.

A model added later that staff change by hand belongs here, with its secrets and personal
fields in ``mask_fields``.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

MASK_CALLABLE = "vivier.audit.trail.mask"

REGISTRATIONS: list[tuple[str, dict[str, list[str]]]] = [
    (
        "auth.User",
        {
            "exclude_fields": ["last_login"],
            "mask_fields": ["password", "first_name", "last_name", "email"],
            "m2m_fields": ["groups", "user_permissions"],
        },
    ),
    ("auth.Group", {"m2m_fields": ["permissions"]}),
    (
        "accounts.Invitation",
        {
            "mask_fields": ["token_hash", "email", "first_name", "last_name"],
            "m2m_fields": ["roles"],
        },
    ),
    (
        "accounts.SignInCode",
        {"exclude_fields": ["last_used_at"], "mask_fields": ["code_hash", "label"]},
    ),
    ("campaigns.Campaign", {}),
    ("campaigns.DistributionLink", {}),
    (
        "practices.Practice",
        {
            "include_fields": ["slug", "code", "title", "state", "holder", "data"],
            "mask_fields": ["data"],
        },
    ),
    ("practices.Candidate", {}),
    ("reports.Remark", {}),
    # Evaluation: a plan's content is kept by its versions (with their author), like a sheet's.
    ("evaluation.Plan", {"mask_fields": ["data"]}),
    ("evaluation.PlanContributor", {}),
    ("evaluation.Measurement", {}),
    ("evaluation.LockedPeriod", {}),
    ("evaluation.FundingRecord", {}),
    # A story's words are the teller's: the trail says they changed, never what they say.
    ("evaluation.Story", {"mask_fields": ["teller_alias", "what_changed", "why_it_matters"]}),
    ("evaluation.StoryTeller", {"mask_fields": ["name", "contact"]}),
    ("evaluation.StorySelection", {}),
    ("evaluation.Outcome", {}),
    ("evaluation.OutcomeSource", {}),
    ("evaluation.Committee", {}),
    ("evaluation.CommitteeMember", {"mask_fields": ["name"]}),
    ("evaluation.CommitteeSession", {}),
    ("evaluation.Seat", {}),
    ("evaluation.Contribution", {"mask_fields": ["text"]}),
    ("evaluation.Opinion", {}),
    ("evaluation.Decision", {}),
    ("evaluation.EvaluationSurvey", {}),
    ("evaluation.PanelMember", {}),
    ("evaluation.SurveyFigure", {}),
]


def register_models() -> None:
    for label, options in REGISTRATIONS:
        model = apps.get_model(label)
        # Copies: auditlog appends to the lists it is given.
        fields = {key: list(value) for key, value in options.items()}
        mask_callable = MASK_CALLABLE if fields.get("mask_fields") else None
        auditlog.register(model, mask_callable=mask_callable, **fields)
