"""The home page: the login form for visitors, real figures for people who are logged in."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cchc.common.models import Event
from cchc.org import selectors as org_selectors
from cchc.org.models import AgencyType


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from cchc.accounts.views import LoginView

        return LoginView.as_view()(request)
    today = timezone.localdate()
    counts = org_selectors.registry_counts(as_of=today)
    home_agency = org_selectors.home_agency()
    cards = [
        (str(AgencyType(t).label), counts.get(t, 0))
        for t in (AgencyType.SO, AgencyType.BAN, AgencyType.NGANH, AgencyType.UBND_XA, AgencyType.TTPVHCC)
    ]
    context = {
        "today": today,
        "home_agency": home_agency,
        "cards": cards,
        "total_agencies": sum(counts.values()),
        "reorganisations": org_selectors.reorganisation_list()[:6],
        "recent_events": Event.objects.order_by("-at")[:8] if request.user.has_perm("org.manage_registry") else [],
    }
    return render(request, "common/home.html", context)


__all__ = ["home", "redirect_to_login"]
