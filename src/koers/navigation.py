"""The organisation menu: each app contributes pages by URL name.

``PAGE_RULES`` names who may open a page, with the same ``Access`` question
the page's view asks; the menu and the templates (``access|may_open:"name"``)
use it, so nobody is offered a link that ends in "forbidden".
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koers.organisations.access import Access


def everyone(access: Access) -> bool:
    return True


def data_enterers(access: Access) -> bool:
    return access.enters_data_anywhere


def admins(access: Access) -> bool:
    return access.is_admin


def managers(access: Access) -> bool:
    return access.manages_anything


# Who may open an organisation-wide page, by URL name: the question its view asks.
PAGE_RULES: dict[str, Callable[[Access], bool]] = {
    "entry": data_enterers,
    "import": data_enterers,
    "organisation_edit": admins,
    "competence_create": admins,
    "unit_create": admins,
    "goal_create": managers,
    "kpi_create": managers,
    "action_create": data_enterers,
    "compare_upload": admins,
    "year_review": managers,
}


def may_open(access: Access | None, url_name: str) -> bool:
    """True when the user may follow a link to the page ``url_name`` (everyone, unless ruled)."""
    if access is None:
        return False
    return PAGE_RULES.get(url_name, everyone)(access)


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
    ("compare", _("Compare with others")),
    ("import", _("Import")),
    ("export", _("Export")),
    ("retired_kpis", _("Retired KPIs")),
    ("people", _("People")),
    ("onboarding", _("Getting started")),
    ("tokens", _("API tokens")),
    ("subscriptions", _("Report e-mails")),
    ("organisation_edit", _("Settings")),
]


def _links(entries, access: Access, path: str) -> list[dict]:
    slug = access.organisation.slug
    links = []
    for name, label in entries:
        if not may_open(access, name):
            continue
        url = reverse(name, args=[slug])
        current = path == url or (url != f"/{slug}/" and path.startswith(url))
        links.append({"url": url, "label": label, "current": current})
    return links


def menu(access: Access, path: str) -> dict:
    return {"main": _links(MAIN, access, path), "more": _links(MORE, access, path)}
