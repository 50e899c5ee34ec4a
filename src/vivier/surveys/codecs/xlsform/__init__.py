"""XLSForm questionnaires in and out (KoboToolbox forms are read through here too).

Reading: ``sheets`` turns a workbook (.xlsx .xlsm .xls, pyxform's .csv and .md) into rows,
after ``xlsx_scan`` has checked its XML and before ``xlsx_book`` reads an .xlsx fast;
``reader`` (:func:`~vivier.surveys.codecs.xlsform.reader.read_xlsform`) builds the
questionnaire with the passes of ``passes``, translating ODK XPath with ``xpath``, and asks
pyxform's verdict (``verdict``). Writing: ``export`` (:func:`~.export.write`), whose
``vivier_*`` columns ``vivier_columns`` reads back on re-import.

Nothing is imported here, so that reading a form never loads the exporter and the other way
round.
"""
