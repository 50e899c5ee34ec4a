"""The catalogue of every user-facing error of the survey engine, in French and English.

Why a catalogue rather than messages written where the error is raised (the lesson of
pyxform's ``ErrorCode``): the wording is reviewed in one place, every message says what is
wrong, where, and how to fix it, each code can be tested, and callers (the Django shell, the
command line, importers) can react to a code without parsing a sentence.

Templates use ``str.format`` placeholders. Besides the issue's own ``params``, every template
may use the location placeholders ``{question}``, ``{section}``, ``{position}`` (1-based
character position, as people count), ``{subject}``/``{Subject}`` ("la question « q5 »") and
``{field}`` ("la condition d'affichage"), filled from the issue's location.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum, unique
from typing import TYPE_CHECKING, Any

from vivier.problems.base import (
    MAX_LISTED,
    CatalogueCode,
    Localized,
    Severity,
    render,
    render_list,
)

if TYPE_CHECKING:
    from vivier.problems.diagnostic import Diagnostic, Location


class Field(StrEnum):
    """Which expression of a question or section an issue points into."""

    RELEVANT = "relevant"
    CONSTRAINT = "constraint"


_E = Severity.ERROR
_W = Severity.WARNING

_EXPR_FR = "Expression invalide au caractère {position} : "
_EXPR_EN = "Invalid expression at character {position}: "


@unique
class ErrorCode(CatalogueCode):
    """One member per kind of problem: (French template, English template, severity).

    The stable identifier of a code is its ``name`` (``ErrorCode.REQUIRED.name``); values are
    numbered in order of definition only so that two codes with the same wording (the
    ``*_CUSTOM`` ones) stay two codes instead of becoming aliases. The files' problems
    (imports, documents) have their own catalogue on the same base:
    :class:`vivier.problems.codes.ProblemCode`.
    """

    # -- Expression syntax (the parser) ------------------------------------------------------
    EXPR_EMPTY = (
        "L'expression est vide : écrivez une condition, par exemple ${{q1}} = 'oui'.",
        "The expression is empty: write a condition, for example ${{q1}} = 'oui'.",
        _E,
    )
    EXPR_UNEXPECTED_CHAR = (
        _EXPR_FR + "le caractère « {char} » n'est pas reconnu ; supprimez-le.",
        _EXPR_EN + "the character '{char}' is not recognised; remove it.",
        _E,
    )
    EXPR_CURLY_QUOTE = (
        _EXPR_FR + "« {char} » est un guillemet typographique ; entourez les textes de "
        "guillemets droits ' ou \".",
        _EXPR_EN + "'{char}' is a typographic quote; surround texts with straight quotes ' or \".",
        _E,
    )
    EXPR_DOUBLE_EQUALS = (
        _EXPR_FR + "« == » n'existe pas : pour comparer, écrivez un seul « = ».",
        _EXPR_EN + "'==' does not exist: to compare, write a single '='.",
        _E,
    )
    EXPR_WRONG_OPERATOR = (
        _EXPR_FR + "« {found} » n'existe pas : écrivez « {replacement} ».",
        _EXPR_EN + "'{found}' does not exist: write '{replacement}'.",
        _E,
    )
    EXPR_UNTERMINATED_STRING = (
        _EXPR_FR + "le texte qui commence par {quote} n'est jamais fermé : ajoutez un {quote} "
        "à la fin du texte.",
        _EXPR_EN + "the text that starts with {quote} is never closed: add a {quote} at its end.",
        _E,
    )
    EXPR_BAD_REFERENCE = (
        _EXPR_FR + "« $ » doit être suivi d'un nom de question entre accolades, par exemple "
        "${{q5}}.",
        _EXPR_EN + "'$' must be followed by a question name in braces, for example ${{q5}}.",
        _E,
    )
    EXPR_EXPECTED = (
        _EXPR_FR + "« {expected} » attendu, mais « {found} » trouvé.",
        _EXPR_EN + "'{expected}' expected, but '{found}' found.",
        _E,
    )
    EXPR_UNEXPECTED_TOKEN = (
        _EXPR_FR + "« {found} » n'est pas à sa place ici ; vérifiez qu'il ne manque pas un "
        "opérateur (and, or, =…) ou une parenthèse.",
        _EXPR_EN + "'{found}' is out of place here; check for a missing operator (and, or, =…) "
        "or parenthesis.",
        _E,
    )
    EXPR_UNEXPECTED_END = (
        _EXPR_FR + "l'expression s'arrête trop tôt : il manque {expected}.",
        _EXPR_EN + "the expression ends too early: {expected} is missing.",
        _E,
    )
    EXPR_UNKNOWN_FUNCTION = (
        _EXPR_FR + "la fonction « {name} » n'existe pas. Fonctions disponibles : {functions}.",
        _EXPR_EN + "the function '{name}' does not exist. Available functions: {functions}.",
        _E,
    )
    EXPR_ARITY = (
        _EXPR_FR + "la fonction « {name} » attend {expected} argument(s), mais en reçoit {found}.",
        _EXPR_EN + "the function '{name}' takes {expected} argument(s), but receives {found}.",
        _E,
    )
    EXPR_BARE_NAME = (
        _EXPR_FR + "« {name} » n'est ni une fonction ni un opérateur. Pour désigner une question, "
        "écrivez ${{{name}}} ; pour un texte, écrivez '{name}'.",
        _EXPR_EN + "'{name}' is neither a function nor an operator. To refer to a question, write "
        "${{{name}}}; for a text, write '{name}'.",
        _E,
    )
    EXPR_TOO_DEEP = (
        _EXPR_FR + "l'expression est trop imbriquée (plus de {limit} niveaux) ; simplifiez-la.",
        _EXPR_EN + "the expression is nested too deeply (more than {limit} levels); simplify it.",
        _E,
    )

    # -- Questionnaire structure (static validation) -----------------------------------------
    DUPLICATE_QUESTION_NAME = (
        "Le nom « {name} » est donné à {count} questions (sections {sections}) : chaque question "
        "doit avoir un nom unique ; renommez-en une.",
        "The name '{name}' is given to {count} questions (sections {sections}): each question "
        "needs a unique name; rename one of them.",
        _E,
    )
    DUPLICATE_SECTION_NAME = (
        "Le nom « {name} » est donné à {count} sections : chaque section doit avoir un nom "
        "unique ; renommez-en une.",
        "The name '{name}' is given to {count} sections: each section needs a unique name; "
        "rename one of them.",
        _E,
    )
    INVALID_QUESTION_NAME = (
        "Le nom de question « {name} » n'est pas valide : il doit commencer par une lettre ou "
        "« _ » et ne contenir que des lettres sans accent, des chiffres et « _ » (par exemple "
        "q5 ou age_repondant).",
        "The question name '{name}' is not valid: it must start with a letter or '_' and hold "
        "only unaccented letters, digits and '_' (for example q5 or respondent_age).",
        _E,
    )
    INVALID_SECTION_NAME = (
        "Le nom de section « {name} » n'est pas valide : il doit commencer par une lettre ou "
        "« _ » et ne contenir que des lettres sans accent, des chiffres et « _ ».",
        "The section name '{name}' is not valid: it must start with a letter or '_' and hold "
        "only unaccented letters, digits and '_'.",
        _E,
    )
    OTHER_NAME_COLLISION = (
        "La question « {question} » propose « Autre (précisez) », dont le texte est enregistré "
        "sous « {name} » ; ce nom est déjà celui d'une autre question. Renommez l'une des deux.",
        "The question '{question}' offers 'Other (specify)', whose text is stored as '{name}'; "
        "that name already belongs to another question. Rename one of them.",
        _E,
    )
    EMPTY_SECTION = (
        "La section « {section} » ne contient aucune question : ajoutez-en ou supprimez-la.",
        "The section '{section}' holds no question: add some or remove it.",
        _W,
    )
    NO_CHOICES = (
        "La question à choix « {question} » n'a aucune option : ajoutez au moins deux options.",
        "The choice question '{question}' has no option: add at least two options.",
        _E,
    )
    DUPLICATE_CHOICE_VALUE = (
        "La question « {question} » a plusieurs options de valeur « {value} » : chaque option "
        "doit avoir une valeur unique.",
        "The question '{question}' has several options with the value '{value}': each option "
        "needs a unique value.",
        _E,
    )
    INVALID_CHOICE_VALUE = (
        "La question « {question} » a une option de valeur « {value} » : une valeur ne peut "
        "être vide ni contenir d'espace, car les choix multiples sont enregistrés séparés par "
        "des espaces.",
        "The question '{question}' has an option with the value '{value}': a value can be "
        "neither empty nor hold a space, because multiple choices are stored space-separated.",
        _E,
    )
    RESERVED_OTHER_VALUE = (
        "La question « {question} » a une option de valeur « other » alors que « Autre "
        "(précisez) » est activé : cette valeur est réservée. Renommez l'option ou désactivez "
        "« Autre ».",
        "The question '{question}' has an option with the value 'other' while 'Other (specify)' "
        "is on: that value is reserved. Rename the option or turn 'Other' off.",
        _E,
    )
    RATING_TOO_FEW_POINTS = (
        "L'échelle de la question « {question} » n'a que {points} point(s) : une échelle en "
        "demande au moins 2.",
        "The scale of the question '{question}' has only {points} point(s): a scale needs at "
        "least 2.",
        _E,
    )
    DUPLICATE_GRID_ROW = (
        "La grille « {question} » a plusieurs lignes de valeur « {value} » : chaque ligne doit "
        "avoir une valeur unique.",
        "The grid '{question}' has several rows with the value '{value}': each row needs a "
        "unique value.",
        _E,
    )
    RATING_LABEL_OUT_OF_SCALE = (
        "L'échelle de la question « {question} » nomme le point {point}, qui n'existe pas (de "
        "{minimum} à {maximum}) : ce libellé ne sera jamais affiché.",
        "The scale of the question '{question}' names the point {point}, which does not exist "
        "(from {minimum} to {maximum}): that label will never show.",
        _W,
    )
    CHOICES_IGNORED = (
        "La question « {question} » ({type}) a des options, qui ne seront pas affichées : "
        "changez son type ou retirez les options.",
        "The question '{question}' ({type}) has options, which will not show: change its type "
        "or remove the options.",
        _W,
    )
    OTHER_IGNORED = (
        "La question « {question} » ({type}) active « Autre (précisez) », qui n'a de sens que "
        "pour une question à choix.",
        "The question '{question}' ({type}) turns on 'Other (specify)', which only makes sense "
        "for a choice question.",
        _W,
    )
    REQUIRED_DISPLAY = (
        "« {question} » est un texte d'information : il ne reçoit pas de réponse et ne peut "
        "pas être obligatoire. Décochez « obligatoire ».",
        "'{question}' is an information text: it takes no answer and cannot be required. Untick "
        "'required'.",
        _E,
    )
    CONSTRAINT_ON_DISPLAY = (
        "« {question} » est un texte d'information : sa contrainte ne sera jamais vérifiée ; "
        "supprimez-la.",
        "'{question}' is an information text: its constraint will never be checked; remove it.",
        _W,
    )

    # -- References and types in expressions (static validation) -----------------------------
    UNKNOWN_REFERENCE = (
        "{Subject} : {field} fait référence à « {name} », qui n'existe pas. Vérifiez "
        "l'orthographe du nom.",
        "{Subject}: {field} refers to '{name}', which does not exist. Check the spelling of the "
        "name.",
        _E,
    )
    UNKNOWN_REFERENCE_SUGGEST = (
        "{Subject} : {field} fait référence à « {name} », qui n'existe pas. Vouliez-vous dire "
        "« {suggestion} » ?",
        "{Subject}: {field} refers to '{name}', which does not exist. Did you mean '{suggestion}'?",
        _E,
    )
    FORWARD_REFERENCE = (
        "{Subject} fait référence à « {name} », qui vient après elle : une condition ne peut "
        "porter que sur une question posée avant. Déplacez « {name} » plus haut ou changez la "
        "condition.",
        "{Subject} refers to '{name}', which comes after it: a condition can only use a question "
        "asked before. Move '{name}' up or change the condition.",
        _E,
    )
    SECTION_OWN_REFERENCE = (
        "La condition d'affichage de la section « {section} » porte sur « {name} », qui est "
        "posée dans cette section : la condition d'une section ne peut porter que sur les "
        "sections précédentes. Mettez la condition sur la question ou déplacez « {name} ».",
        "The display condition of the section '{section}' uses '{name}', which is asked in that "
        "very section: a section's condition can only use earlier sections. Put the condition "
        "on the question or move '{name}'.",
        _E,
    )
    SELF_REFERENCE = (
        "La condition d'affichage de la question « {question} » porte sur sa propre réponse : "
        "une question ne peut pas dépendre d'elle-même. Supprimez ${{{question}}} de la "
        "condition.",
        "The display condition of the question '{question}' uses its own answer: a question "
        "cannot depend on itself. Remove ${{{question}}} from the condition.",
        _E,
    )
    CONSTRAINT_SELF_REFERENCE = (
        "La contrainte de la question « {question} » écrit ${{{question}}} : écrivez plutôt "
        "« . », qui désigne la réponse en cours.",
        "The constraint of the question '{question}' writes ${{{question}}}: write '.' instead, "
        "which stands for the answer being checked.",
        _W,
    )
    CURRENT_IN_RELEVANCE = (
        "{Subject} : « . » (la réponse en cours) n'a de sens que dans une contrainte ; dans une "
        "condition d'affichage, désignez la question par son nom, par exemple ${{q5}}.",
        "{Subject}: '.' (the answer being checked) only makes sense in a constraint; in a "
        "display condition, name the question, for example ${{q5}}.",
        _E,
    )
    CYCLE = (
        "Les conditions forment une boucle : {cycle}. Une question ne peut pas dépendre, même "
        "indirectement, d'elle-même ; cassez la boucle.",
        "The conditions form a loop: {cycle}. A question cannot depend, even indirectly, on "
        "itself; break the loop.",
        _E,
    )
    REFERENCE_TO_DISPLAY = (
        "{Subject} fait référence à « {name} », un texte d'information qui ne reçoit jamais de "
        "réponse : la valeur sera toujours vide.",
        "{Subject} refers to '{name}', an information text that never receives an answer: its "
        "value is always empty.",
        _E,
    )
    REFERENCE_TO_GRID = (
        "{Subject} fait référence à « {name} », une grille d'évaluation : ses réponses (une par "
        "ligne) ne peuvent pas être utilisées dans une expression.",
        "{Subject} refers to '{name}', a rating grid: its answers (one per row) cannot be used "
        "in an expression.",
        _E,
    )
    TYPE_MISMATCH_NUMBER = (
        "{Subject} compare « {name} », qui reçoit un nombre, avec « {value} », qui n'en est pas "
        "un : la comparaison sera toujours fausse. Comparez avec un nombre, par exemple 3.",
        "{Subject} compares '{name}', which holds a number, with '{value}', which is not one: "
        "the comparison is always false. Compare with a number, for example 3.",
        _E,
    )
    TYPE_MISMATCH_DATE = (
        "{Subject} compare la date « {name} » avec « {value} », qui n'est pas une date : écrivez "
        "la date sous la forme 'AAAA-MM-JJ', par exemple '2021-03-25'.",
        "{Subject} compares the date '{name}' with '{value}', which is not a date: write the "
        "date as 'YYYY-MM-DD', for example '2021-03-25'.",
        _E,
    )
    RELATIONAL_ON_TEXT = (
        "{Subject} utilise « {op} » avec le texte « {value} » : « < », « <= », « > » et « >= » ne "
        "comparent que des nombres ou des dates 'AAAA-MM-JJ', la comparaison sera toujours "
        "fausse.",
        "{Subject} uses '{op}' with the text '{value}': '<', '<=', '>' and '>=' only compare "
        "numbers or 'YYYY-MM-DD' dates, so the comparison is always false.",
        _E,
    )
    SELECTED_ON_NON_CHOICE = (
        "{Subject} utilise {function}() sur « {name} », qui n'est pas une question à choix "
        "({type}) : cette fonction ne sert qu'aux questions à choix.",
        "{Subject} uses {function}() on '{name}', which is not a choice question ({type}): that "
        "function is only for choice questions.",
        _E,
    )
    COUNT_ON_SINGLE_CHOICE = (
        "{Subject} utilise count-selected() sur « {name} », qui n'accepte qu'une réponse : le "
        "résultat vaudra toujours 0 ou 1. Testez plutôt ${{{name}}} != ''.",
        "{Subject} uses count-selected() on '{name}', which takes a single answer: the result "
        "is always 0 or 1. Test ${{{name}}} != '' instead.",
        _W,
    )
    ARITHMETIC_ON_TEXT = (
        "{Subject} calcule avec « {name} », qui ne reçoit pas un nombre ({type}) : le résultat "
        "sera NaN (pas un nombre).",
        "{Subject} computes with '{name}', which does not hold a number ({type}): the result is "
        "NaN (not a number).",
        _W,
    )
    UNKNOWN_OPTION = (
        "{Subject} compare « {name} » avec « {value} », qui ne fait pas partie de ses options : "
        "cette comparaison ne sera jamais vraie. Valeurs possibles : {options}.",
        "{Subject} compares '{name}' with '{value}', which is not one of its options: this "
        "comparison can never be true. Possible values: {options}.",
        _E,
    )
    MULTI_EQUALS = (
        "{Subject} compare la question à choix multiple « {name} » avec « {op} » : ce n'est vrai "
        "que si exactement ces options sont cochées. Pour tester une option, écrivez "
        "selected(${{{name}}}, '{value}').",
        "{Subject} compares the multiple-choice question '{name}' with '{op}': it is true only "
        "when exactly these options are ticked. To test one option, write "
        "selected(${{{name}}}, '{value}').",
        _W,
    )
    UNREACHABLE_QUESTION = (
        "La condition d'affichage de la question « {question} » ne peut jamais être vraie : la "
        "question ne sera jamais posée. Vérifiez les valeurs comparées.",
        "The display condition of the question '{question}' can never be true: the question "
        "will never be asked. Check the compared values.",
        _E,
    )
    UNREACHABLE_SECTION = (
        "La condition d'affichage de la section « {section} » ne peut jamais être vraie : la "
        "section ne sera jamais affichée. Vérifiez les valeurs comparées.",
        "The display condition of the section '{section}' can never be true: the section will "
        "never show. Check the compared values.",
        _E,
    )
    SECTION_NEVER_SHOWN = (
        "Aucune question de la section « {section} » ne peut être posée : la section ne sera "
        "jamais affichée. Vérifiez les conditions de ses questions.",
        "No question of the section '{section}' can ever be asked: the section will never show. "
        "Check its questions' conditions.",
        _E,
    )
    ALWAYS_TRUE_RELEVANCE = (
        "{Subject} : {field} est toujours vraie, elle ne sert à rien ; supprimez-la ou "
        "corrigez-la.",
        "{Subject}: {field} is always true, so it does nothing; remove or fix it.",
        _W,
    )
    HIDDEN_QUESTION = (
        "La question « {question} » a une condition d'affichage toujours fausse "
        "(« {condition} ») : elle est masquée et ne sera jamais posée. Elle est gardée telle "
        "quelle ; changez la condition pour la poser.",
        "The question '{question}' has a display condition that is always false "
        "('{condition}'): it is hidden and will never be asked. It is kept as it is; change "
        "the condition to ask it.",
        _W,
    )
    HIDDEN_SECTION = (
        "La section « {section} » a une condition d'affichage toujours fausse "
        "(« {condition} ») : elle est masquée et ne sera jamais affichée. Elle est gardée "
        "telle quelle ; changez la condition pour l'afficher.",
        "The section '{section}' has a display condition that is always false "
        "('{condition}'): it is hidden and will never show. It is kept as it is; change the "
        "condition to show it.",
        _W,
    )

    # -- Answers (shown to respondents next to the field, or in import reports) --------------
    # Errors refuse what holds them (an imported file is then not imported at all): their
    # wording says what to fix, never that the answer "will be ignored".
    UNKNOWN_ANSWER_KEY = (
        "« {key} » ne correspond à aucune question de ce questionnaire : vérifiez le nom de la "
        "colonne, ou retirez cette réponse.",
        "'{key}' matches no question of this questionnaire: check the column name, or remove "
        "this answer.",
        _E,
    )
    ANSWER_NOT_RELEVANT = (
        "Répondu alors que la question ne s'applique pas (sa condition d'affichage est fausse "
        "pour cette réponse) : retirez cette réponse, ou corrigez les réponses dont elle dépend.",
        "Answered although the question does not apply (its display condition is false for "
        "this response): remove this answer, or correct the answers it depends on.",
        _E,
    )
    NOT_ANSWERABLE = (
        "« {key} » est un texte d'information : il ne reçoit pas de réponse.",
        "'{key}' is an information text: it takes no answer.",
        _E,
    )
    REQUIRED = (
        "Cette question est obligatoire : répondez-y pour continuer.",
        "This question is required: answer it to continue.",
        _E,
    )
    REQUIRED_CUSTOM = ("{text}", "{text}", _E)
    REQUIRED_ROWS = (
        "Donnez une note à chaque ligne : il manque {rows}.",
        "Rate every row: {rows} missing.",
        _E,
    )
    EXPECTED_INTEGER = (
        "Saisissez un nombre entier, par exemple 12.",
        "Enter a whole number, for example 12.",
        _E,
    )
    EXPECTED_DECIMAL = (
        "Saisissez un nombre, par exemple 12 ou 1,5.",
        "Enter a number, for example 12 or 1.5.",
        _E,
    )
    EXPECTED_DATE = (
        "Saisissez une date qui existe, au format JJ/MM/AAAA, par exemple 25/03/2021.",
        "Enter a date that exists, as DD/MM/YYYY, for example 25/03/2021.",
        _E,
    )
    EXPECTED_TEXT = ("Saisissez un texte.", "Enter a text.", _E)
    EXPECTED_ONE_CHOICE = (
        "Choisissez une seule option.",
        "Choose a single option.",
        _E,
    )
    EXPECTED_LIST = (
        "Cochez une ou plusieurs options.",
        "Tick one or more options.",
        _E,
    )
    EXPECTED_RATING = (
        "Choisissez une note entre {minimum} et {maximum}.",
        "Choose a rating from {minimum} to {maximum}.",
        _E,
    )
    EXPECTED_GRID = (
        "Donnez une note pour chaque ligne de la grille.",
        "Give a rating for each row of the grid.",
        _E,
    )
    RATING_OUT_OF_SCALE = (
        "La note {value} est hors de l'échelle : choisissez une note entre {minimum} et {maximum}.",
        "The rating {value} is off the scale: choose a rating from {minimum} to {maximum}.",
        _E,
    )
    RATING_UNKNOWN_ROW = (
        "La ligne « {row} » n'existe pas dans cette grille : lignes possibles : {rows}.",
        "The row '{row}' does not exist in this grid: possible rows: {rows}.",
        _E,
    )
    UNKNOWN_CHOICE = (
        "« {value} » ne fait pas partie des options proposées. Choisissez parmi : {options}.",
        "'{value}' is not one of the options offered. Choose among: {options}.",
        _E,
    )
    DUPLICATE_SELECTION = (
        "L'option « {value} » est cochée plusieurs fois : chaque option ne compte qu'une fois.",
        "The option '{value}' is ticked more than once: each option counts only once.",
        _E,
    )
    RANKING_DUPLICATE = (
        "L'option « {value} » apparaît plusieurs fois dans le classement : donnez-lui un seul "
        "rang.",
        "The option '{value}' appears more than once in the ranking: give it a single rank.",
        _E,
    )
    INVALID_DEPARTEMENT = (
        "« {value} » n'est pas un code de département : saisissez un code comme 01, 2A, 75 ou 974.",
        "'{value}' is not a département code: enter a code such as 01, 2A, 75 or 974.",
        _E,
    )
    INVALID_EMAIL = (
        "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        "Enter a valid email address, for example name@example.fr.",
        _E,
    )
    INVALID_PHONE = (
        "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 01 23 45 67 89 ou "
        "+33 1 23 45 67 89.",
        "Enter a 10-digit French phone number, for example 01 23 45 67 89 or +33 1 23 45 67 89.",
        _E,
    )
    TEXT_TOO_LONG = (
        "Le texte fait {length} caractères : il ne doit pas dépasser {limit} caractères. "
        "Raccourcissez-le.",
        "The text is {length} characters long: it must not exceed {limit} characters. Shorten it.",
        _E,
    )
    OTHER_WITHOUT_OPTION = (
        "Vous avez précisé une autre réponse sans cocher « {label} » : cochez cette option ou "
        "effacez le texte.",
        "You specified another answer without ticking '{label}': tick that option or clear the "
        "text.",
        _E,
    )
    OTHER_TEXT_REQUIRED = (
        "Vous avez choisi « {label} » : précisez votre réponse.",
        "You chose '{label}': please specify your answer.",
        _E,
    )
    CONSTRAINT = (
        "Cette réponse n'est pas acceptée : vérifiez la valeur saisie.",
        "This answer is not accepted: check the value entered.",
        _E,
    )
    CONSTRAINT_CUSTOM = ("{text}", "{text}", _E)

    # -- Navigation ---------------------------------------------------------------------------
    UNKNOWN_SECTION = (
        "La section « {name} » n'existe pas dans ce questionnaire.",
        "The section '{name}' does not exist in this questionnaire.",
        _E,
    )


_FIELD_WORDS = {
    "fr": {Field.RELEVANT: "la condition d'affichage", Field.CONSTRAINT: "la contrainte"},
    "en": {Field.RELEVANT: "the display condition", Field.CONSTRAINT: "the constraint"},
}


@dataclass(frozen=True)
class Issue:
    """One problem, where it is, and how bad it is.

    ``position`` is the 0-based character offset in the expression named by ``field``;
    messages show it 1-based because that is how people count characters.
    """

    code: ErrorCode
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)
    section: str | None = None
    question: str | None = None
    field: Field | None = None
    position: int | None = None
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", self.code.severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "fr") -> str:
        lang = "en" if lang.startswith("en") else "fr"
        return render(
            self.code.template(lang), {**self._location_params(lang), **self.params}, lang
        )

    def located(self, where: Location) -> Diagnostic:
        """This issue as a :class:`~vivier.problems.Diagnostic` placed in a file (an import's
        row or line), with the same message in both languages."""
        from vivier.problems.diagnostic import Diagnostic

        french, english = self._location_params("fr"), self._location_params("en")
        params: dict[str, Any] = {
            key: Localized(str(french[key]), str(english[key])) for key in french
        }
        params.update(self.params)
        return Diagnostic(self.code, params, where, self.severity or self.code.severity)

    def _location_params(self, lang: str) -> dict[str, Any]:
        fr = lang == "fr"
        if self.question is not None:
            subject = (
                f"la question « {self.question} »" if fr else f"the question '{self.question}'"
            )
        elif self.section is not None:
            subject = f"la section « {self.section} »" if fr else f"the section '{self.section}'"
        else:
            subject = "l'expression" if fr else "the expression"
        field_words = _FIELD_WORDS[lang].get(self.field) if self.field else None
        return {
            "question": self.question or "?",
            "section": self.section or "?",
            "position": "?" if self.position is None else self.position + 1,
            "subject": subject,
            "Subject": subject[0].upper() + subject[1:],
            "field": field_words or ("l'expression" if fr else "the expression"),
        }

    def where(self, lang: str = "fr") -> str:
        """The location as a short prefix ("section « s1 », question « q5 », contrainte")."""
        fr = not lang.startswith("en")
        parts = []
        if self.section is not None:
            parts.append(f"section « {self.section} »" if fr else f"section '{self.section}'")
        if self.question is not None:
            parts.append(f"question « {self.question} »" if fr else f"question '{self.question}'")
        if self.field is not None:
            words = _FIELD_WORDS["fr" if fr else "en"][self.field]
            parts.append(words.split(" ", 1)[1])
        return ", ".join(parts)

    def describe(self, lang: str = "fr") -> str:
        """The message with its location in front, for lists read away from the form (the
        command line, import reports), where the message alone would not say where."""
        where = self.where(lang)
        message = self.message(lang)
        if not where:
            return message
        return f"[{where}] {message}"

    def __str__(self) -> str:
        return self.message()


class EngineError(ValueError):
    """An error the engine raises, carrying its catalogue issue (``coerce``, the parser)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message())
        self.issue = issue

    @property
    def code(self) -> ErrorCode:
        return self.issue.code

    def message(self, lang: str = "fr") -> str:
        return self.issue.message(lang)


def issue(code: ErrorCode, **params: Any) -> Issue:
    """Shorthand used across the engine: ``issue(ErrorCode.REQUIRED)``."""
    return Issue(code, params)


__all__ = [
    "MAX_LISTED",
    "EngineError",
    "ErrorCode",
    "Field",
    "Issue",
    "Severity",
    "issue",
    "render_list",
]
