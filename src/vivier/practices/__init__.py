"""Practice sheets ("fiches"): the pure data model and the import from documents."""
