"""Other tools' response exports (KoboToolbox, LimeSurvey) read into Vivier records.

``foreign`` holds what both readers share (the records, CSV rows, diagnostics); ``kobo`` and
``limesurvey`` map each tool's columns to the questionnaire's questions. Nothing here touches
the database: the campaigns app stores the records.
"""
