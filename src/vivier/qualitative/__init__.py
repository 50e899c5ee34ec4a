"""Qualitative coding, the pure core: codebook trees, spans in a text, agreement between
coders, suggestions learned from codings, names and contacts found in texts, pseudonymised
quotes, and the REFI-QDA exchange formats.

No Django here (``tests/test_pure_core.py``): the Django shell is :mod:`vivier.coding`.
"""
