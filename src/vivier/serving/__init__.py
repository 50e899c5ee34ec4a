"""How Vivier is served in production: the gunicorn application, its worker and its hooks."""
