"""Who and from where, for every line written while a request is served.

django-auditlog's middleware gives the model changes of a request its user and address. This
subclass changes two things:

- the address is the one django-axes counts sign-in failures against (the connection's, or
  behind a reverse proxy the header ``VIVIER_CLIENT_IP_HEADER`` names), where auditlog's own
  would take the first address of ``X-Forwarded-For``, which any client can write;
  ``X-Forwarded-Port`` is dropped for the same reason;
- the request is kept for the duration (``trail.current_request``), so that lines written by
  code that has no request at hand (an import, the personal-data register) name the person
  and the address too.
"""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

from .trail import client_ip, current_request


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            response: HttpResponse = super().__call__(request)
            return response
        finally:
            current_request.reset(token)
