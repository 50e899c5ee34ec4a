"""What an audit line can say: each event's code, its label, and the kind it is filtered by.

An event code is stored with every line (``LogEntry.additional_data["event"]``) and never
changes: the page and the ``audit`` command filter on it. Labels are for people, in French
with their English translation. A kind groups events for the filters ("Exports", "Imports");
"deletion" is the one kind read from auditlog's own action instead (every line whose action
is ``DELETE``: a record deleted, personal data erased, old audit lines purged).

This module imports no model: the settings-free parts of the app (the command's argument
parser) can read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# auditlog's LogEntry.Action values, repeated here so that this module needs no model.
CREATE, UPDATE, DELETE, ACCESS = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Kind:
    code: str
    label: str | Promise


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("sign-in", _("Connexions")),
        Kind("sign-in-failed", _("Connexions refusées")),
        Kind("roles", _("Rôles et droits")),
        Kind("accounts", _("Comptes et invitations")),
        Kind("personal-data-view", _("Consultations de données personnelles")),
        Kind("export", _("Exports")),
        Kind("erasure", _("Effacements de données personnelles")),
        Kind("publication", _("Publications")),
        Kind("unpublication", _("Dépublications")),
        Kind("import", _("Imports")),
        Kind("deletion", _("Suppressions")),
        Kind("creation", _("Créations")),
        Kind("change", _("Modifications")),
        Kind("other", _("Autres")),
    )
}


@dataclass(frozen=True, slots=True)
class Event:
    code: str
    label: str | Promise
    kind: str
    #: The auditlog action an explicit line of this event is stored with.
    action: int = ACCESS


EVENTS: dict[str, Event] = {
    event.code: event
    for event in (
        # Sign-in (django.contrib.auth's signals).
        Event("auth.login", _("Connexion"), "sign-in"),
        Event("auth.login-failed", _("Connexion refusée"), "sign-in-failed"),
        Event("auth.code-failed", _("Code de connexion refusé"), "sign-in-failed"),
        Event("auth.logout", _("Déconnexion"), "sign-in"),
        # Accounts and roles (model changes of auth.User, auth.Group, invitations, codes).
        Event("account.create", _("Compte créé"), "accounts", CREATE),
        Event("account.update", _("Compte modifié"), "accounts", UPDATE),
        Event("account.delete", _("Compte supprimé"), "accounts", DELETE),
        Event("account.roles", _("Rôles ou droits d’un compte modifiés"), "roles", UPDATE),
        Event("role.create", _("Rôle créé"), "roles", CREATE),
        Event("role.update", _("Rôle modifié"), "roles", UPDATE),
        Event("role.delete", _("Rôle supprimé"), "roles", DELETE),
        Event("invitation.create", _("Invitation envoyée"), "accounts", CREATE),
        Event("invitation.update", _("Invitation modifiée"), "accounts", UPDATE),
        Event("invitation.delete", _("Invitation supprimée"), "accounts", DELETE),
        Event("sign-in-code.create", _("Code de connexion créé"), "accounts", CREATE),
        Event("sign-in-code.update", _("Code de connexion modifié"), "accounts", UPDATE),
        Event("sign-in-code.delete", _("Code de connexion supprimé"), "accounts", DELETE),
        # Personal data (vivier.campaigns.privacy's register, and the staff pages).
        Event("personal-data.view", _("Coordonnées d’une réponse affichées"), "personal-data-view"),
        Event(
            "personal-data.view-flagged",
            _("Textes libres signalés affichés en clair"),
            "personal-data-view",
        ),
        Event("personal-data.find", _("Recherche d’une personne"), "personal-data-view"),
        Event("personal-data.export", _("Export des données d’une personne"), "export"),
        Event("personal-data.erase", _("Effacement des données d’une personne"), "erasure", DELETE),
        Event(
            "personal-data.erase-campaign",
            _("Effacement des coordonnées d’une campagne"),
            "erasure",
            DELETE,
        ),
        Event("personal-data.purge", _("Purge des données expirées"), "erasure", DELETE),
        Event(
            "personal-data.redact-text",
            _("Coordonnées masquées dans un texte libre"),
            "erasure",
            UPDATE,
        ),
        Event("personal-data.keep-text", _("Texte libre signalé conservé"), "other", UPDATE),
        Event("personal-data.scan", _("Relecture des textes libres"), "other", UPDATE),
        # Exports.
        Event("responses.export", _("Export des réponses"), "export"),
        Event("responses.entry", _("Saisie accompagnée commencée"), "creation", CREATE),
        Event("report.export", _("Téléchargement du rapport"), "export"),
        Event(
            "evaluation.panel-links",
            _("Liens personnels d’un panel d’évaluation affichés ou téléchargés"),
            "export",
        ),
        # Imports.
        Event("questionnaire.import", _("Import d’un questionnaire"), "import", CREATE),
        Event("responses.import", _("Import de réponses"), "import", CREATE),
        Event("practices.import", _("Import de fiches pratiques"), "import", CREATE),
        # The registry's workflow (model changes of practices.Practice).
        Event("practice.publish", _("Fiche publiée"), "publication", UPDATE),
        Event("practice.unpublish", _("Fiche dépubliée"), "unpublication", UPDATE),
        Event("practice.state", _("État d’une fiche changé"), "change", UPDATE),
        Event("practice.holder", _("Porteur d’une fiche changé"), "change", UPDATE),
        # The coding of free texts and notes (vivier.coding).
        Event("coding.sources-sync", _("Textes à coder mis à jour"), "change", UPDATE),
        Event("coding.note-create", _("Note d’entretien saisie"), "creation", CREATE),
        Event("coding.note-import", _("Note d’entretien importée"), "import", CREATE),
        Event("coding.note-edit", _("Note d’entretien corrigée"), "change", UPDATE),
        Event(
            "coding.source-view-personal",
            _("Texte à coder affiché avec ses données personnelles"),
            "personal-data-view",
        ),
        Event("coding.codebook-change", _("Livre de codes modifié"), "change", UPDATE),
        Event("coding.codebook-starter", _("Livre de codes de départ chargé"), "import", CREATE),
        Event("coding.round-create", _("Cycle de double codage ouvert"), "creation", CREATE),
        Event("coding.round-close", _("Cycle de double codage clos"), "change", UPDATE),
        Event("coding.adjudicate", _("Désaccord de codage tranché"), "change", UPDATE),
        Event("coding.agreement-export", _("Export de l’accord entre codeurs"), "export"),
        Event("coding.suggestions-train", _("Modèle de suggestions entraîné"), "creation", CREATE),
        Event("coding.suggestions-propose", _("Codes suggérés par le modèle"), "other", CREATE),
        Event("coding.suggestion-accept", _("Suggestion de code acceptée"), "change", UPDATE),
        Event("coding.suggestion-reject", _("Suggestion de code refusée"), "change", UPDATE),
        Event(
            "coding.pii-review",
            _("Donnée personnelle d’un texte confirmée ou écartée"),
            "personal-data-view",
            UPDATE,
        ),
        Event("coding.quote-create", _("Citation créée"), "creation", CREATE),
        Event("coding.quote-edit", _("Citation modifiée"), "change", UPDATE),
        Event("coding.quote-review", _("Citation vérifiée"), "change", UPDATE),
        Event("coding.export", _("Export du codage (REFI-QDA, CSV)"), "export"),
        Event("coding.import", _("Import d’un codage (REFI-QDA)"), "import", CREATE),
        # Any other registered model.
        Event("create", _("Création"), "creation", CREATE),
        Event("update", _("Modification"), "change", UPDATE),
        Event("delete", _("Suppression"), "deletion", DELETE),
        # The trail itself.
        Event("audit.purge", _("Purge du journal (durée de conservation)"), "other", DELETE),
    )
}


def event(code: str) -> Event:
    """The event of ``code``; an unknown code (a newer version wrote it) keeps its code."""
    return EVENTS.get(code) or Event(code, code, "other")


def codes_of_kind(kind: str) -> list[str]:
    return [e.code for e in EVENTS.values() if e.kind == kind]


__all__ = ["ACCESS", "CREATE", "DELETE", "EVENTS", "KINDS", "UPDATE", "Event", "Kind", "event"]
