"""The evaluation plan of a practice, as data: pure core, no Django import.

- ``schema``: the plan (evaluative questions, expected results, indicators with their
  definition, milestones, participation matrix), frozen dataclasses with a JSON round trip;
- ``periods``: the periods measurements are recorded for ("2024", "2024-T2", "2024-03");
- ``values``: a number typed by a person, read in the indicator's unit;
- ``series``: an indicator over time against its target, from approved values only and
  across one definition only, and roll-ups that do not mislead;
- ``participation``: who takes part in which step, and how (breadth and depth);
- ``parity``: the parity rule a cross-evaluation committee checks when a session opens.

The Django app ``vivier.evaluation`` stores and serves all this.
"""
