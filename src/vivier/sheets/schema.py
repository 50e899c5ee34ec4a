"""The practice sheet ("fiche"): plain, immutable, JSON-serialisable data.

A sheet follows the template of the 21 fiches of the HCTS 2020 report (identification table,
definition, description, objectives, genesis, funding, methodological landmark, governance,
participation of the persons concerned, progress, conditions, perspectives, results,
evaluation) plus the domain fields the registry needs to follow a practice through its life:
status, dated lifecycle stages, movement, origin, kinds of rupture.

Every closed list is a ``StrEnum`` whose values are the slugs stored in JSON and in the
database; French slugs where the domain word is French, because the people who read exports
and write filters speak of "pair-aidance" and "essaimage", not of translations.

:func:`to_dict` and :func:`from_dict` convert a :class:`Sheet` to and from JSON-native data.
``from_dict`` checks every value against the field's declared type and raises
:class:`SheetFormatError` naming the path of the bad value (``"territory.departements[1]"``),
so an import or an API client can say exactly what to fix.

Pure core: no Django import.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from functools import cache, total_ordering
from typing import Any

from vivier.territories import is_departement_code

# --------------------------------------------------------------------------------------------
# Errors


class SheetFormatError(ValueError):
    """A value of a sheet is invalid; ``path`` says where (``"actors[2].roles[0]"``)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)

    def under(self, prefix: str) -> SheetFormatError:
        """The same error seen from an enclosing object (``prefix`` is the field holding it)."""
        return SheetFormatError(_join(prefix, self.path), self.message)


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


# --------------------------------------------------------------------------------------------
# Closed lists


class Theme(StrEnum):
    """The five themes of the report (its chapters and the banners of its fiches)."""

    FAMILY_CONFERENCES = "conferences_familiales"
    OUTREACH = "aller_vers"
    PEER_SUPPORT = "pair_aidance"
    NETWORKS_PARTNERSHIP = "reseaux_partenariat"
    EMPOWERMENT = "pouvoir_d_agir"


class Status(StrEnum):
    """Survey Q22: is the practice new, revived, or existing but little known?"""

    NASCENT = "naissante"
    REVIVED = "renaissante"
    CONFIDENTIAL = "existante_confidentielle"


class Stage(StrEnum):
    """Lifecycle stage; a sheet keeps their dated history (:class:`StageChange`)."""

    EMERGENCE = "emergence"
    EXPERIMENTATION = "experimentation"
    IMPLEMENTATION = "mise_en_oeuvre"
    CONSOLIDATION = "consolidation"
    INSTITUTIONALISATION = "institutionnalisation"
    SPREADING = "essaimage"
    SUSPENDED = "suspendue"
    ABANDONED = "abandonnee"


class Movement(StrEnum):
    """Direction of the movement: from people to organisations, the reverse, or both."""

    BOTTOM_UP = "ascendant"
    TOP_DOWN = "descendant"
    MIXED = "mixte"


class Origin(StrEnum):
    """Survey Q23: a need seen in the field, or a demand of the hierarchy."""

    FIELD_NEED = "besoin_terrain"
    HIERARCHY_DEMAND = "demande_hierarchie"


class Rupture(StrEnum):
    """The kinds of break with what exists that the report's definition names."""

    EPISTEMOLOGICAL = "epistemologique"
    AXIOLOGICAL = "axiologique"
    SUBSTANTIVE = "substantielle"
    INSTITUTIONAL = "institutionnelle"
    ORGANISATIONAL = "organisationnelle"
    IDEOLOGICAL = "ideologique"


class ActorRole(StrEnum):
    """What an actor does for the practice; an actor may hold several roles."""

    INITIATOR = "initiateur"
    CARRIER = "porteur"
    DESIGNER = "concepteur"
    PARTNER = "partenaire"
    FUNDER = "financeur"
    STEERING = "pilote"
    COORDINATOR = "coordinateur"
    REFERENT = "referent"
    TRAINER = "formateur"
    EVALUATOR = "evaluateur"
    PERSONS_CONCERNED = "personnes_concernees"
    PEER_WORKER = "pair_aidant"
    ELECTED_OFFICIAL = "elu"
    EXPERT = "expert"
    OTHER = "autre"


class FundingType(StrEnum):
    """Kinds of funding seen in the survey answers and the fiches."""

    EXISTING_STAFF = "moyens_humains_existants"
    TRAINING_PLAN = "plan_de_formation"
    OWN_FUNDS = "fonds_propres"
    PARTNER_FUNDING = "financement_partenarial"
    NATIONAL_PROGRAMME = "programme_national"
    CALL_FOR_PROJECTS = "appel_a_projets"
    GLOBAL_ALLOCATION = "dotation_globale"
    REGIONAL_FUNDERS = "financeurs_regionaux"
    FOUNDATION = "fondation"
    ESF = "fse"
    OPCO = "opco"
    LOCAL_AUTHORITY = "collectivite_territoriale"
    STATE_SERVICES = "services_etat"
    PAID_SERVICE = "prestation_payante"
    NO_COST = "aucun_cout"
    OTHER = "autre"


class ParticipationMode(StrEnum):
    """How persons concerned take part, from the most passive to the most active."""

    NONE = "aucune"
    WRITTEN_INFORMATION = "information_ecrite"
    POSTERS = "affichage"
    SOCIAL_NETWORKS = "reseaux_sociaux"
    INFORMATION_MEETING = "reunion_information"
    CONSULTATION = "consultation"
    TESTIMONY = "temoignage"
    DISCUSSION_GROUP = "groupe_de_parole"
    WORKING_GROUP = "groupe_de_travail"
    GOVERNING_BODY = "instance"
    CO_TRAINING = "co_formation"
    PEER_INTERVENTION = "intervention_paire"


class ParticipationRole(StrEnum):
    """The role given to the persons concerned: the report asks whether they only testify."""

    INFORMED = "informe"
    TESTIFIES = "temoigne"
    CONSULTED = "consulte"
    PROPOSES = "propose"
    CO_BUILDS = "co_construit"
    CO_DECIDES = "co_decide"
    CO_EVALUATES = "co_evalue"
    CO_TRAINS = "co_forme"
    PEER_WORKER = "pair_intervenant"


class TerritoryScope(StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"
    DEPARTEMENTAL = "departemental"
    COMMUNAL = "communal"
    LOCAL = "local"


class IndicatorKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class ConditionKind(StrEnum):
    SUCCESS_FACTOR = "success_factor"
    OBSTACLE = "obstacle"


class ConditionCategory(StrEnum):
    """The taxonomy of success factors, levers, points of vigilance and fears (survey Q50-Q53
    and the report's lines of force); free text goes with it in :class:`Condition`."""

    # Success factors offered by survey Q50, and the "other" answers the report regrouped.
    HIERARCHY_SUPPORT = "soutien_hierarchie"
    TEAM_INFORMATION = "information_equipe"
    TRAINING = "formation"
    DEDICATED_TIME = "temps_degage"
    PARTNER_HELP = "aide_partenaires"
    FINANCIAL_MEANS = "moyens_financiers"
    PUBLIC_SUPPORT = "soutien_publics"
    MOTIVATION = "motivation"
    TERRITORY_KNOWLEDGE = "connaissance_territoire"
    # Levers from the lines of force.
    VALUES_ETHICS = "valeurs_ethique"
    WISH_TO_DO_OTHERWISE = "envie_de_faire_autrement"
    IMPETUS = "impulsion"
    CO_BUILT_METHOD = "methode_co_construite"
    PARTNERSHIP_QUALITY = "qualite_partenariat"
    LOCAL_MANAGEMENT = "encadrement_de_proximite"
    ETHICAL_SAFEGUARDS = "filets_de_securite_ethiques"
    MODELLING = "modelisation"
    POLITICAL_SUPPORT = "soutien_politique"
    ROOM_FOR_MANOEUVRE = "marges_de_manoeuvre"
    EMPOWERMENT = "pouvoir_d_agir"
    SOCIAL_JUSTICE_ALLIANCE = "alliance_justice_sociale"
    PLURAL_FUNDING = "financements_pluriels"
    REFLECTION_SPACES = "espaces_de_reflexion"
    # Points of vigilance (Q51), negative points (Q64) and fears (Q53).
    TIME = "temps"
    NEEDS_KNOWLEDGE = "connaissance_besoins"
    MEANING = "sens"
    MANAGEMENT = "management"
    COMMUNICATION = "communication"
    LACK_OF_MEANS = "manque_de_moyens"
    INSTITUTIONAL_SUPPORT = "soutien_institutionnel"
    MOBILISATION = "mobilisation"
    RECOGNITION = "reconnaissance"
    RESISTANCE_TO_CHANGE = "resistance_au_changement"
    WORKLOAD = "surcharge"
    REPRESENTATIONS = "representations"
    DEPARTING_FROM_RULES = "deroger_au_cadre"
    COST = "cout"
    OTHER = "autre"


class MediaKind(StrEnum):
    FILM = "film"
    VIDEO = "video"
    PODCAST = "podcast"
    RADIO = "radio"
    ARTICLE = "article"
    WEBSITE = "site_web"
    DOCUMENT = "document"
    OTHER = "autre"


# --------------------------------------------------------------------------------------------
# Values


_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day ("2016", "2016-10", "2018-09-25").

    The fiches date most events by year or month only; a full ``datetime.date`` would invent
    a day. In JSON it is the ISO string of its known part, which sorts as text.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9999:
            raise SheetFormatError("year", f"{self.year} is not a four-digit year")
        if self.month is None:
            if self.day is not None:
                raise SheetFormatError("day", "a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise SheetFormatError("month", f"{self.month} is not a month (1-12)")
        if self.day is not None:
            try:
                datetime.date(self.year, self.month, self.day)
            except ValueError as error:
                raise SheetFormatError("day", str(error)) from None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PARTIAL_DATE_RE.match(text.strip())
        if match is None:
            raise SheetFormatError("", f"{text!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except SheetFormatError as error:
            raise SheetFormatError("", f"{text!r}: {error.message}") from None

    def sort_key(self) -> tuple[int, int, int]:
        # An unknown month or day sorts before the known ones: "2016" < "2016-01".
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def _check_year(name: str, year: int | None) -> None:
    if year is not None and not 1800 <= year <= 2200:
        raise SheetFormatError(name, f"{year} is not a plausible year")


@dataclass(frozen=True)
class Commune:
    name: str
    insee: str | None = None  # the COG code ("33063"), when known

    def __post_init__(self) -> None:
        if self.insee is not None and not re.fullmatch(r"\d[\dAB]\d{3}", self.insee):
            raise SheetFormatError("insee", f"{self.insee!r} is not a commune code (5 chars)")


@dataclass(frozen=True)
class Territory:
    """Where the practice runs: official codes for maps and facets, and the label as written."""

    scope: TerritoryScope | None = None
    departements: tuple[str, ...] = ()  # COG codes: "33", "2A", "974"
    communes: tuple[Commune, ...] = ()
    label: str = ""  # as the sheet writes it ("Siège à Lyon + plusieurs territoires")

    def __post_init__(self) -> None:
        for index, code in enumerate(self.departements):
            if not is_departement_code(code):
                raise SheetFormatError(
                    f"departements[{index}]", f"{code!r} is not a département code"
                )


@dataclass(frozen=True)
class Actor:
    name: str
    roles: tuple[ActorRole, ...] = ()
    kind: str = ""  # free: "conseil départemental", "association", "CAF"...
    note: str = ""  # what the sheet says of the actor beyond its name


@dataclass(frozen=True)
class TimelineEvent:
    """One dated step of the genesis; ``date_text`` keeps the words ("Fin 2016")."""

    date: PartialDate | None
    text: str
    date_text: str = ""


@dataclass(frozen=True)
class Funding:
    funder: str = ""
    type: FundingType | None = None
    amount: float | None = None
    currency: str = "EUR"
    period: str = ""  # "2020", "2019-2021": periods are written too many ways to parse
    text: str = ""


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: float | None = None
    unit: str = ""
    year: int | None = None
    source: str = ""  # the sentence or document the figure comes from
    qualifier: str = ""  # "plus de", "environ", "près de": a figure is not always exact

    def __post_init__(self) -> None:
        _check_year("year", self.year)


@dataclass(frozen=True)
class Indicator:
    label: str
    kind: IndicatorKind = IndicatorKind.QUALITATIVE


@dataclass(frozen=True)
class Participation:
    """How persons concerned take part, at which stage, in which role."""

    mode: ParticipationMode
    role: ParticipationRole | None = None
    stage: Stage | None = None
    text: str = ""


@dataclass(frozen=True)
class Condition:
    kind: ConditionKind
    category: ConditionCategory | None = None
    text: str = ""


@dataclass(frozen=True)
class MediaLink:
    url: str
    kind: MediaKind = MediaKind.OTHER
    title: str = ""
    # People shown in a film or heard in a podcast must have agreed to its publication; the
    # public catalogue shows only links whose consent is recorded.
    consent_recorded: bool = False

    def __post_init__(self) -> None:
        if not re.match(r"^https?://\S+$", self.url):
            raise SheetFormatError("url", f"{self.url!r} is not an http(s) address")


@dataclass(frozen=True)
class StageChange:
    stage: Stage
    date: PartialDate | None = None
    evidence: str = ""  # what shows it: "inscrite au schéma départemental"...


@dataclass(frozen=True)
class SubPractice:
    """One of several practices held by a sheet (the report's 5E holds two)."""

    name: str
    description: str = ""


@dataclass(frozen=True)
class Section:
    """A labelled block a sheet carries outside the template ("Historique du projet")."""

    label: str
    text: str


_CODE_RE = re.compile(r"^\d{1,2}[A-Z]$")


@dataclass(frozen=True)
class Sheet:
    """A practice sheet. Only the title is required: drafts are filled in over time."""

    title: str
    code: str | None = None  # the report's number ("1A".."5F"); None for new sheets
    summary: str = ""
    themes: tuple[Theme, ...] = ()
    tags: tuple[str, ...] = ()
    territory: Territory = field(default_factory=Territory)
    start_year: int | None = None
    year_text: str = ""  # the "Année" cell as written ("Depuis 2016", "2020-2021")
    actors: tuple[Actor, ...] = ()
    publics: tuple[str, ...] = ()
    definition: str = ""
    description: str = ""
    objectives: str = ""
    genesis: str = ""
    timeline: tuple[TimelineEvent, ...] = ()
    funding_text: str = ""
    funding: tuple[Funding, ...] = ()
    references: str = ""  # "Repère méthodologique"
    governance: str = ""
    participation_text: str = ""
    participation: tuple[Participation, ...] = ()
    progress: str = ""  # "Etat d'avancée" outside its Déploiement/Conditions/Perspectives
    deployment: str = ""
    conditions_text: str = ""
    conditions: tuple[Condition, ...] = ()
    perspectives: str = ""
    implementation_review: str = ""  # "Mise en œuvre" under the "Bilan"
    results: str = ""  # "Effets de la pratique par rapport aux objectifs et attentes"
    evaluation: str = ""
    indicators: tuple[Indicator, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    status: Status | None = None
    stage_history: tuple[StageChange, ...] = ()  # oldest first
    movement: Movement | None = None
    origin: Origin | None = None
    ruptures: tuple[Rupture, ...] = ()
    practices: tuple[SubPractice, ...] = ()
    other_sections: tuple[Section, ...] = ()
    media: tuple[MediaLink, ...] = ()
    sources: tuple[str, ...] = ()  # free: "Rapport HCTS 2020, fiche 1A", a URL...

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise SheetFormatError("title", "a sheet needs a title")
        if self.code is not None and not _CODE_RE.match(self.code):
            raise SheetFormatError("code", f"{self.code!r} is not a sheet code like '1A'")
        _check_year("start_year", self.start_year)

    @property
    def stage(self) -> Stage | None:
        """The current stage: the last of the history."""
        return self.stage_history[-1].stage if self.stage_history else None


# --------------------------------------------------------------------------------------------
# JSON-native conversion


def to_dict(sheet: Sheet) -> dict[str, Any]:
    """The sheet as JSON-native data (every field, tuples as lists, enums as their slugs)."""
    encoded = _encode(sheet)
    assert isinstance(encoded, dict)
    return encoded


def _encode(value: object) -> object:
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


def from_dict(data: Mapping[str, Any]) -> Sheet:
    """Read a sheet from JSON-native data; missing fields take their defaults.

    Raises :class:`SheetFormatError` on the first bad value, naming its path.
    """
    sheet = _decode_dataclass(Sheet, data, "")
    assert isinstance(sheet, Sheet)
    return sheet


def encode(value: object) -> object:
    """Any frozen dataclass of a pure core package as JSON-native data (the plan uses it)."""
    return _encode(value)


def decode_as(cls: type[Any], data: object) -> Any:
    """Read ``cls`` (a frozen dataclass) from JSON-native data with the sheet's rules.

    Raises :class:`SheetFormatError` naming the path of the first bad value.
    """
    return _decode_dataclass(cls, data, "")


@cache
def _hints(cls: Any) -> dict[str, Any]:
    # The module uses postponed annotations: resolve them once per class.
    return typing.get_type_hints(cls)


def _decode_dataclass(cls: Any, data: object, path: str) -> Any:
    if not isinstance(data, Mapping):
        raise SheetFormatError(path, f"expected an object, got {_kind(data)}")
    hints = _hints(cls)
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SheetFormatError(_join(path, str(unknown[0])), "unknown field")
    kwargs: dict[str, Any] = {}
    for name, spec in known.items():
        if name not in data:
            if spec.default is spec.default_factory:  # both MISSING: a required field
                raise SheetFormatError(_join(path, name), "this field is required")
            continue
        kwargs[name] = _decode(hints[name], data[name], _join(path, name))
    try:
        return cls(**kwargs)
    except SheetFormatError as error:
        raise error.under(path) from None


def _decode(tp: Any, value: object, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin is types.UnionType or origin is typing.Union:
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        (inner,) = (a for a in args if a is not type(None))  # only "X | None" is used
        return _decode(inner, value, path)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise SheetFormatError(path, f"expected a list, got {_kind(value)}")
        item_type = typing.get_args(tp)[0]
        return tuple(_decode(item_type, item, f"{path}[{i}]") for i, item in enumerate(value))
    if tp is PartialDate:
        if not isinstance(value, str):
            raise SheetFormatError(path, f"expected a date as text, got {_kind(value)}")
        try:
            return PartialDate.parse(value)
        except SheetFormatError as error:
            raise error.under(path) from None
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        try:
            return tp(value)  # type: ignore[arg-type]  # non-text values fail here too
        except ValueError:
            allowed = ", ".join(member.value for member in tp)
            raise SheetFormatError(path, f"{value!r} is not one of: {allowed}") from None
    if isinstance(tp, type) and is_dataclass(tp):
        return _decode_dataclass(tp, value, path)
    if tp is str:
        if not isinstance(value, str):
            raise SheetFormatError(path, f"expected text, got {_kind(value)}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise SheetFormatError(path, f"expected true or false, got {_kind(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SheetFormatError(path, f"expected a whole number, got {_kind(value)}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SheetFormatError(path, f"expected a number, got {_kind(value)}")
        return value
    if tp is datetime.date:
        if not isinstance(value, str):
            raise SheetFormatError(path, f"expected a date as text, got {_kind(value)}")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise SheetFormatError(path, f"{value!r} is not a date (YYYY-MM-DD)") from None
    raise TypeError(f"{path}: no decoder for {tp!r}")  # a programming error, not bad data


def _kind(value: object) -> str:
    if value is None:
        return "null"
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }
    return names.get(type(value), f"a {type(value).__name__}")


__all__ = [
    "Actor",
    "ActorRole",
    "Commune",
    "Condition",
    "ConditionCategory",
    "ConditionKind",
    "Funding",
    "FundingType",
    "Indicator",
    "IndicatorKind",
    "KeyFigure",
    "MediaKind",
    "MediaLink",
    "Movement",
    "Origin",
    "PartialDate",
    "Participation",
    "ParticipationMode",
    "ParticipationRole",
    "Rupture",
    "Section",
    "Sheet",
    "SheetFormatError",
    "Stage",
    "StageChange",
    "Status",
    "SubPractice",
    "Territory",
    "TerritoryScope",
    "Theme",
    "TimelineEvent",
    "decode_as",
    "encode",
    "from_dict",
    "to_dict",
]
