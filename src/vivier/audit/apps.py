from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vivier.audit"
    label = "audit"
    verbose_name = _("Journal d’audit")

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import post_save, pre_save

        from vivier.campaigns.models import AuditEntry

        from . import receivers, registrations, trail

        registrations.register_models()
        # Connected now, before any request: it runs before the receiver auditlog's
        # middleware connects for each request, and gives the line its person first.
        pre_save.connect(trail.complete, sender=LogEntry, dispatch_uid="vivier.audit.complete")
        user_logged_in.connect(receivers.signed_in, dispatch_uid="vivier.audit.signed_in")
        user_login_failed.connect(
            receivers.sign_in_refused, dispatch_uid="vivier.audit.sign_in_refused"
        )
        user_logged_out.connect(receivers.signed_out, dispatch_uid="vivier.audit.signed_out")
        post_save.connect(
            receivers.register_written, sender=AuditEntry, dispatch_uid="vivier.audit.register"
        )
