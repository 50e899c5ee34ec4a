"""The roles of Vivier, as data: each is a group (named by its slug) holding permissions.

A person may hold several roles; superusers keep every right. Views never name a role: they
name the permissions they need (:mod:`vivier.accounts.access`), and this table says which
roles hold them. Rights on one object (the holder of this sheet, the enquêteur who entered
this response) are not here but in each app's ``rules.py``.

:func:`sync_roles` makes the groups match this table exactly. The migration
``accounts.0002_roles`` runs it once, and so does every ``migrate`` afterwards (a
``post_migrate`` receiver, :mod:`vivier.accounts.apps`): a change to the table reaches the
database at the next ``migrate``, and groups emptied by a test's flush come back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class Role:
    #: The group's name.
    slug: str
    label: str | Promise
    #: ``app_label.codename`` of each permission the role holds.
    permissions: tuple[str, ...]
    #: What the role opens, for the pages that explain roles (invitations, people).
    description: str | Promise = ""


ADMINISTRATEUR = "administrateur"
ANALYSTE = "analyste"
DONNEES_PERSONNELLES = "donnees_personnelles"
ENQUETEUR = "enqueteur"
GROUPE_DE_TRAVAIL = "groupe_de_travail"
PORTEUR_DE_PROJET = "porteur_de_projet"
MEMBRE_DE_COMITE = "membre_de_comite"
PERSONNE_CONCERNEE = "personne_concernee"
EVALUATEUR = "evaluateur"

ROLES: tuple[Role, ...] = (
    Role(
        ADMINISTRATEUR,
        _("Administrateur"),
        (
            "auth.view_user",
            "auth.add_user",
            "auth.change_user",
            # Sign-in codes for persons concerned (created by accounts.0003, after 0002).
            "accounts.add_signincode",
            "auditlog.view_logentry",
        ),
        _(
            "Les personnes et leurs rôles, les invitations, les codes de connexion, "
            "le journal d’audit."
        ),
    ),
    Role(
        ANALYSTE,
        _("Analyste"),
        (
            "campaigns.view_campaign",
            "campaigns.add_campaign",
            "campaigns.view_questionnaireversion",
            "campaigns.add_questionnaireversion",
            # Every response of a campaign, without personal data: lists, exports, analysis.
            "campaigns.view_response",
            "campaigns.add_importbatch",
            "campaigns.view_textflag",
            "reports.add_remark",
            # Propose a response as a practice, and follow the sheet it became (read only).
            "practices.add_candidate",
            "practices.view_practice",
            # Reads evaluation plans and their approved figures.
            "evaluation.view_plan",
            # Codes the free texts and notes (texts holding names are masked without
            # donnees_personnelles): codebook, codings, rounds, suggestions, quotes.
            "coding.view_source",
            "coding.add_source",
            "coding.add_coding",
            "coding.manage_codebook",
            "coding.add_codinground",
            "coding.add_suggestionmodel",
            "coding.add_quote",
            "coding.change_quote",
        ),
        _(
            "Les campagnes, les questionnaires, les réponses et leurs exports sans données "
            "personnelles, les imports de réponses, l’analyse ; propose des réponses comme "
            "pratiques et lit le registre ; code les textes libres et les notes d’entretien."
        ),
    ),
    Role(
        DONNEES_PERSONNELLES,
        _("Accès aux données personnelles"),
        (
            "campaigns.view_campaign",
            "campaigns.view_responsecontact",
            "campaigns.delete_responsecontact",
            "campaigns.view_textflag",
            "campaigns.change_textflag",
            # Names and contacts found in the texts to code: see them, confirm or dismiss.
            "coding.view_source",
            "coding.review_pii",
        ),
        _(
            "Les coordonnées des personnes : retrouver, exporter, effacer, conservation, "
            "textes libres signalés, données personnelles dans les exports."
        ),
    ),
    Role(
        ENQUETEUR,
        _("Enquêteur"),
        # Only the responses they entered: campaigns/rules.py.
        # Types their interview notes and codes them, and the texts a round gives them:
        # coding/rules.py.
        (
            "campaigns.view_campaign",
            "campaigns.add_response",
            "coding.add_source",
            "coding.add_coding",
        ),
        _(
            "La saisie assistée ; ne voit que les réponses qu’il a saisies ; saisit et code "
            "ses notes d’entretien."
        ),
    ),
    Role(
        GROUPE_DE_TRAVAIL,
        _("Membre du groupe de travail"),
        (
            "practices.view_practice",
            "practices.add_practice",
            "practices.change_practice",
            "practices.publish_practice",
            "practices.change_candidate",
            # Every evaluation plan, and the cross-evaluation committees.
            "evaluation.view_plan",
            "evaluation.change_plan",
            "evaluation.view_committee",
            "evaluation.add_committee",
            "evaluation.change_committee",
            # Reads the codebook and the results of the coding.
            "coding.view_codebook",
        ),
        _(
            "Le registre des pratiques : tri des propositions, validation, publication, "
            "porteurs des fiches ; les plans d’évaluation et les comités d’évaluation croisée."
        ),
    ),
    Role(
        PORTEUR_DE_PROJET,
        _("Porteur de projet"),
        # The right comes with the sheet (Practice.holder): practices/rules.py.
        (),
        _("Ses propres fiches, sous « Mes pratiques »."),
    ),
    Role(
        MEMBRE_DE_COMITE,
        _("Membre de comité"),
        (),
        _("Les comités où il siège."),
    ),
    Role(
        PERSONNE_CONCERNEE,
        _("Personne concernée"),
        (),
        _("Ses propres contributions ; connexion par code court."),
    ),
    Role(
        EVALUATEUR,
        _("Évaluateur"),
        (
            "practices.view_practice",
            "evaluation.view_plan",
            # Approve or return the values holders submit, lock a period.
            "evaluation.approve_measurement",
        ),
        _("Lit les plans d’évaluation ; approuve ou renvoie les mesures, clôt les périodes."),
    ),
)

BY_SLUG = {role.slug: role for role in ROLES}


def role(slug: str) -> Role:
    """The role named ``slug``; a ``KeyError`` naming it when there is none."""
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise KeyError(f"no role named {slug!r}; roles: {', '.join(BY_SLUG)}") from None


def label(slug: str) -> str:
    """The role's name for people (the slug itself for a group that is not a role)."""
    found = BY_SLUG.get(slug)
    return str(found.label) if found else slug


def sync_roles(apps: Apps = global_apps, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Creates each role's group and gives it exactly the table's permissions.

    Every app's permissions are created first (a test's flush or a fresh database may not
    have them yet). Returns the permissions the table names that do not exist in ``apps``:
    none for the current models, but a migration runs against the models of its time.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    existing = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in permission_model.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    missing: list[str] = []
    for each in ROLES:
        group, _created = group_model.objects.using(using).get_or_create(name=each.slug)
        missing += [name for name in each.permissions if name not in existing]
        group.permissions.set([existing[name] for name in each.permissions if name in existing])
    return missing


__all__ = ["BY_SLUG", "ROLES", "Role", "label", "role", "sync_roles"]
