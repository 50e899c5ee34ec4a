"""The XLSForm builder, one module per pass; :class:`~.builder.Builder` runs them in order.

``state`` holds what the passes share (the workbook, what they learnt, the diagnostics);
``sheets`` and ``settings`` read the sheets and the language, ``choices`` the option lists;
``outline`` is the first pass over the survey sheet (names, groups, calculations),
``questions`` the second (questions and pages), both translating their conditions with
``expressions``; ``assemble`` puts the questionnaire together and ``checks`` runs the
engine's checks on it, dropping a refused condition with a warning.
"""
