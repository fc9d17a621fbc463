"""The organisation menu: each app contributes pages by URL name.

Each entry names who may follow it, with the same ``Access`` question the
page's view asks, so nobody is offered a link that ends in "forbidden".
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


Entry = tuple[str, str, Callable[[Access], bool]]

MAIN: list[Entry] = [
    ("organisation", _("Overview"), everyone),
    ("goals", _("Annual goals"), everyone),
    ("entry", _("Enter data"), data_enterers),
    ("meetings", _("Team meetings"), everyone),
    ("actions", _("Actions"), everyone),
    ("reports", _("Reports"), everyone),
    ("selection", _("Choose KPIs"), everyone),
]
MORE: list[Entry] = [
    ("catalogue", _("KPI catalogue"), everyone),
    ("health", _("KPI health"), everyone),
    ("import", _("Import"), data_enterers),
    ("export", _("Export"), everyone),
    ("retired_kpis", _("Retired KPIs"), everyone),
    ("people", _("People"), everyone),
    ("onboarding", _("Getting started"), everyone),
    ("tokens", _("API tokens"), everyone),
    ("subscriptions", _("Report e-mails"), everyone),
    ("organisation_edit", _("Settings"), admins),
]


def _links(entries: list[Entry], access: Access, path: str) -> list[dict]:
    slug = access.organisation.slug
    links = []
    for name, label, allowed in entries:
        if not allowed(access):
            continue
        url = reverse(name, args=[slug])
        current = path == url or (url != f"/{slug}/" and path.startswith(url))
        links.append({"url": url, "label": label, "current": current})
    return links


def menu(access: Access, path: str) -> dict:
    return {"main": _links(MAIN, access, path), "more": _links(MORE, access, path)}
