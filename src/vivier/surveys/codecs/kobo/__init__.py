"""KoboToolbox questionnaires: an asset's JSON content, or a formpack fixture folder.

The rows go through the XLSForm importer (:mod:`vivier.surveys.codecs.xlsform`); see
:mod:`~vivier.surveys.codecs.kobo.reader`.
"""
