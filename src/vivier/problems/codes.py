"""The catalogue of the problems files bring: questionnaires, responses, documents, settings.

The engine's own problems (expressions, static checks, answers) are in
:class:`vivier.surveys.errors.ErrorCode`; everything a file, an upload or a setting can do
wrong is here, one member per kind, in French and English, with its severity:

- an **error** refuses the input (nothing is imported);
- a **warning** says what was changed or left aside so the rest could be taken.

Templates use ``str.format`` placeholders; the place that finds the problem gives their
values (``problem(ProblemCode.XLSFORM_NO_NAME, where, type=raw_type)``), and the message is
written in the reader's language when it is shown. A value that reads differently in each
language (``classeur``/``workbook``, a number, an optional hint) is a
:class:`~vivier.problems.base.Localized`, made by the phrases at the end of this module so
their wording stays here too.

A member's ``code`` (its name, or the fourth item when two wordings share one stored code)
is stored in import reports and shown on pages: never rename one. ``tests/problems`` holds
an example of every member and fails on a member without one.

To add a problem: a member here (French, English, severity), an example in
``tests/problems/examples.py``, and ``problem(ProblemCode.X, where, **values)`` where it is
found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import unique

from vivier.problems.base import CatalogueCode, Localized, Phrase, Severity

_E = Severity.ERROR
_W = Severity.WARNING

_TABLE_TOO_WIDE_FR = (
    "{where} compte {cells} cellules : au-delà de {limit} colonnes (la limite d'Excel), le "
    "fichier n'est pas lu."
)
_TABLE_TOO_WIDE_EN = (
    "{where} holds {cells} cells: past {limit} columns (Excel's limit), the file is not read."
)
_FILE_TOO_BIG = (
    "Le fichier pèse {size_kb} Ko : la limite est de {limit_mb} Mo.",
    "The file is {size_kb} KB: the limit is {limit_mb} MB.",
)
_NOT_JSON = (
    "Ce fichier n'est pas du JSON valide ({detail}).",
    "This file is not valid JSON ({detail}).",
)


@unique
class ProblemCode(CatalogueCode):
    """One member per kind of problem a file brings: (French, English, severity[, code])."""

    # -- Any file ------------------------------------------------------------------------------
    UNKNOWN_FORMAT = (
        "Format de fichier non reconnu ({suffix}) : formats acceptés {known}.",
        "Unknown file format ({suffix}): accepted formats are {known}.",
        _E,
    )
    FILE_TOO_BIG = (*_FILE_TOO_BIG, _E)
    FILE_UNREADABLE = (
        "Fichier illisible : {detail}. Vérifiez qu'il s'agit bien d'un formulaire {tool}.",
        "File unreadable: {detail}. Check that it is a {tool} form.",
        _E,
    )
    JSON_INVALID = (*_NOT_JSON, _E)
    JSON_TOO_DEEP = (
        "Le document JSON est imbriqué sur plus de {limit} niveaux (objets ou listes les uns "
        "dans les autres) : aucun export de questionnaire ou de réponses n'en a autant, il "
        "n'est pas lu.",
        "The JSON document is nested more than {limit} levels deep (objects or lists inside "
        "one another): no questionnaire or response export has that many; it is not read.",
        _E,
    )
    VIVIER_JSON_INVALID = (
        "Champ « {path} » : {reason}",
        "Field '{path}': {reason}",
        _E,
    )

    # -- Office archives (.xlsx, .docx), judged before they are opened ------------------------
    ARCHIVE_TOO_MANY_MEMBERS = (
        "Ce {kind} est une archive de {members} parties : au-delà de {limit}, ce n'est pas un "
        "fichier Office ordinaire. Fichier refusé sans être ouvert.",
        "This {kind} is an archive of {members} parts: past {limit}, it is not an ordinary "
        "Office file. Refused unopened.",
        _E,
    )
    ARCHIVE_DIRECTORY_TOO_BIG = (
        "Ce {kind} est une archive dont le sommaire pèse {size_mb} Mo : il listerait des "
        "centaines de milliers de parties (au plus {limit}). Fichier refusé sans être ouvert.",
        "This {kind} is an archive whose directory weighs {size_mb} MB: it would list hundreds "
        "of thousands of parts (at most {limit}). Refused unopened.",
        _E,
        "ARCHIVE_TOO_MANY_MEMBERS",
    )
    ARCHIVE_MEMBER_TOO_BIG = (
        "La partie « {part} » de ce {kind} se décompresse en {size_mb} Mo (au plus "
        "{limit_mb} Mo). Fichier refusé sans être décompressé.",
        "The part '{part}' of this {kind} inflates to {size_mb} MB (at most {limit_mb} MB). "
        "Refused without inflating it.",
        _E,
    )
    ARCHIVE_RATIO = (
        "La partie « {part} » de ce {kind} est comprimée {ratio} fois ({packed_mb} Mo pour "
        "{size_mb} Mo) : au-delà de {limit} fois, c'est une « bombe de décompression ». "
        "Fichier refusé sans être décompressé.",
        "The part '{part}' of this {kind} is compressed {ratio} times ({packed_mb} MB for "
        "{size_mb} MB): past {limit} times, it is a decompression bomb. Refused without "
        "inflating it.",
        _E,
    )
    ARCHIVE_TOO_BIG = (
        "Ce {kind} se décompresse en {size_mb} Mo (au plus {limit_mb} Mo) : fichier refusé "
        "sans être décompressé.",
        "This {kind} inflates to {size_mb} MB (at most {limit_mb} MB): refused without "
        "inflating it.",
        _E,
    )
    ARCHIVE_CORRUPT = (
        "Ce {kind} n'est pas une archive lisible ({detail}) : enregistrez-le à nouveau depuis "
        "son logiciel.",
        "This {kind} is not a readable archive ({detail}): save it again from its application.",
        _E,
    )
    ARCHIVE_XML_DTD = (
        "La partie « {part} » de ce {kind} déclare une DTD (des entités XML) : Office n'en "
        "écrit jamais, et c'est la forme des attaques « billion laughs » et XXE. Fichier "
        "refusé.",
        "The part '{part}' of this {kind} declares a DTD (XML entities): Office never writes "
        "one, and it is how billion-laughs and XXE attacks are made. Refused.",
        _E,
    )
    ARCHIVE_XML_INVALID = (
        "La partie « {part} » de ce {kind} n'est pas du XML valide ({detail}).",
        "The part '{part}' of this {kind} is not valid XML ({detail}).",
        _E,
    )

    # -- XLSForm workbooks and text notations (reading the sheets) -----------------------------
    XLSFORM_TOO_MANY_COLUMNS = (
        "{part}" + _TABLE_TOO_WIDE_FR,
        "{part}" + _TABLE_TOO_WIDE_EN,
        _E,
    )
    XLSFORM_TOO_MANY_CELLS = (
        "Ce fichier compte plus de {limit} cellules{part} : bien plus qu'un formulaire de "
        "50 000 questions ; il n'est pas lu.",
        "This file holds more than {limit} cells{part}: far more than a 50,000-question form; "
        "it is not read.",
        _E,
    )
    XLSFORM_ENCODING = (
        "Le fichier n'est pas encodé en UTF-8 (octet {byte}) : enregistrez-le en UTF-8.",
        "The file is not UTF-8 encoded (byte {byte}): save it as UTF-8.",
        _E,
    )
    XLSFORM_UNREADABLE = (
        "Classeur {kind} illisible : {detail}",
        "Unreadable {kind} workbook: {detail}",
        _E,
    )
    XLSFORM_NO_SHEET_NAME = (
        "Ligne {row} : des cellules apparaissent avant tout nom de feuille ; la première "
        "colonne doit nommer la feuille (survey, choices, settings).",
        "Line {row}: cells come before any sheet name; the first column must name the sheet "
        "(survey, choices, settings).",
        _E,
    )
    XLSFORM_CSV_INVALID = (
        "Fichier CSV mal formé : {detail}.",
        "Malformed CSV file: {detail}.",
        _E,
    )

    # -- XLSForm forms (KoboToolbox content too) -----------------------------------------------
    XLSFORM_ERROR_CELLS = (
        "{count} cellule(s) de la feuille « {sheet} » contiennent une erreur Excel (#N/A, "
        "#REF!… : une formule cassée) et sont lues comme vides : {cells}. Corrigez la formule "
        "ou tapez la valeur voulue.",
        "{count} cell(s) of the '{sheet}' sheet hold an Excel error (#N/A, #REF!…: a broken "
        "formula) and are read as empty: {cells}. Fix the formula or type the value wanted.",
        _W,
    )
    XLSFORM_NO_SURVEY = (
        "Ce fichier n'est pas un XLSForm : il n'a pas de feuille « survey » (feuilles "
        "trouvées : {sheets}).{hint}",
        "This file is not an XLSForm: it has no 'survey' sheet (sheets found: {sheets}).{hint}",
        _E,
    )
    XLSFORM_NO_TYPE_COLUMN = (
        "La feuille « survey » n'a pas de colonne « type » : ajoutez-la en première ligne.",
        "The 'survey' sheet has no 'type' column: add it to the first row.",
        _E,
    )
    XLSFORM_EMPTY = (
        "La feuille « {sheet} » est vide : ce classeur ne contient aucun formulaire. Un "
        "XLSForm a dans sa feuille « survey » une ligne d'en-têtes (type, name, label), puis "
        "une ligne par question.",
        "The '{sheet}' sheet is empty: this workbook holds no form. An XLSForm has in its "
        "'survey' sheet a header row (type, name, label), then one row per question.",
        _E,
    )
    XLSFORM_EMPTY_WORKBOOK = (
        "Ce classeur est vide (feuilles : {sheets}) : il ne contient aucun formulaire. Un "
        "XLSForm a une feuille « survey » avec une ligne d'en-têtes (type, name, label), puis "
        "une ligne par question.",
        "This workbook is empty (sheets: {sheets}): it holds no form. An XLSForm has a "
        "'survey' sheet with a header row (type, name, label), then one row per question.",
        _E,
        "XLSFORM_EMPTY",
    )
    XLSFORM_EMPTY_CONTENT = (
        "La liste « content.survey » est vide : ce formulaire n'a aucune question.",
        "The 'content.survey' list is empty: this form has no question.",
        _E,
        "XLSFORM_EMPTY",
    )
    XLSFORM_DUPLICATE_COLUMN = (
        "Les en-têtes « {first} » et « {second} » désignent la même colonne de la feuille "
        "« {sheet} » : renommez ou supprimez l'un des deux.",
        "The headers '{first}' and '{second}' name the same column of the '{sheet}' sheet: "
        "rename or remove one of them.",
        _E,
    )
    XLSFORM_CHOICES_COLUMNS = (
        "La feuille « {sheet} » n'a pas de colonne {missing} : chaque option a besoin de "
        "« list_name » (sa liste) et « name » (sa valeur).",
        "The '{sheet}' sheet has no {missing} column: every option needs 'list_name' (its "
        "list) and 'name' (its value).",
        _E,
    )
    XLSFORM_CHOICE_WITHOUT_NAME = (
        "L'option de la liste « {list_name} » n'a pas de valeur (colonne « name ») : "
        "donnez-lui un nom court sans espace.",
        "The option of list '{list_name}' has no value ('name' column): give it a short name "
        "without spaces.",
        _E,
    )
    XLSFORM_DUPLICATE_CHOICE = (
        "La liste « {list_name} » a deux fois l'option « {value} » (lignes {first} et {row}) : "
        "chaque option d'une liste doit avoir un nom unique.",
        "The list '{list_name}' has the option '{value}' twice (rows {first} and {row}): each "
        "option of a list needs a unique name.",
        _E,
    )
    XLSFORM_DUPLICATE_CHOICE_MERGED = (
        "La liste « {list_name} » a deux options de valeur « {value} » (lignes {first} et "
        "{row}), ce que permet le réglage « allow_choice_duplicates » : une réponse "
        "n'enregistrant que la valeur, Vivier garde une seule option, celle de la ligne "
        "{first} (« {label} »){lost}",
        "The list '{list_name}' has two options with the value '{value}' (rows {first} and "
        "{row}), which the 'allow_choice_duplicates' setting permits: since an answer records "
        "only the value, Vivier keeps one option, that of row {first} ('{label}'){lost}",
        _W,
    )
    XLSFORM_NO_TYPE = (
        "La ligne « {name} » n'a pas de type : remplissez la colonne « type » (text, integer, "
        "select_one liste...).",
        "The row '{name}' has no type: fill in the 'type' column (text, integer, select_one "
        "list...).",
        _E,
    )
    XLSFORM_METADATA_DROPPED = (
        "« {type} » est une donnée technique recueillie par l'appareil : elle n'est pas "
        "importée (information).",
        "'{type}' is technical data captured by the device: it is not imported (information).",
        _W,
    )
    XLSFORM_NO_NAME = (
        "La ligne de type « {type} » n'a pas de nom : remplissez la colonne « name ».",
        "The row of type '{type}' has no name: fill in the 'name' column.",
        _E,
    )
    XLSFORM_CALCULATION_MISSING = (
        "Le calcul « {name} » n'a pas de formule : remplissez la colonne « calculation » ou "
        "supprimez la ligne.",
        "The calculate '{name}' has no formula: fill in the 'calculation' column or remove "
        "the row.",
        _E,
    )
    XLSFORM_UNCLOSED_GROUP = (
        "Le groupe « {name} » ouvert ici n'est jamais fermé : ajoutez une ligne « end {control} ».",
        "The group '{name}' opened here is never closed: add an 'end {control}' row.",
        _E,
    )
    XLSFORM_UNMATCHED_END = (
        "« end {control} » sans « begin {control} » correspondant : supprimez cette ligne ou "
        "ajoutez le début du groupe.",
        "'end {control}' without a matching 'begin {control}': remove this row or add the "
        "start of the group.",
        _E,
    )
    XLSFORM_MISMATCHED_END = (
        "« end {control} » ferme « begin {opened} » (« {name} », ligne {row}) : les débuts "
        "et fins doivent correspondre.",
        "'end {control}' closes 'begin {opened}' ('{name}', row {row}): begins and ends must "
        "match.",
        _E,
        "XLSFORM_UNMATCHED_END",
    )
    XLSFORM_INCLUDE = (
        "Le type « include » (inclusion d'un autre formulaire, abandonné par XLSForm) n'est "
        "pas pris en charge : recopiez les questions de la section incluse dans la feuille "
        "« survey ».",
        "The 'include' type (including another form, dropped from XLSForm) is not supported: "
        "copy the questions of the included section into the 'survey' sheet.",
        _E,
    )
    XLSFORM_UNKNOWN_TYPE = (
        "Type de question inconnu « {type} »{hint} Les types reconnus sont text, integer, "
        "decimal, date, select_one, select_multiple, rank, note, calculate, begin group...",
        "Unknown question type '{type}'{hint} Known types are text, integer, decimal, date, "
        "select_one, select_multiple, rank, note, calculate, begin group...",
        _E,
    )
    XLSFORM_DUPLICATE_NAME = (
        "Le nom « {source} » est déjà pris par une autre question : celle-ci devient "
        "« {name} » (les conditions qui citent ${{{source}}} visent la première).",
        "The name '{source}' is already used by another question: this one becomes '{name}' "
        "(conditions naming ${{{source}}} point to the first).",
        _W,
    )
    XLSFORM_NAME_RENAMED = (
        "Le nom « {source} » n'est pas un nom valide pour Vivier (lettres sans accent, "
        "chiffres et _) : la question s'appelle « {name} », et les conditions suivent.",
        "The name '{source}' is not a valid Vivier name (unaccented letters, digits and _): "
        "the question is named '{name}', and conditions follow.",
        _W,
    )
    XLSFORM_EXPRESSION_SYNTAX = (
        "« {source} » n'est pas une expression XLSForm valide : {reason} (caractère "
        "{position}). Corrigez la formule.",
        "'{source}' is not a valid XLSForm expression: {reason} (character {position}). Fix "
        "the formula.",
        _E,
    )
    XLSFORM_UNKNOWN_REFERENCE = (
        "{what} « {source} » cite {reference}, mais aucune question ne porte ce nom{hint}",
        "The {what} '{source}' names {reference}, but no question has this name{hint}",
        _E,
    )
    XLSFORM_EXPRESSION_UNSUPPORTED = (
        "{what} « {source} » utilise ce que Vivier n'exécute pas ({features}) : {dropped}.",
        "The {what} '{source}' uses what Vivier does not run ({features}): {dropped}.",
        _W,
    )
    XLSFORM_CALCULATE_DROPPED = (
        "Le calcul « {name} » n'est pas importé : les conditions qui l'utilisent sont "
        "abandonnées (voir les avertissements de ces lignes).",
        "The calculate '{name}' is not imported: the conditions that use it are dropped (see "
        "the warnings of those rows).",
        _W,
    )
    XLSFORM_REPEAT_FLATTENED = (
        "Le groupe « {name} » est une {control} : Vivier ne répète pas de questions, il "
        "devient un groupe simple posé une seule fois.",
        "The group '{name}' is a {control}: Vivier does not repeat questions, it becomes a "
        "plain group asked once.",
        _W,
    )
    XLSFORM_TYPE_DOWNGRADED = (
        "Type « {type} » : {reason}.",
        "Type '{type}': {reason}.",
        _W,
    )
    XLSFORM_READ_ONLY = (
        "Question en lecture seule : elle devient une note (le respondant ne la remplit pas).",
        "Read-only question: it becomes a note (the respondent does not fill it in).",
        _W,
    )
    XLSFORM_MEDIA_LABEL = (
        "Cette ligne n'a pour libellé qu'un média ({media}) : Vivier n'affiche pas les médias, "
        "le nom du fichier tient lieu de libellé.",
        "This row's only label is a media file ({media}): Vivier does not show media, the file "
        "name stands in for the label.",
        _W,
    )
    XLSFORM_NO_LABEL = (
        "La question « {name} » n'a ni libellé ni indication : remplissez la colonne « label ».",
        "The question '{name}' has neither label nor hint: fill in the 'label' column.",
        _E,
    )
    XLSFORM_CHOICES_FROM_ANSWERS = (
        "Les options viennent des réponses à {list_name} : Vivier ne sait pas les construire, "
        "la question devient un texte libre.",
        "The options come from the answers to {list_name}: Vivier cannot build them, the "
        "question becomes a free text.",
        _W,
    )
    XLSFORM_UNKNOWN_LIST = (
        "La liste d'options « {list_name} » n'existe pas dans la feuille « choices » : "
        "ajoutez ses options ou corrigez le nom de la liste.",
        "The option list '{list_name}' does not exist in the 'choices' sheet: add its options "
        "or fix the list name.",
        _E,
    )
    XLSFORM_CHOICE_FILTER_DROPPED = (
        "Le filtre d'options « {filter} » n'est pas appliqué : toutes les options de la liste "
        "sont proposées.",
        "The choice filter '{filter}' is not applied: every option of the list is offered.",
        _W,
    )
    XLSFORM_CONDITIONAL_REQUIRED = (
        "« {text} » rend la question obligatoire seulement sous condition : Vivier ne le sait "
        "pas, la question est importée facultative.",
        "'{text}' makes the question required only under a condition: Vivier cannot do that, "
        "the question is imported as optional.",
        _W,
    )
    XLSFORM_DYNAMIC_DEFAULT = (
        "La valeur par défaut « {text} » est calculée : Vivier ne pré-remplit que des valeurs "
        "fixes, elle est ignorée.",
        "The default '{text}' is computed: Vivier only pre-fills fixed values, it is ignored.",
        _W,
    )
    XLSFORM_NO_QUESTION = (
        "La feuille « {sheet} » n'a que sa ligne d'en-têtes : ce formulaire n'a aucune "
        "question, rien n'est importé. Ajoutez une ligne par question (type, name, label).",
        "The '{sheet}' sheet has only its header row: this form has no question, nothing is "
        "imported. Add one row per question (type, name, label).",
        _E,
    )
    XLSFORM_NOTHING_TO_ASK = (
        "Ce formulaire n'a aucune question que Vivier puisse poser (seulement des données "
        "techniques, des champs cachés ou des calculs) : le questionnaire importé est vide.",
        "This form has no question Vivier can ask (only technical data, hidden fields or "
        "calculations): the imported questionnaire is empty.",
        _W,
    )
    XLSFORM_CONDITION_DROPPED = (
        "{reason} La condition est abandonnée : {outcome}",
        "{reason} The condition is dropped: {outcome}",
        _W,
    )
    XLSFORM_INVALID = (
        "pyxform, le convertisseur de référence des XLSForm, refuse ce formulaire : {message}",
        "pyxform, the reference XLSForm converter, refuses this form: {message}",
        _E,
    )

    # -- KoboToolbox forms (asset JSON, formpack folders) --------------------------------------
    KOBO_FILE_MISSING = (
        "Le fichier « {name} » est absent du dossier.",
        "The file '{name}' is missing from the folder.",
        _E,
    )
    KOBO_SAME_FORM_ID = (
        "« {file} » et « {others} » ont le même identifiant de formulaire « {slug} » "
        "(id_string) : l'un remplacerait l'autre. Importez-les un par un en donnant à chacun "
        "son identifiant (--slug).",
        "'{file}' and '{others}' have the same form id '{slug}' (id_string): one would replace "
        "the other. Import them one by one, giving each its own id (--slug).",
        _E,
    )
    KOBO_FOLDER_OF_WORKBOOKS = (
        "Ce dossier n'a pas de « fixture.json » (dossier formpack) mais contient {count} "
        "classeur(s) XLSForm ({names}) : chacun est un questionnaire. Importez-les un par un "
        "(par exemple « vivier questionnaire import {example} »), ou tous ensemble avec "
        "« vivier questionnaire import {folder} ».",
        "This folder has no 'fixture.json' (formpack folder) but holds {count} XLSForm "
        "workbook(s) ({names}): each is a questionnaire. Import them one by one (for example "
        "'vivier questionnaire import {example}'), or all together with 'vivier questionnaire "
        "import {folder}'.",
        _E,
    )
    KOBO_NO_VERSION = (
        "« fixture.json » ne liste aucune version du formulaire (clé « versions »).",
        "'fixture.json' lists no version of the form ('versions' key).",
        _E,
    )
    KOBO_NOT_A_FIXTURE = (
        "« fixture.json » ne décrit pas de formulaire (il faut « title » et « versions »).",
        "'fixture.json' does not describe a form ('title' and 'versions' are needed).",
        _E,
        "KOBO_NO_VERSION",
    )
    KOBO_EARLIER_VERSIONS = (
        "Le dossier contient {count} versions : seule la dernière ({latest}) est importée ; "
        "les versions antérieures ({earlier}) ne le sont pas.",
        "The folder holds {count} versions: only the latest ({latest}) is imported; the "
        "earlier versions ({earlier}) are not.",
        _W,
    )
    KOBO_BAD_REFERENCE = (
        "La version {number} renvoie hors du dossier (« {reference} »).",
        "Version {number} points outside the folder ('{reference}').",
        _E,
    )
    KOBO_BAD_VERSION = (
        "La version {number} n'est pas un objet JSON.",
        "Version {number} is not a JSON object.",
        _E,
    )
    KOBO_NO_SURVEY = (
        "Ce JSON n'est pas un formulaire KoboToolbox : il faut un objet « content » avec une "
        "liste « survey ».",
        "This JSON is not a KoboToolbox form: a 'content' object with a 'survey' list is needed.",
        _E,
    )
    KOBO_TRANSLATIONS_FROM_COLUMNS = (
        "« content.translations » est absent : les langues sont lues dans les noms de colonnes "
        "({languages}).",
        "'content.translations' is missing: the languages are read from the column names "
        "({languages}).",
        _W,
    )
    KOBO_UNDECLARED_TRANSLATION = (
        "La colonne « {column} » est dans la langue « {language} », que « content.translations "
        "» ne déclare pas ({declared}) : ajoutez cette langue aux traductions ou renommez la "
        "colonne.",
        "The column '{column}' is in the language '{language}', which 'content.translations' "
        "does not declare ({declared}): add the language to the translations or rename the "
        "column.",
        _E,
    )

    # -- LimeSurvey survey structures (.lss) ----------------------------------------------------
    LIMESURVEY_TOO_BIG = (*_FILE_TOO_BIG, _E)
    LIMESURVEY_EMPTY = (
        "Le fichier est vide : exportez la structure du questionnaire depuis LimeSurvey "
        "(Exporter › Structure du questionnaire (.lss)).",
        "The file is empty: export the survey structure from LimeSurvey (Export › Survey "
        "structure (.lss)).",
        _E,
    )
    LIMESURVEY_ARCHIVE = (
        "Ce fichier est une archive ZIP (par exemple une archive de questionnaire LimeSurvey "
        ".lsa), pas une structure .lss : extrayez-en le fichier .lss, ou exportez la structure "
        "du questionnaire (.lss) depuis LimeSurvey.",
        "This file is a ZIP archive (for example a LimeSurvey survey archive .lsa), not an "
        ".lss structure: extract the .lss file from it, or export the survey structure (.lss) "
        "from LimeSurvey.",
        _E,
    )
    LIMESURVEY_NOT_LSS = (
        "Ce fichier XML n'est pas une structure de questionnaire LimeSurvey (l'élément "
        "<LimeSurveyDocType> manque).",
        "This XML file is not a LimeSurvey survey structure (the <LimeSurveyDocType> element "
        "is missing).",
        _E,
    )
    LIMESURVEY_NOT_AN_EXPORT = (
        "Ce fichier XML n'est pas un export LimeSurvey : son élément racine est <{root}> au "
        "lieu de <document>.",
        "This XML file is not a LimeSurvey export: its root element is <{root}> instead of "
        "<document>.",
        _E,
        "LIMESURVEY_NOT_LSS",
    )
    LIMESURVEY_NOT_A_SURVEY = (
        "Ce fichier est un export LimeSurvey de type « {kind} », pas un questionnaire entier : "
        "exportez la structure du questionnaire (.lss) depuis LimeSurvey.",
        "This file is a LimeSurvey export of type '{kind}', not a whole survey: export the "
        "survey structure (.lss) from LimeSurvey.",
        _E,
    )
    LIMESURVEY_XML_ENTITIES = (
        "Le fichier déclare des entités XML (DOCTYPE) : il est refusé par sécurité. Un export "
        "LimeSurvey n'en contient jamais ; exportez à nouveau la structure du questionnaire "
        "depuis LimeSurvey.",
        "The file declares XML entities (DOCTYPE): it is refused for safety. A LimeSurvey "
        "export never holds any; export the survey structure from LimeSurvey again.",
        _E,
    )
    LIMESURVEY_XML_MALFORMED = (
        "Le fichier n'est pas du XML bien formé (ligne {line}, colonne {column} : {reason}). "
        "Exportez à nouveau la structure du questionnaire depuis LimeSurvey, sans la modifier "
        "à la main.",
        "The file is not well-formed XML (line {line}, column {column}: {reason}). Export the "
        "survey structure from LimeSurvey again, without editing it by hand.",
        _E,
    )
    LIMESURVEY_UNREADABLE = (
        "Le fichier n'a pas pu être lu comme une structure de questionnaire LimeSurvey "
        "({detail}). Exportez à nouveau la structure depuis LimeSurvey ; si le problème "
        "persiste, transmettez le fichier à l'équipe Vivier.",
        "The file could not be read as a LimeSurvey survey structure ({detail}). Export the "
        "structure from LimeSurvey again; if the problem persists, send the file to the Vivier "
        "team.",
        _E,
    )
    LIMESURVEY_NO_GROUP = (
        "Le questionnaire LimeSurvey n'a aucun groupe de questions : il n'y a rien à importer.",
        "The LimeSurvey survey has no question group: there is nothing to import.",
        _E,
    )
    LIMESURVEY_ORPHAN_QUESTION = (
        "La question « {question} » appartient à un groupe absent du fichier (gid {gid}) : "
        "elle n'est pas importée.",
        "The question '{question}' belongs to a group missing from the file (gid {gid}): it "
        "is not imported.",
        _W,
    )
    LIMESURVEY_QUOTAS_DROPPED = (
        "Le questionnaire a {count} quota{plural} LimeSurvey : {quotas}. Vivier ne gère pas "
        "les quotas, {dropped} : une campagne accepte toutes les réponses, sans limite ni "
        "message de fin de quota.",
        "The survey has {count} LimeSurvey quota{plural}: {quotas}. Vivier has no quotas, "
        "{dropped} not imported: a campaign takes every response, with no limit nor quota "
        "message.",
        _W,
    )
    LIMESURVEY_RANDOM_ORDER_IGNORED = (
        "Le groupe « {group} » fait partie d'un groupe de randomisation ({randomization}) : "
        "Vivier garde l'ordre du fichier.",
        "The group '{group}' belongs to a randomization group ({randomization}): Vivier keeps "
        "the order of the file.",
        _W,
    )
    LIMESURVEY_QUESTION_RANDOM_ORDER_IGNORED = (
        "La question « {question} » est présentée dans un ordre aléatoire dans LimeSurvey "
        "({random}) : Vivier garde l'ordre du fichier.",
        "The question '{question}' is shown in random order in LimeSurvey ({random}): Vivier "
        "keeps the order of the file.",
        _W,
        "LIMESURVEY_RANDOM_ORDER_IGNORED",
    )
    LIMESURVEY_HIDDEN_QUESTION_DROPPED = (
        "La question « {question} » est {why} dans LimeSurvey : elle n'est pas importée, les "
        "répondants de Vivier ne la verraient pas non plus.",
        "The question '{question}' is {why} in LimeSurvey: it is not imported, Vivier's "
        "respondents would not see it either.",
        _W,
    )
    LIMESURVEY_NEVER_SHOWN_QUESTION_DROPPED = (
        "« {name} » ({what}) n'est jamais affichée dans LimeSurvey (condition 0) : elle n'est "
        "pas importée.",
        "'{name}' ({what}) is never shown in LimeSurvey (condition 0): it is not imported.",
        _W,
        "LIMESURVEY_HIDDEN_QUESTION_DROPPED",
    )
    LIMESURVEY_HIDDEN_GROUP_DROPPED = (
        "Le groupe « {group} » n'est jamais affiché dans LimeSurvey (condition 0) : il n'est "
        "pas importé.",
        "The group '{group}' is never shown in LimeSurvey (condition 0): it is not imported.",
        _W,
    )
    LIMESURVEY_VALIDATION_DROPPED = (
        "La question « {question} » a {what} : Vivier ne l'importe pas, vérifiez la question "
        "après l'import.",
        "The question '{question}' has {what}: Vivier does not import it, check the question "
        "after the import.",
        _W,
    )
    LIMESURVEY_ARRAY_FILTER_DROPPED = (
        "La question « {question} » a le filtre des sous-questions (array_filter) : Vivier ne "
        "l'importe pas, vérifiez la question après l'import.",
        "The question '{question}' has the subquestion filter (array_filter): Vivier does not "
        "import it, check the question after the import.",
        _W,
    )
    LIMESURVEY_EMPTY_GROUP = (
        "Le groupe « {group} » n'a aucune question importable : il est laissé de côté.",
        "The group '{group}' has no question that can be imported: it is left out.",
        _W,
    )
    LIMESURVEY_CONDITION_DROPPED = (
        "La condition d'affichage {of_what} ({source}) n'a pas d'équivalent dans Vivier : "
        "{reason}. Elle est abandonnée : l'élément sera toujours affiché.",
        "The display condition {of_what} ({source}) has no equivalent in Vivier: {reason}. It "
        "is dropped: the element will always be shown.",
        _W,
    )
    LIMESURVEY_LEGACY_CONDITION_DROPPED = (
        "La condition LimeSurvey « {condition} » de la question « {question} » n'a pas "
        "d'équivalent dans Vivier (ancienne table des conditions) : les conditions de cette "
        "question sont abandonnées, elle sera toujours posée.",
        "The LimeSurvey condition '{condition}' of the question '{question}' has no equivalent "
        "in Vivier (legacy conditions table): the conditions of this question are dropped, it "
        "will always be asked.",
        _W,
        "LIMESURVEY_CONDITION_DROPPED",
    )
    LIMESURVEY_CONDITION_REJECTED = (
        "La condition d'affichage {of_what} (dans LimeSurvey : {source} ; traduite : "
        "{condition}) est refusée : {reason} Elle est abandonnée : l'élément sera toujours "
        "affiché.",
        "The display condition {of_what} (in LimeSurvey: {source}; translated: {condition}) "
        "is refused: {reason} It is dropped: the element will always be shown.",
        _W,
    )
    LIMESURVEY_UNKNOWN_TYPE = (
        "La question « {question} » est d'un type LimeSurvey inconnu (« {type} ») : Vivier ne "
        "sait pas l'importer. Changez son type dans LimeSurvey ou supprimez-la, puis exportez "
        "à nouveau.",
        "The question '{question}' has an unknown LimeSurvey type ('{type}'): Vivier cannot "
        "import it. Change its type in LimeSurvey or delete it, then export again.",
        _E,
    )
    LIMESURVEY_SCRIPT_REMOVED = (
        "La question « {question} » contient du JavaScript (balise <script> ou script de "
        "question) : il a été supprimé, Vivier n'exécute aucun script venant d'un fichier "
        "importé.",
        "The question '{question}' holds JavaScript (a <script> tag or a question script): it "
        "was removed, Vivier runs no script from an imported file.",
        _W,
    )
    LIMESURVEY_PIPING_KEPT_AS_TEXT = (
        "Les textes de la question « {question} » contiennent des expressions LimeSurvey entre "
        "accolades ({{…}}) : Vivier ne les calcule pas, elles sont affichées telles quelles. "
        "Remplacez-les par du texte si besoin.",
        "The texts of the question '{question}' hold LimeSurvey expressions in braces ({{…}}): "
        "Vivier does not compute them, they are shown as written. Replace them with plain text "
        "if needed.",
        _W,
    )
    LIMESURVEY_EMPTY_TEXT = (
        "La question « {question} » n'a pas de texte dans la langue du questionnaire "
        "({language}) : son code sert de libellé.",
        "The question '{question}' has no text in the questionnaire's language ({language}): "
        "its code is used as its label.",
        _W,
    )
    LIMESURVEY_DUPLICATE_CODE = (
        "Le code « {source} » est donné à deux questions, dans le groupe {first} et dans le "
        "groupe {group} : la seconde est importée sous le nom « {name} ». Les conditions qui "
        "citent « {source} » désignent la première.",
        "The code '{source}' is given to two questions, in the group {first} and in the group "
        "{group}: the second is imported as '{name}'. Conditions that name '{source}' refer to "
        "the first one.",
        _W,
    )
    LIMESURVEY_RENAMED = (
        "Le code « {source} » n'est pas un nom valide dans Vivier (lettres sans accent, "
        "chiffres et « _ », sans chiffre au début) : la question est importée sous le nom "
        "« {name} ».",
        "The code '{source}' is not a valid name in Vivier (unaccented letters, digits and "
        "'_', not starting with a digit): the question is imported as '{name}'.",
        _W,
    )
    LIMESURVEY_DEFAULT_DROPPED = (
        "La valeur par défaut de la question « {question} » est une expression ({text}) : "
        "Vivier ne la calcule pas, elle n'est pas importée.",
        "The default value of the question '{question}' is an expression ({text}): Vivier "
        "does not compute it, it is not imported.",
        _W,
    )
    LIMESURVEY_OPTION_CONDITION_DROPPED = (
        "L'option « {option} » de la question « {question} » a une condition d'affichage "
        "({condition}) : Vivier affiche toujours toutes les options, la condition est "
        "abandonnée.",
        "The option '{option}' of the question '{question}' has a display condition "
        "({condition}): Vivier always shows every option, the condition is dropped.",
        _W,
    )
    LIMESURVEY_COMMENTS_AS_QUESTIONS = (
        "La question « {question} » (choix multiple avec commentaires) est importée comme un "
        "choix multiple suivi d'une question « commentaire » par option, posée seulement quand "
        "l'option est cochée.",
        "The question '{question}' (multiple choice with comments) is imported as a multiple "
        "choice followed by one 'comment' question per option, asked only when the option is "
        "ticked.",
        _W,
    )
    LIMESURVEY_ROW_CONDITION_DROPPED = (
        "La ligne « {row} » de la question « {question} » a une condition d'affichage "
        "({condition}) : la grille de Vivier affiche toujours toutes ses lignes, la condition "
        "est abandonnée.",
        "The row '{row}' of the question '{question}' has a display condition ({condition}): "
        "Vivier's grid always shows all its rows, the condition is dropped.",
        _W,
    )
    LIMESURVEY_CHECKBOX_ARRAY = (
        "Le tableau de nombres à cases à cocher « {question} » est importé comme un choix "
        "multiple par ligne (une option par colonne).",
        "The checkbox array of numbers '{question}' is imported as one multiple choice per row "
        "(one option per column).",
        _W,
    )
    LIMESURVEY_UPLOAD_AS_DISPLAY = (
        "La question « {question} » est un envoi de fichier, que Vivier ne propose pas : elle "
        "est importée comme un simple texte affiché, sans réponse.",
        "The question '{question}' is a file upload, which Vivier does not offer: it is "
        "imported as a plain displayed text, without an answer.",
        _W,
    )
    LIMESURVEY_EQUATION_DROPPED = (
        "La question « {question} » est une équation (type « * ») : Vivier ne calcule pas "
        "d'équations, elle n'est pas importée. Les conditions qui la citent sont abandonnées.",
        "The question '{question}' is an equation (type '*'): Vivier does not compute "
        "equations, it is not imported. Conditions that name it are dropped.",
        _W,
    )
    LIMESURVEY_LANGUAGE_SWITCH_DROPPED = (
        "La question « {question} » est un choix de langue (type « I ») : Vivier propose "
        "lui-même les langues du questionnaire, elle n'est pas importée.",
        "The question '{question}' is a language switch (type 'I'): Vivier offers the "
        "questionnaire's languages itself, it is not imported.",
        _W,
    )

    # -- Response files of other tools (CSV, KoboToolbox JSON, LimeSurvey CSV) ---------------
    CSV_ENCODING = (
        "Le fichier n'est ni en UTF-8 ni en Windows-1252 : réenregistrez-le en UTF-8.",
        "The file is neither UTF-8 nor Windows-1252: save it again as UTF-8.",
        _E,
    )
    CSV_EMPTY = ("Le fichier est vide.", "The file is empty.", _E)
    CSV_INVALID = ("CSV illisible ({detail}).", "Unreadable CSV ({detail}).", _E)
    CSV_TOO_MANY_COLUMNS = (_TABLE_TOO_WIDE_FR, _TABLE_TOO_WIDE_EN, _E)
    RESPONSE_COLUMN_UNMAPPED = (
        "La colonne « {column} » ne correspond à aucune question du questionnaire : ignorée "
        "({count} valeur(s)).",
        "Column '{column}' matches no question of the questionnaire: ignored ({count} value(s)).",
        _W,
    )
    KOBO_SUBMISSION_NOT_OBJECT = (
        "Chaque soumission doit être un objet JSON {{…}}.",
        "Each submission must be a JSON object {{...}}.",
        _E,
    )
    KOBO_NOTHING_MAPPED = (
        "Aucune colonne ne correspond aux questions de ce questionnaire : ces réponses "
        "viennent-elles d'un autre formulaire ? (Pour un export CSV, choisissez les en-têtes "
        "et valeurs « XML ».)",
        "No column matches the questions of this questionnaire: do these responses come from "
        "another form? (For a CSV export, choose XML headers and values.)",
        _E,
    )
    KOBO_REPEAT_REDUCED = (
        "« {path} » est un groupe répété : seule la première entrée de chaque réponse est "
        "importée ({count} entrée(s) laissée(s) de côté).",
        "'{path}' is a repeated group: only the first entry of each response is imported "
        "({count} entry(ies) left out).",
        _W,
    )
    KOBO_NO_TIME = (
        "{count} soumission(s) sans date d'envoi : la date de l'import est utilisée.",
        "{count} submission(s) without a submission time: the import time is used.",
        _W,
    )
    KOBO_JSON_INVALID = (*_NOT_JSON, _E)
    KOBO_JSON_SHAPE = (
        "Attendu : une liste de soumissions, ou un objet avec « results ».",
        "Expected a list of submissions, or an object with 'results'.",
        _E,
    )
    LIMESURVEY_NO_SUBMITDATE = (
        "La colonne « submitdate » manque : exportez les réponses depuis LimeSurvey au format "
        "CSV, en-têtes « code de la question ».",
        "The 'submitdate' column is missing: export the responses from LimeSurvey as CSV with "
        "'question code' headings.",
        _E,
    )
    LIMESURVEY_NOTHING_MAPPED = (
        "Aucune colonne ne correspond aux questions : ces réponses viennent-elles d'une autre "
        "enquête, ou l'export utilise-t-il le texte des questions comme en-tête ? Choisissez "
        "« code de la question ».",
        "No column matches the questions: do these responses come from another survey, or "
        "does the export use the question text as headings? Choose 'question code'.",
        _E,
    )
    LIMESURVEY_INCOMPLETE = (
        "{count} réponse(s) incomplète(s) (sans « submitdate ») laissée(s) de côté : elles "
        "n'ont jamais été envoyées.",
        "{count} incomplete response(s) (no 'submitdate') left out: they were never submitted.",
        _W,
    )

    # -- Response records (JSON Lines, and every other tool's rows once mapped) --------------
    # Said after "ligne 4, id : ", hence no capital and no full stop.
    RESPONSE_JSON_INVALID = (
        "pas du JSON valide ({detail}, colonne {column})",
        "not valid JSON ({detail}, column {column})",
        _E,
    )
    RESPONSE_NOT_AN_OBJECT = (
        "chaque ligne doit être un objet JSON {{...}}",
        "each line must be a JSON object {{...}}",
        _E,
    )
    RESPONSE_UNKNOWN_FIELDS = ("champ(s) inconnu(s)", "unknown field(s)", _E)
    RESPONSE_ID_INVALID = (
        "un texte non vide de 100 caractères au plus",
        "a non-empty text of at most 100 characters",
        _E,
    )
    RESPONSE_ID_UNSAFE = (
        "« {id} » ne peut pas servir d'identifiant : il ne doit pas contenir de « / » ni "
        "n'être fait que de points",
        "'{id}' cannot be used as an id: it must not contain '/' nor be only dots",
        _E,
    )
    RESPONSE_ID_REPEATED = (
        "« {id} » déjà utilisé à la {unit} {first}",
        "'{id}' already used on {unit} {first}",
        _E,
    )
    RESPONSE_SUBMITTED_AT_INVALID = (
        "une date et une heure ISO 8601 sont attendues",
        "an ISO 8601 date and time is required",
        _E,
    )
    RESPONSE_MODE_INVALID = (
        "« {mode} » n'est pas l'un de online, assisted, proxy",
        "'{mode}' is not one of online, assisted, proxy",
        _E,
    )
    RESPONSE_CHANNEL_INVALID = (
        "un texte de 200 caractères au plus",
        "a text of at most 200 characters",
        _E,
    )
    RESPONSE_ANSWERS_MISSING = (
        "un objet des réponses par question est attendu",
        "an object of answers by question is required",
        _E,
    )
    RESPONSE_TOO_MANY_PROBLEMS = (
        "arrêt après {count} problèmes",
        "stopped after {count} problems",
        _E,
    )
    RESPONSE_STORED_MEANWHILE = (
        "un identifiant de cette partie du fichier a été enregistré entre-temps par un autre "
        "import ou une saisie ; rien n’a été importé : relancez l’import",
        "an id of this part of the file was stored by another import or entry meanwhile; "
        "nothing imported: run the import again",
        _E,
    )

    # -- Documents holding practice sheets (.txt, .docx, .pdf) --------------------------------
    DOCUMENT_TYPE_UNSUPPORTED = (
        "« {name} » : seuls les documents .txt, .docx et .pdf peuvent être importés.",
        "{name}: only .txt, .docx and .pdf documents can be imported",
        _E,
    )
    DOCUMENT_TOO_BIG = (
        "Le document pèse {size_mb} Mo : la limite est de {limit_mb} Mo.",
        "The document weighs {size_mb} MB: the limit is {limit_mb} MB.",
        _E,
    )
    DOCUMENT_TOO_LONG = (
        "Le document contient plus de {limit} caractères de texte : bien plus qu'un recueil de "
        "fiches ; découpez-le.",
        "The document holds more than {limit} characters of text: far more than a collection "
        "of sheets; split it.",
        _E,
    )
    DOCX_UNREADABLE = (
        "Ce document Word est illisible ({detail}) : enregistrez-le à nouveau depuis Word ou "
        "LibreOffice.",
        "This Word document cannot be read ({detail}): save it again from Word or LibreOffice.",
        _E,
    )
    PDF_LIMIT = (
        "Ce PDF demande plus de ressources qu'un document ordinaire (un flux se décompresse "
        "au-delà des limites, ou sa structure est démesurée) : il n'est pas lu.",
        "This PDF needs more resources than an ordinary document (a stream inflates past the "
        "limits, or its structure is outsized): it is not read.",
        _E,
    )
    PDF_UNREADABLE = (
        "Ce PDF est illisible ou endommagé ({detail}) : exportez-le à nouveau en PDF depuis "
        "son logiciel.",
        "This PDF is unreadable or damaged ({detail}): export it to PDF again from its "
        "application.",
        _E,
    )
    PDF_TOO_MANY_PAGES = (
        "Ce PDF compte {pages} pages ou plus : au-delà de {limit}, découpez-le.",
        "This PDF has {pages} pages or more: past {limit}, split it.",
        _E,
    )

    # -- Practice sheets read out of a document (drafts a person reviews) ---------------------
    # Said after "ligne 12 (2B) : ", hence no capital and no full stop.
    PRACTICE_NONE_FOUND = (
        "aucune fiche trouvée (pas d'en-tête « FICHE N°… »)",
        "no sheet found (no 'FICHE N°…' header)",
        _W,
    )
    PRACTICE_DUPLICATE = (
        "la fiche {code} apparaît deux fois",
        "sheet {code} appears twice",
        _W,
    )
    PRACTICE_PASSAGE_UNPLACED = (
        "non placé : {text}",
        "not placed: {text}",
        _W,
    )
    PRACTICE_IDENTIFICATION_ROW_MISSING = (
        "pas de ligne « {row} » dans le tableau d'identification",
        "no '{row}' row in the identification table",
        _W,
    )
    PRACTICE_SECTION_EMPTY = (
        "la rubrique « {section} » est vide",
        "section '{section}' is empty",
        _W,
    )
    PRACTICE_SECTION_MISSING = (
        "pas de rubrique « {section} »",
        "no section '{section}'",
        _W,
    )
    PRACTICE_NO_DEPARTEMENT = (
        "aucun département trouvé pour le territoire « {territory} »",
        "no département found for the territory '{territory}'",
        _W,
    )
    PRACTICE_DEPARTEMENT_FROM_TITLE = (
        "département {departements} lu dans le titre ou les initiateurs, pas dans le territoire",
        "département {departements} read from the title or the initiators, not from the territory",
        _W,
    )
    PRACTICE_START_YEAR_UNREAD = (
        "pas d'année de démarrage dans « {text} »",
        "no start year in '{text}'",
        _W,
    )
    PRACTICE_NO_START_YEAR = (
        "pas d'année de démarrage",
        "no start year",
        _W,
    )
    PRACTICE_NO_THEME = (
        "pas de bandeau de thème au-dessus de la fiche",
        "no theme banner above the sheet",
        _W,
    )
    PRACTICE_NO_TITLE = (
        "la fiche n'a pas de titre",
        "the sheet has no title",
        _W,
    )

    # -- Personal data tools (search, erasure, retention settings) -----------------------------
    PD_NOT_A_CONTACT = (
        "« {query} » n’est ni une adresse électronique ni un numéro de téléphone valable : "
        "saisissez par exemple marie.dupont@exemple.fr ou 06 12 34 56 78.",
        "'{query}' is neither an e-mail address nor a valid telephone number: write for "
        "example marie.dupont@exemple.fr or 06 12 34 56 78.",
        _E,
    )
    PD_EMPTY = (
        "Saisissez l’adresse électronique ou le numéro de téléphone de la personne.",
        "Give the person's e-mail address or telephone number.",
        _E,
    )
    PD_RETENTION_INVALID = (
        "Le réglage {name} vaut « {value} » : indiquez un nombre de jours (0 ou plus), ou "
        "« off » pour ne pas limiter la conservation.",
        "Setting {name} is '{value}': give a number of days (0 or more), or 'off' for no limit.",
        _E,
    )
    PD_NO_SUCH_TEXT = (
        "La réponse « {key} » de la campagne « {campaign} » n’a pas de texte libre "
        "« {question} » signalé.",
        "Response '{key}' of campaign '{campaign}' has no flagged free text '{question}'.",
        _E,
    )
    PD_CONFIRM = (
        "Cochez la case de confirmation pour effacer ces données.",
        "Tick the confirmation box to erase this data.",
        _E,
    )

    # -- Measurements of an evaluation plan's indicators (entry form and CSV import) ---------
    # Said after "ligne 4, colonne « value » : " or after a field's label ("Valeur : "),
    # hence no capital and no full stop.
    MEASURE_COLUMN_MISSING = (
        "la colonne « {column} » manque : les colonnes lues sont {expected}",
        "column '{column}' is missing: the columns read are {expected}",
        _E,
    )
    MEASURE_COLUMN_UNKNOWN = (
        "colonne inconnue, ignorée : les colonnes lues sont {expected}",
        "unknown column, ignored: the columns read are {expected}",
        _W,
    )
    MEASURE_TOO_MANY_ROWS = (
        "le fichier compte plus de {limit} lignes de valeurs : découpez-le",
        "the file holds more than {limit} rows of values: split it",
        _E,
    )
    MEASURE_INDICATOR_UNKNOWN = (
        "« {indicator} » n’est pas un indicateur du plan : indicateurs du plan {known}",
        "'{indicator}' is not an indicator of the plan: the plan's indicators are {known}",
        _E,
    )
    MEASURE_PERIOD_INVALID = (
        "« {period} » n’est pas une période : écrivez une année (2024), un trimestre "
        "(2024-T2) ou un mois (2024-03)",
        "'{period}' is not a period: write a year (2024), a quarter (2024-T2) or a month (2024-03)",
        _E,
    )
    MEASURE_PERIOD_FREQUENCY = (
        "« {period} » ne convient pas : cet indicateur est suivi {frequency}, par exemple "
        "{example}",
        "'{period}' does not fit: this indicator is followed {frequency}, for example {example}",
        _E,
    )
    MEASURE_PERIOD_LOCKED = (
        "la période {period} est close : aucune valeur ne peut y être ajoutée ou modifiée",
        "period {period} is closed: no value can be added to it or changed",
        _E,
    )
    MEASURE_VALUE_MISSING = (
        "{expected} est attendu, par exemple {example}",
        "{expected} is expected, for example {example}",
        _E,
    )
    MEASURE_VALUE_INVALID = (
        "{expected} est attendu, par exemple {example} (lu : « {value} »)",
        "{expected} is expected, for example {example} (read: '{value}')",
        _E,
    )
    MEASURE_DENOMINATOR_ZERO = (
        "le dénominateur vaut 0 : le taux ne peut pas être calculé",
        "the denominator is 0: the rate cannot be computed",
        _E,
    )
    MEASURE_NARRATIVE_MISSING = (
        "cet indicateur est qualitatif : un récit est attendu",
        "this indicator is qualitative: a narrative is expected",
        _E,
    )
    MEASURE_DIMENSION_UNKNOWN = (
        "« {dimension} » n’est pas une ventilation de cet indicateur : ventilations "
        "possibles {known}",
        "'{dimension}' is not a breakdown of this indicator: the possible breakdowns are {known}",
        _E,
    )
    MEASURE_DIMENSION_MISSING = (
        "une catégorie va avec une ventilation : indiquez la ventilation de « {category} »",
        "a category goes with a breakdown: give the breakdown of '{category}'",
        _E,
    )
    MEASURE_CATEGORY_MISSING = (
        "la ventilation « {dimension} » demande une catégorie",
        "breakdown '{dimension}' needs a category",
        _E,
    )
    MEASURE_ROW_REPEATED = (
        "la ligne {first} donne déjà une valeur pour cet indicateur, cette période et cette "
        "catégorie",
        "row {first} already gives a value for this indicator, period and category",
        _E,
    )
    MEASURE_ALREADY_SENT = (
        "la valeur de cette période est déjà {state} : elle ne peut plus être remplacée",
        "the value of this period is already {state}: it can no longer be replaced",
        _E,
    )

    # -- Coding: codebooks (tree, starter data, .qdc) ----
    # (section CODEBOOK: its members go above the next section's line)
    CODEBOOK_FORMAT_INVALID = (
        "le livre de codes n'est pas lisible : {detail}",
        "the codebook cannot be read: {detail}",
        _E,
    )
    CODEBOOK_NAME_MISSING = (
        "ce code n'a pas de nom : donnez-lui un nom court",
        "this code has no name: give it a short one",
        _E,
    )
    CODEBOOK_NAME_TOO_LONG = (
        "le nom compte {length} caractères : {limit} au plus",
        "the name is {length} characters long: {limit} at most",
        _E,
    )
    CODEBOOK_DUPLICATE_GUID = (
        "l'identifiant {guid} est déjà celui du code « {first} » : chaque code a le sien",
        "the identifier {guid} is already that of the code '{first}': each code has its own",
        _E,
    )
    CODEBOOK_UNKNOWN_PARENT = (
        "le code parent {parent} n'est pas dans ce livre de codes",
        "the parent code {parent} is not in this codebook",
        _E,
    )
    CODEBOOK_CYCLE = (
        "le code « {name} » serait rangé sous lui-même ({cycle}) : un code ne peut pas être "
        "placé sous l'un de ses sous-codes",
        "the code '{name}' would sit under itself ({cycle}): a code cannot be placed under one "
        "of its own sub-codes",
        _E,
    )
    CODEBOOK_DUPLICATE_NAME = (
        "le nom « {name} » est déjà celui du code « {first} » au même niveau (les noms sont "
        "comparés sans majuscules, accents ni tirets)",
        "the name '{name}' is already that of the code '{first}' at the same level (names are "
        "compared without case, accents or hyphens)",
        _E,
    )
    CODEBOOK_BAD_SHORTCUT = (
        "le raccourci « {shortcut} » n'est pas une touche permise : un chiffre de 1 à 9 ou une "
        "lettre de a à z",
        "the shortcut '{shortcut}' is not an allowed key: a digit from 1 to 9 or a letter from "
        "a to z",
        _E,
    )
    CODEBOOK_DUPLICATE_SHORTCUT = (
        "le raccourci « {shortcut} » est déjà celui du code « {first} »",
        "the shortcut '{shortcut}' is already that of the code '{first}'",
        _E,
    )
    CODEBOOK_BAD_COLOR = (
        "la couleur « {color} » n'est pas de la forme #RRVVBB (par exemple #1F6FEB)",
        "the colour '{color}' is not of the form #RRGGBB (for example #1F6FEB)",
        _E,
    )
    CODEBOOK_UNKNOWN_QUESTION = (
        "le questionnaire de la campagne n'a pas de question {keys}",
        "the campaign's questionnaire has no question {keys}",
        _E,
    )
    CODEBOOK_MERGE_INTO_ITSELF = (
        "le code « {name} » ne peut pas être fusionné dans « {into} » : c'est lui-même ou "
        "l'un de ses sous-codes",
        "the code '{name}' cannot be merged into '{into}': it is the code itself or one of its "
        "sub-codes",
        _E,
    )
    CODEBOOK_NOT_EMPTY = (
        "le livre de codes a déjà {count} code(s) : un livre de départ ne se charge que dans "
        "un livre vide",
        "the codebook already holds {count} code(s): a starter codebook is only loaded into an "
        "empty one",
        _E,
    )
    CODEBOOK_CODE_GONE = (
        "le code « {name} » n'est plus dans le livre : il vient d'être fusionné dans un autre",
        "the code '{name}' is no longer in the codebook: it has just been merged into another",
        _E,
    )
    CODEBOOK_STARTER_UNKNOWN = (
        "il n'y a pas de livre de codes de départ « {name} » (livres connus : {known})",
        "there is no starter codebook '{name}' (known ones: {known})",
        _E,
    )

    # -- Coding: texts to code (notes, documents) ----
    # (section NOTE: its members go above the next section's line)
    # Said after "fichier « entretien.docx » : " or after a field's label, hence no capital
    # and no full stop.
    NOTE_FORMAT = (
        "le format « {suffix} » n’est pas lu : formats acceptés {known}",
        "format '{suffix}' is not read: accepted formats are {known}",
        _E,
    )
    NOTE_TOO_BIG = (
        "le fichier pèse {size_mb} Mo : la limite est de {limit_mb} Mo",
        "the file is {size_mb} MB: the limit is {limit_mb} MB",
        _E,
    )
    NOTE_UNREADABLE = (
        "ce fichier ne se lit pas comme un {kind} ({detail})",
        "this file cannot be read as a {kind} ({detail})",
        _E,
    )
    NOTE_EMPTY = (
        "le texte est vide : il n’y a rien à coder",
        "the text is empty: there is nothing to code",
        _E,
    )
    NOTE_TOO_LONG = (
        "le texte compte {chars} caractères : la limite est de {limit}",
        "the text holds {chars} characters: the limit is {limit}",
        _E,
    )
    NOTE_NOT_EDITABLE = (
        "le texte d’une réponse libre vient du questionnaire : il ne se modifie pas ici",
        "the text of a free-text answer comes from the questionnaire: it is not edited here",
        _E,
    )

    # -- Coding: codings and spans ----
    # (section CODING: its members go above the next section's line)
    # Said after a field's label ("Début du passage : "), hence no capital and no full stop.
    CODING_SPAN_HALF = (
        "un passage a un début et une fin : donnez les deux, ou aucun pour coder tout le texte",
        "a span has a start and an end: give both, or neither to code the whole text",
        _E,
    )
    CODING_SPAN_EMPTY = (
        "le passage {start}–{end} est vide : la fin doit venir après le début",
        "span {start}–{end} is empty: the end must come after the start",
        _E,
    )
    CODING_SPAN_OUTSIDE = (
        "le passage {start}–{end} sort du texte, qui compte {length} caractères",
        "span {start}–{end} lies outside the text, which has {length} characters",
        _E,
    )
    CODING_SPAN_INVALID = (
        "le passage {start}–{end} ne peut pas être codé ({reason})",
        "span {start}–{end} cannot be coded ({reason})",
        _E,
    )
    CODING_CODE_ELSEWHERE = (
        "le code « {code} » n’est pas dans le livre de codes de cette campagne",
        "code '{code}' is not in this campaign's codebook",
        _E,
    )
    CODING_CODE_INACTIVE = (
        "le code « {code} » n’est plus en usage : il ne peut plus être appliqué",
        "code '{code}' is no longer in use: it cannot be applied any more",
        _E,
    )
    CODING_CODE_NOT_CODABLE = (
        "le code « {code} » ne fait que regrouper d’autres codes : appliquez l’un d’eux",
        "code '{code}' only groups other codes: apply one of them",
        _E,
    )
    CODING_CODE_OTHER_QUESTION = (
        "le code « {code} » n’est pas prévu pour les réponses à « {question} »",
        "code '{code}' is not meant for the answers to '{question}'",
        _E,
    )
    CODING_NOT_OWN = (
        "ce codage est celui d’une autre personne : seule la personne qui l’a fait peut le retirer",
        "this coding is someone else's: only the person who made it may remove it",
        _E,
    )
    CODING_MEMO_EMPTY = (
        "le mémo est vide : écrivez ce que vous voulez garder",
        "the memo is empty: write what you want to keep",
        _E,
    )

    # -- Coding: rounds of double coding and agreement ----
    # (section ROUND: its members go above the next section's line)
    ROUND_TOO_FEW_CODERS = (
        "un cycle de double codage demande au moins deux codeurs ({count} choisi)",
        "a round of double coding needs two coders or more ({count} chosen)",
        _E,
    )
    ROUND_CODER_NOT_ALLOWED = (
        "« {name} » ne peut pas coder : son rôle ne donne pas le droit de coder les textes",
        "'{name}' cannot code: their role does not give the right to code texts",
        _E,
    )
    ROUND_SAMPLE_SIZE_INVALID = (
        "l’échantillon compte au moins un texte (lu : {size})",
        "the sample holds one text at least (read: {size})",
        _E,
    )
    ROUND_SAMPLE_TOO_LARGE = (
        "l’échantillon demandé ({size} textes) dépasse les textes à coder de ces questions "
        "({available})",
        "the sample asked for ({size} texts) exceeds the texts to code of these questions "
        "({available})",
        _E,
    )
    ROUND_OVERLAP_INVALID = (
        "le recouvrement est un pourcentage de 1 à 100 : sans texte codé par tous, l’accord "
        "ne se mesure pas (lu : {overlap})",
        "the overlap is a percentage from 1 to 100: with no text coded by everyone, agreement "
        "cannot be measured (read: {overlap})",
        _E,
    )
    ROUND_UNKNOWN = (
        "cette campagne n’a pas de cycle {number}",
        "this campaign has no round {number}",
        _E,
    )
    ROUND_NOT_CLOSED = (
        "le cycle {number} est en cours : l’accord et l’arbitrage s’ouvrent à sa clôture, "
        "pour que chacun code sans voir le codage des autres",
        "round {number} is open: agreement and adjudication open when it closes, so that "
        "each coder codes without seeing the others' codings",
        _E,
    )
    ROUND_ALREADY_CLOSED = (
        "le cycle {number} est déjà clos",
        "round {number} is already closed",
        _E,
    )
    ROUND_NONE_CLOSED = (
        "aucun cycle de cette campagne n’est clos : l’accord se calcule sur les cycles clos",
        "no round of this campaign is closed: agreement is computed on closed rounds",
        _E,
    )
    ROUND_SOURCE_NOT_IN_ROUND = (
        "ce texte ne fait pas partie du cycle {number}",
        "this text is not part of round {number}",
        _E,
    )

    # -- Coding: suggestions ----
    # (section SUGGEST: its members go above the next section's line)
    SUGGEST_TOO_FEW_TEXTS = (
        "{coded} textes seulement sont codés : il en faut au moins {needed} pour entraîner "
        "un modèle de suggestions",
        "only {coded} texts are coded: a suggestion model needs at least {needed}",
        _E,
    )
    SUGGEST_TOO_FEW_EXAMPLES = (
        "aucun code n’est appliqué à {needed} textes ou plus (le plus appliqué l’est à "
        "{best}) : codez davantage avant d’entraîner un modèle",
        "no code is applied to {needed} texts or more (the most applied is on {best}): "
        "code more before training a model",
        _E,
    )
    SUGGEST_TRAINING_RUNNING = (
        "le modèle de suggestions version {version} est déjà en cours d’entraînement : "
        "attendez qu’il soit prêt",
        "suggestion model version {version} is already being trained: wait until it is ready",
        _E,
    )
    SUGGEST_NO_MODEL = (
        "aucun modèle de suggestions n’est prêt pour cette campagne : entraînez-en un d’abord",
        "no suggestion model is ready for this campaign: train one first",
        _E,
    )
    SUGGEST_ARTEFACT_INVALID = (
        "le modèle de suggestions version {version} ne porte pas la signature de ce serveur : "
        "il n’est pas lu ; entraînez-en un nouveau",
        "suggestion model version {version} does not bear this server's signature: it is "
        "not read; train a new one",
        _E,
    )
    SUGGEST_ALREADY_DECIDED = (
        "cette suggestion de « {code} » a déjà été {decision}",
        "this suggestion of '{code}' was already {decision}",
        _E,
    )

    # -- Coding: names, contacts and quotes ----
    # (section QUOTE: its members go above the next section's line)
    QUOTE_STILL_PERSONAL = (
        "la citation contient encore {kinds} : remplacez-les par un repère ([Personne 1]), ou "
        "cochez « J’ai vérifié » si ce ne sont pas des données personnelles",
        "the quote still holds {kinds}: replace them with a placeholder ([Personne 1]), or "
        "tick 'I have checked' if they are no personal data",
        _E,
    )
    QUOTE_EMPTY = (
        "la citation est vide : gardez au moins quelques mots du texte",
        "the quote is empty: keep at least a few words of the text",
        _E,
    )
    QUOTE_TOO_LONG = (
        "la citation compte {length} caractères : {limit} au plus",
        "the quote is {length} characters long: {limit} at most",
        _E,
    )
    QUOTE_NOT_A_CODING = (
        "ce codage a été retiré ou n’est qu’une suggestion : il ne peut pas devenir une citation",
        "this coding was removed or is only a suggestion: it cannot become a quote",
        _E,
    )
    QUOTE_CONSENT_UNKNOWN = (
        "« {consent} » n’est pas un consentement prévu : {known}",
        "'{consent}' is not a known consent: {known}",
        _E,
    )

    # -- Coding: REFI-QDA projects (.qdpx) ----
    # (section QDPX: its members go above the next section's line)
    QDPX_NO_PROJECT = (
        "L'archive ne contient pas de « project.qde » : ce n'est pas un projet REFI-QDA.",
        "The archive holds no 'project.qde': it is not a REFI-QDA project.",
        _E,
    )
    QDPX_TOO_MANY_MEMBERS = (
        "L'archive compte {members} fichiers : au-delà de {limit}, elle n'est pas ouverte.",
        "The archive holds {members} files: past {limit}, it is not opened.",
        _E,
    )
    QDPX_UNSAFE_PATH = (
        "L'archive contient « {member} », un chemin qui sortirait du dossier où on la "
        "déplie : fichier refusé.",
        "The archive holds '{member}', a path that would leave the folder it is unpacked "
        "into: file refused.",
        _E,
    )
    QDPX_XML_INVALID = (
        "Le XML n'est pas bien formé ({detail}).",
        "The XML is not well-formed ({detail}).",
        _E,
    )
    QDPX_XML_DTD = (
        "Le document déclare une DTD ou des entités, dont aucun fichier REFI-QDA n'a besoin "
        "(c'est ainsi que sont faites les « bombes XML ») : il n'est pas lu.",
        "The document declares a DTD or entities, which no REFI-QDA file needs (that is how "
        "'XML bombs' are made): it is not read.",
        _E,
    )
    QDPX_TOO_MANY_ELEMENTS = (
        "Le document compte {elements} éléments XML : au-delà de {limit}, il n'est pas lu.",
        "The document holds {elements} XML elements: past {limit}, it is not read.",
        _E,
    )
    QDPX_ROOT = (
        "L'élément racine est <{found}> : un <{expected}> REFI-QDA était attendu.",
        "The root element is <{found}>: a REFI-QDA <{expected}> was expected.",
        _E,
    )
    QDPX_SCHEMA = (
        "Le document ne suit pas le schéma REFI-QDA ({schema}) : {detail}.",
        "The document does not follow the REFI-QDA schema ({schema}): {detail}.",
        _E,
    )
    QDPX_SCHEMA_MORE = (
        "Et {count} autres écarts au schéma.",
        "And {count} more departures from the schema.",
        _E,
    )
    QDPX_EMPTY_USER_DROPPED = (
        "L'attribut {attribute} vide de <{element}> ({count} fois) est ignoré : l'auteur "
        "n'est pas connu.",
        "The empty attribute {attribute} of <{element}> ({count} times) is ignored: the "
        "author is not known.",
        _W,
    )
    QDPX_GUID_DUPLICATE = (
        "L'identifiant {guid} sert déjà ligne {first} : chaque élément doit avoir le sien.",
        "The identifier {guid} is already used on line {first}: each element needs its own.",
        _E,
    )
    QDPX_CODE_CYCLE = (
        "Le code « {name} » ({guid}) se contient lui-même.",
        "The code '{name}' ({guid}) contains itself.",
        _E,
    )
    QDPX_CODE_UNKNOWN = (
        "Un codage du texte « {name} » renvoie au code {guid}, absent du livre de codes.",
        "A coding of the text '{name}' refers to the code {guid}, which is not in the codebook.",
        _E,
    )
    QDPX_REF_UNKNOWN = (
        "{ref} renvoie à {guid}, qui n'est pas dans le projet.",
        "{ref} refers to {guid}, which is not in the project.",
        _E,
    )
    QDPX_SOURCE_NO_TEXT = (
        "Le texte « {name} » n'a ni contenu (PlainTextContent) ni fichier (plainTextPath).",
        "The text '{name}' has neither content (PlainTextContent) nor file (plainTextPath).",
        _E,
    )
    QDPX_SOURCE_EXTERNAL = (
        "Le texte « {name} » renvoie à un fichier hors de l'archive ({path}) : seuls les "
        "fichiers de l'archive sont lus.",
        "The text '{name}' refers to a file outside the archive ({path}): only the archive's "
        "files are read.",
        _E,
    )
    QDPX_SOURCE_FILE_MISSING = (
        "Le texte « {name} » renvoie à {path}, absent de l'archive.",
        "The text '{name}' refers to {path}, which the archive does not hold.",
        _E,
    )
    QDPX_TEXT_ENCODING = (
        "Le fichier « {path} » n'est pas un texte en UTF-8.",
        "The file '{path}' is not UTF-8 text.",
        _E,
    )
    QDPX_OFFSETS_OUTSIDE = (
        "La sélection {start}–{end} sort du texte « {name} », long de {length} caractères.",
        "The selection {start}–{end} lies outside the text '{name}', {length} characters long.",
        _E,
    )
    QDPX_SELECTION_EMPTY = (
        "La sélection {start}–{end} du texte « {name} » est vide ou finit avant de commencer.",
        "The selection {start}–{end} of the text '{name}' is empty or ends before it starts.",
        _E,
    )
    QDPX_SOURCE_SKIPPED = (
        "La source « {name} » ({kind}) n'est pas importée : seuls les textes se codent ici ; "
        "ses {codings} codages sont laissés de côté.",
        "The source '{name}' ({kind}) is not imported: only texts are coded here; its "
        "{codings} codings are left aside.",
        _W,
    )
    QDPX_SOURCE_REF_BY_FILE = (
        "{count} renvois d'un cas à son texte nomment le fichier du texte et non le texte "
        "(QualCoder l'écrit ainsi) : ils sont rattachés au texte de même contenu.",
        "{count} references from a case to its text name the text's file instead of the text "
        "(as QualCoder writes them): they are tied to the text with the same content.",
        _W,
    )
    QDPX_SOURCE_TEXT_CHANGED = (
        "Le texte « {name} » ({guid}) est déjà dans la campagne avec un autre contenu : ses "
        "sélections ne tomberaient pas aux mêmes endroits.",
        "The text '{name}' ({guid}) is already in the campaign with another content: its "
        "selections would not fall at the same places.",
        _E,
    )
    QDPX_USER_UNMATCHED = (
        "Personne ne s'appelle « {name} » ici : ses {count} codages sont importés sans codeur.",
        "Nobody here is called '{name}': their {count} codings are imported without a coder.",
        _W,
    )
    QDPX_WRITTEN_INVALID = (
        "Le fichier écrit par Vivier ne passe pas ses propres contrôles ({detail}) : "
        "signalez-le, rien n'est téléchargé.",
        "The file Vivier wrote fails its own checks ({detail}): please report it; nothing is "
        "downloaded.",
        _E,
    )


# -- Phrases: the parts of messages that are there or not, or said per language ---------------


def joined(items: Iterable[Localized], separator: str = ", ") -> Localized:
    """Several localized values as one (``« a » (50 réponses au plus), « b »``)."""
    kept = list(items)
    return Localized(separator.join(i.fr for i in kept), separator.join(i.en for i in kept))


NONE_FOUND = Localized("aucune", "none")
NO_EXTENSION = Localized("sans extension", "no extension")
#: " Vouliez-vous dire « surveys » ?" after a sentence.
DID_YOU_MEAN = Phrase(" Vouliez-vous dire « {name} » ?", " Did you mean '{name}'?")
#: ": did you mean…?" ending a sentence instead of its full stop.
DID_YOU_MEAN_INSTEAD = Phrase(" : vouliez-vous dire « {name} » ?", ": did you mean '{name}'?")
DID_YOU_MEAN_REFERENCE = Phrase(" : vouliez-vous dire ${{{name}}} ?", ": did you mean ${{{name}}}?")

# Tables too wide (CSV, XLSForm text notations, workbook parts).
IN_PART = Phrase("Partie « {part} » : ", "Part '{part}': ")
IN_PART_BRACKETS = Phrase(" (partie « {part} »)", " (part '{part}')")
ROW_NUMBER = Phrase("La ligne {row}", "Row {row}")
A_ROW = Localized("Une ligne", "A row")
MORE_THAN = Phrase("plus de {count}", "more than {count}")

# XLSForm.
REPEAT = Localized("répétition", "repeat")
LOOP = Localized("boucle (loop)", "loop")
LABEL_NOT_OFFERED = Phrase(
    " ; le libellé « {label} » de la ligne {row} n'est pas proposé.",
    "; the label '{label}' of row {row} is not offered.",
)
CONSTRAINT_NOT_CHECKED = Localized(
    "la contrainte n'est pas vérifiée.", "the constraint is not checked."
)
ELEMENT_ALWAYS_SHOWN = Localized("l'élément est toujours affiché.", "the element is always shown.")
#: What the XLSForm importer calls each expression column, as the subject of a sentence.
EXPRESSION_COLUMNS: Mapping[str, Localized] = {
    "relevant": Localized("La condition d'affichage", "relevance condition"),
    "constraint": Localized("La contrainte", "constraint"),
    "calculation": Localized("Le calcul", "calculation"),
    "required": Localized("L'obligation", "required condition"),
}
#: What becomes of an expression Vivier cannot run, by column.
EXPRESSION_DROPPED: Mapping[str, Localized] = {
    "relevant": Localized(
        "la condition est abandonnée, l'élément est toujours affiché",
        "the condition is dropped, the element is always shown",
    ),
    "constraint": Localized(
        "la contrainte est abandonnée, la réponse n'est pas vérifiée",
        "the constraint is dropped, the answer is not checked",
    ),
    "calculation": Localized("le calcul n'est pas importé", "the calculation is not imported"),
    "required": Localized("l'obligation est abandonnée", "the requirement is dropped"),
}
# Why a row of an XLSForm is imported in a weaker form (XLSFORM_TYPE_DOWNGRADED).
ACKNOWLEDGE_AS_CHOICE = Localized(
    "une case « acknowledge » devient un choix unique à une seule option « OK »",
    "an 'acknowledge' box becomes a single choice with one option 'OK'",
)
OPTIONS_FROM_FILE = Phrase(
    "les options viennent du fichier externe « {file} » : la question devient un texte libre",
    "the options come from the external file '{file}': the question becomes a free text",
)
EXTERNAL_OPTIONS = Localized(
    "les options sont externes (select_one_external) : la question devient un texte libre",
    "the options are external (select_one_external): the question becomes a free text",
)
UPLOAD_AS_NOTE = Phrase(
    "Vivier ne reçoit pas de fichiers ({type}) : la question devient une note",
    "Vivier does not take uploads ({type}): the question becomes a note",
)
UNCAPTURED_AS_TEXT = Phrase(
    "Vivier ne sait pas saisir ce type ({type}) : la réponse devient un texte libre",
    "Vivier cannot capture this type ({type}): the answer becomes a free text",
)
RANGE_AS_INTEGER = Localized(
    "un curseur (range) devient un nombre entier", "a range slider becomes an integer"
)
DATETIME_AS_DATE = Localized(
    "une date et heure devient une date (l'heure est perdue)",
    "a date and time becomes a date (the time is lost)",
)
TIME_AS_TEXT = Localized("une heure devient un texte libre", "a time becomes a free text")

# KoboToolbox.
NO_LANGUAGE = Localized("(sans langue)", "(no language)")

# LimeSurvey.
QUOTA = Phrase("« {name} »", "'{name}'")
QUOTA_WITH_LIMIT = Phrase(
    "« {name} » ({limit} réponses au plus)", "'{name}' (at most {limit} responses)"
)
QUOTAS_DROPPED = Localized("ils ne sont pas importés", "they are")
QUOTA_DROPPED = Localized("il n'est pas importé", "it is")
HIDDEN_BY_ATTRIBUTE = Localized("masquée (attribut « hidden »)", "hidden (attribute 'hidden')")
NEVER_SHOWN = Localized("jamais affichée (condition 0)", "never shown (condition 0)")
VALIDATION_REGEX = Phrase(
    "l'expression régulière de validation ({regex})",
    "the validation regular expression ({regex})",
)
VALIDATION_EQUATION = Localized("l'équation de validation", "the validation equation")
OF_GROUP = Phrase("du groupe « {group} »", "of the group '{group}'")
OF_QUESTION = Phrase("de la question « {question} »", "of the question '{question}'")
OF_SUBQUESTION = Phrase(
    "de la question « {question} » (sous-question « {sub} »)",
    "of the question '{question}' (subquestion {sub})",
)
THE_QUESTION = Phrase("la question « {question} »", "the question '{question}'")
THE_SUBQUESTION = Phrase(
    "la question « {question} » (sous-question « {sub} »)",
    "the question '{question}' (subquestion {sub})",
)
GROUP_WITH_GID = Phrase("« {name} » (gid {gid})", "'{name}' (gid {gid})")

# Vivier JSON: why a field of a questionnaire document is refused (VIVIER_JSON_INVALID, and
# the codec's own errors, whose English is ``str(error)``).
JSON_KINDS: Mapping[str, Localized] = {
    "null": Localized("null", "null"),
    "boolean": Localized("un booléen", "a boolean"),
    "number": Localized("un nombre", "a number"),
    "string": Localized("un texte", "a string"),
    "list": Localized("une liste", "a list"),
    "object": Localized("un objet", "an object"),
}
AN_INTEGER = Localized("un nombre entier", "an integer")
AN_INTEGER_OR_NULL = Localized("un nombre entier ou null", "an integer or null")
TRUE_OR_FALSE = Localized("true ou false", "true or false")
EXPECTED = Phrase("attendu : {expected} ; trouvé : {got}", "expected {expected}, got {got}")
NOT_JSON = Phrase(
    "pas du JSON valide (ligne {line}, colonne {column} : {detail})",
    "not valid JSON (line {line}, column {column}: {detail})",
)
NOT_UTF8 = Phrase("pas du texte UTF-8 ({detail})", "not UTF-8 text ({detail})")
VERSION_TOO_NEW = Phrase(
    "la version {version} est plus récente que ce que ce Vivier sait lire (jusqu'à "
    "{supported}) ; mettez Vivier à jour",
    "version {version} is newer than this Vivier can read (up to {supported}); update Vivier",
)
UNKNOWN_VERSION = Phrase("version {version} inconnue", "unknown version {version}")
FIELD_NEEDS_VERSION = Phrase(
    "ce champ demande format_version {since} ou plus (le document dit {version})",
    "this field needs format_version {since} or later (the document says {version})",
)
UNKNOWN_QUESTION_TYPE = Phrase(
    "type {type} inconnu{hint} (types connus : {known})",
    "unknown type {type}{hint} (known types: {known})",
)
UNKNOWN_SHEET_FIELD = Phrase(
    "champ de fiche {field} inconnu{hint} (connus : {known})",
    "unknown sheet field {field}{hint} (known: {known})",
)
UNKNOWN_FIELD = Phrase("champ inconnu{hint}", "unknown field{hint}")
UNKNOWN_FIELD_AMONG = Phrase(
    "champ inconnu{hint} (connus : {known})", "unknown field{hint} (known: {known})"
)
MAYBE = Phrase(" ; vouliez-vous dire {name} ?", "; did you mean {name}?")
MISSING_FIELD = Localized("champ obligatoire absent", "missing required field")
MUST_NOT_BE_EMPTY = Localized("ne doit pas être vide", "must not be empty")
LABELS_BY_LANGUAGE = Localized(
    "un objet langue -> libellé (textes) attendu",
    "expected an object of language -> label strings",
)
SCALE_WITHOUT_POINTS = Phrase(
    "une échelle a au moins un point ; trouvé : {points}",
    "a scale needs at least one point, got {points}",
)
NOT_A_POINT = Phrase(
    "la clé {key} n'est pas un point de l'échelle (un nombre entier)",
    "key {key} is not a point of the scale (an integer)",
)

# Response records.
LINE = Localized("ligne", "line")
ROW = Localized("ligne", "row")

# Practice sheets: the rows of a sheet's identification table, as the template names them.
IDENTIFICATION_ROWS: Mapping[str, Localized] = {
    "territory": Localized("Territoire", "territory"),
    "year": Localized("Année", "year"),
    "initiators": Localized("Initiateurs", "initiators"),
    "publics": Localized("Public cible", "publics"),
}


# Measurements: what a value is expected to be, and how often an indicator is followed.
A_NUMBER = Localized("un nombre", "a number")
A_NUMBER_IN = Phrase("un nombre en {unit}", "a number in {unit}")
A_POSITIVE_NUMBER = Localized("un nombre positif ou nul", "a number of zero or more")
AT_MOST_DECIMALS = Phrase(
    "un nombre avec au plus {decimals} chiffre(s) après la virgule",
    "a number with at most {decimals} digit(s) after the decimal point",
)
A_SMALLER_NUMBER = Phrase("un nombre de moins de {limit}", "a number below {limit}")
THE_NUMERATOR = Phrase("le numérateur ({what})", "the numerator ({what})")
THE_DENOMINATOR = Phrase("le dénominateur ({what})", "the denominator ({what})")
FREQUENCIES: Mapping[str, Localized] = {
    "annuel": Localized("par année", "yearly"),
    "trimestriel": Localized("par trimestre", "quarterly"),
    "mensuel": Localized("par mois", "monthly"),
}
SENT_STATES: Mapping[str, Localized] = {
    "submitted": Localized("soumise", "submitted"),
    "approved": Localized("approuvée", "approved"),
}

__all__ = ["ProblemCode", "joined"]
