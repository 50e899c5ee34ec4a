"""The practice sheet, part of the pure core (no Django import).

* :mod:`vivier.sheets.schema`: the sheet ("fiche") as plain, immutable, JSON-serialisable
  data, and its checked conversion from and to JSON;
* :mod:`vivier.sheets.diff`: a readable difference between two versions of a sheet.

The registry that stores, versions, publishes and searches sheets is the Django app
``vivier.practices``.
"""
