from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, using: str, apps: Any = None, **kwargs: Any) -> None:
    """After every ``migrate`` (and a test's flush): the groups match ``roles.ROLES``."""
    from .roles import sync_roles

    missing = sync_roles(apps, using) if apps is not None else sync_roles(using=using)
    if missing:
        raise ImproperlyConfigured(
            f"vivier.accounts.roles names permissions that do not exist: {', '.join(missing)}"
        )


class AccountsConfig(AppConfig):
    name = "vivier.accounts"
    label = "accounts"
    verbose_name = _("Comptes et rôles")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="vivier.accounts.roles")
