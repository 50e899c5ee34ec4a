"""The builder: runs the passes in order over a workbook already read, stops at the first
pass that found an error (the later ones would only repeat it).
"""

from __future__ import annotations

from functools import partial

from vivier.problems import ProblemCode
from vivier.surveys.codecs.report import engine_diagnostics
from vivier.surveys.codecs.xlsform.passes.assemble import assemble, restore_vivier_columns
from vivier.surveys.codecs.xlsform.passes.checks import drop_refused_conditions, locate
from vivier.surveys.codecs.xlsform.passes.choices import read_choices
from vivier.surveys.codecs.xlsform.passes.outline import first_pass
from vivier.surveys.codecs.xlsform.passes.questions import second_pass
from vivier.surveys.codecs.xlsform.passes.settings import detect_languages, read_settings
from vivier.surveys.codecs.xlsform.passes.sheets import (
    checked_columns,
    empty_survey,
    no_survey,
    report_error_cells,
)
from vivier.surveys.codecs.xlsform.passes.state import BuildState
from vivier.surveys.codecs.xlsform.sheets import SURVEY, SURVEY_ALIASES, understand
from vivier.surveys.schema import Questionnaire


class Builder(BuildState):
    """Builds one questionnaire; ``diagnostics`` holds every problem the passes found."""

    def build(self) -> Questionnaire | None:
        survey = self.workbook.sheet(SURVEY)
        if survey is None:
            no_survey(self)
            return None
        self.survey = survey
        report_error_cells(self)
        if not survey.headers and not survey.rows:
            empty_survey(self, survey)
            return None
        read_settings(self)
        survey_columns = checked_columns(self, survey, SURVEY_ALIASES)
        if survey.rows and "type" not in survey_columns.present:
            self.report(ProblemCode.XLSFORM_NO_TYPE_COLUMN, self.where(survey, 1))
        survey_rows = [understand(row, survey_columns) for row in survey.rows]
        choice_rows = read_choices(self)
        self.languages = detect_languages(self, survey_rows, choice_rows)
        if self.has_errors:
            return None
        first_pass(self, survey_rows)
        if self.has_errors:
            return None
        segments = second_pass(self)
        if self.has_errors:
            return None
        questionnaire = assemble(self, segments)
        if questionnaire is None:
            return None
        questionnaire = restore_vivier_columns(self, questionnaire)
        questionnaire, issues = drop_refused_conditions(self, questionnaire)
        self.diagnostics.extend(engine_diagnostics(questionnaire, partial(locate, self), issues))
        return questionnaire
