"""The public home page: the campaigns open to answers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from vivier.accounts.access import public

from .models import Campaign


@public
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    campaigns = [c for c in Campaign.objects.filter(opens_at__lte=now) if c.is_open]
    return render(request, "home.html", {"campaigns": campaigns})


@public
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the fault benchmark: the process answers, nothing else.

    No database, no template, no session: it is also the "bare Django view" the benchmarks
    compare the respondent path with.
    """
    return HttpResponse("ok", content_type="text/plain")
