"""The organisation menu: each app contributes pages by URL name.

``PAGE_RULES`` names who may open a page, with the same ``Access`` question
the page's view asks; the menu and the templates (``access|may_open:"name"``)
use it, so nobody is offered a link that ends in "forbidden".
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
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


# The distinct questions of PAGE_RULES: the menu depends on their answers only.
RULES = tuple(dict.fromkeys(PAGE_RULES.values()))


@lru_cache(maxsize=1024)
def _entries(key: tuple, slug: str, answers: tuple[bool, ...]) -> tuple[tuple, tuple]:
    """The menu's links as (URL, URL and label escaped for HTML) for these answers to
    ``RULES``, in the language, URLconf and script prefix of ``key``: the same on every page."""
    allowed = dict(zip(RULES, answers, strict=True))

    def links(entries):
        found = []
        for name, label in entries:
            if allowed.get(PAGE_RULES.get(name, everyone), True):
                url = reverse(name, args=[slug])
                found.append((url, escape(url), escape(str(label))))
        return tuple(found)

    return links(MAIN), links(MORE)


def _links(entries: tuple, slug: str, path: str) -> list[dict]:
    home = f"/{slug}/"
    return [
        {
            "url": url,
            "href": href,
            "label": label,
            "current": path == url or (url != home and path.startswith(url)),
        }
        for url, href, label in entries
    ]


CURRENT = ' aria-current="page"'


def _html(links: list[dict]) -> str:
    return "".join(
        f'<li><a href="{link["href"]}"{CURRENT if link["current"] else ""}>{link["label"]}</a></li>'
        for link in links
    )


def menu(access: Access, path: str) -> dict:
    """The main menu and the "More" menu: their links (``url``, ``label``, ``current``) and
    each written as HTML list items (``main_html``, ``more_html``)."""
    slug = access.organisation.slug
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
    main, more = _entries(key, slug, tuple(rule(access) for rule in RULES))
    main_links, more_links = _links(main, slug, path), _links(more, slug, path)
    return {
        "main": main_links,
        "more": more_links,
        # URLs and labels escaped in _entries.
        "main_html": mark_safe(_html(main_links)),
        "more_html": mark_safe(_html(more_links)),
    }
