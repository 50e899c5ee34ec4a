"""Texts LimeSurvey shows without storing them (Yes/No, gender, array scales), per language.

LimeSurvey translates these from its own catalogue; the imported questionnaire needs them as
choice labels, in the survey's base language and as translations for the other ones.
Languages not listed here get the English words.
"""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "yes": {"fr": "Oui", "en": "Yes", "es": "Sí", "de": "Ja", "it": "Sì", "pt": "Sim", "nl": "Ja"},
    "no": {"fr": "Non", "en": "No", "es": "No", "de": "Nein", "it": "No", "pt": "Não", "nl": "Nee"},
    "female": {
        "fr": "Femme",
        "en": "Female",
        "es": "Mujer",
        "de": "Weiblich",
        "it": "Femmina",
        "pt": "Feminino",
        "nl": "Vrouw",
    },
    "male": {
        "fr": "Homme",
        "en": "Male",
        "es": "Hombre",
        "de": "Männlich",
        "it": "Maschio",
        "pt": "Masculino",
        "nl": "Man",
    },
    "increase": {
        "fr": "Augmente",
        "en": "Increase",
        "es": "Aumentar",
        "de": "Erhöhen",
        "it": "Aumenta",
        "pt": "Aumentar",
        "nl": "Toename",
    },
    "same": {
        "fr": "Identique",
        "en": "Same",
        "es": "Igual",
        "de": "Gleich",
        "it": "Uguale",
        "pt": "Igual",
        "nl": "Gelijk",
    },
    "decrease": {
        "fr": "Diminue",
        "en": "Decrease",
        "es": "Disminuir",
        "de": "Verringern",
        "it": "Diminuisce",
        "pt": "Diminuir",
        "nl": "Afname",
    },
    "uncertain": {
        "fr": "Incertain",
        "en": "Uncertain",
        "es": "Dudoso",
        "de": "Unsicher",
        "it": "Incerto",
        "pt": "Incerto",
        "nl": "Onzeker",
    },
    "other": {
        "fr": "Autre (précisez)",
        "en": "Other (specify)",
        "es": "Otro (especifique)",
        "de": "Sonstiges (bitte angeben)",
        "it": "Altro (specificare)",
        "pt": "Outro (especifique)",
        "nl": "Anders (specificeer)",
    },
    "comment": {
        "fr": "commentaire",
        "en": "comment",
        "es": "comentario",
        "de": "Kommentar",
        "it": "commento",
        "pt": "comentário",
        "nl": "opmerking",
    },
}


def word(key: str, language: str) -> str:
    """``word("yes", "de-informal")`` is ``"Ja"``: the region and variant are ignored."""
    forms = _WORDS[key]
    return forms.get(language.split("-")[0].split("_")[0].lower(), forms["en"])
