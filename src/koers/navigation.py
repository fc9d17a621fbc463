"""The organisation menu: each app contributes pages by URL name.

An entry whose URL does not exist (an app that is not built yet) is left out,
so the menu never links to a page that is not there.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MAIN = [
    ("organisation", _("Overview")),
    ("goals", _("Annual goals")),
    ("entry", _("Enter data")),
    ("meetings", _("Team meetings")),
    ("actions", _("Actions")),
    ("reports", _("Reports")),
    ("selection", _("Choose KPIs")),
]
MORE = [
    ("catalogue", _("KPI catalogue")),
    ("health", _("KPI health")),
    ("import", _("Import")),
    ("export", _("Export")),
    ("retired_kpis", _("Retired KPIs")),
    ("people", _("People")),
    ("onboarding", _("Getting started")),
    ("tokens", _("API tokens")),
    ("subscriptions", _("Report e-mails")),
    ("organisation_edit", _("Settings")),
]


def _links(entries, org_slug: str, path: str):
    links = []
    for name, label in entries:
        try:
            url = reverse(name, args=[org_slug])
        except NoReverseMatch:
            continue
        current = path == url or (url != f"/{org_slug}/" and path.startswith(url))
        links.append({"url": url, "label": label, "current": current})
    return links


def menu(org_slug: str, path: str) -> dict:
    return {"main": _links(MAIN, org_slug, path), "more": _links(MORE, org_slug, path)}
