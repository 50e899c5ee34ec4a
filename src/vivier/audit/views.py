"""The staff page of the trail: read-only, newest first, filtered, paginated."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vivier.accounts.access import requires

from .forms import JournalFilterForm
from .lines import line
from .queries import entries

PER_PAGE = 50


@requires("auditlog.view_logentry")
@require_safe
def journal(request: HttpRequest) -> HttpResponse:
    filtering = any(request.GET.get(name) for name in JournalFilterForm.base_fields)
    form = JournalFilterForm(request.GET if filtering else None)
    context: dict[str, object] = {"form": form, "page_title": _("Journal d’audit")}
    if filtering and not form.is_valid():
        return render(request, "audit/journal.html", context, status=400)
    found = entries(form.filters()) if filtering else entries()
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context.update({"page_obj": page, "lines": [line(e) for e in page], "filtering": filtering})
    return render(request, "audit/journal.html", context)
