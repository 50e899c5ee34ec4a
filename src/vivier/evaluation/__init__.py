"""Evaluation co-built with the persons concerned: plans, measurements, stories of change
and outcomes, cross-evaluation committees, and the funder and qualitative reports.

The plan itself is the pure ``vivier.plans.schema.Plan`` stored as JSON, versioned at each
change. Modules are named for what they hold: ``plans`` (saving a plan and its versions),
``measurements`` (the values' workflow), ``stories`` (Most Significant Change and Outcome
Harvesting, with consent), ``committees`` (sessions, parity, opinions), ``documents/`` (the
two reports). Views are split the same way, one ``views_*.py`` and ``urls_*.py`` per area.
"""
