"""People, roles and sign-in: who may do what in Vivier."""
