"""LimeSurvey survey structures (``.lss``) → a questionnaire.

``document`` reads the XML safely into rows, ``model`` turns the rows into groups and
questions, ``questions`` maps each LimeSurvey question type, ``expressions`` translates
ExpressionScript, ``text`` turns HTML into plain text, ``labels`` holds the words the
importer writes; ``reader`` (:func:`~vivier.surveys.codecs.limesurvey.reader.read_lss`)
puts them together.
"""
