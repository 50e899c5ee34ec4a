"""Coding what people wrote: sources, codebooks, codings, rounds of blind double coding,
suggestions, names and contacts found in texts, and the pseudonymised quote bank.

The Django shell of :mod:`vivier.qualitative` (the pure core: codebook trees, spans,
agreement, pseudonymisation, REFI-QDA).
"""
