"""Every role walks the product in a real browser: no forbidden links, no sideways scroll,
no accessibility violations (axe-core), touch targets of 44 px on a tablet."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest

from koers.benchmarks.tests.test_import import DUTCH
from koers.conftest import SCREENSHOTS, login
from koers.demo import create_demo
from koers.meetings import agenda
from koers.meetings.models import Action, Meeting
from koers.organisations.models import Organisation, Unit
from koers.periods import Frequency, last_finished
from koers.reports.models import BoardLink
from koers.selection.models import Round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "browser-walk-1"
ROLES = ["directie", "manager", "medewerker", "kijker"]
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 768, "height": 1024}
# The main pages of each role (the unit, KPI and report of the demo's production team).
MAIN_PAGES = [
    "/demo/",
    "/demo/units/productie/",
    "/demo/kpis/PR-LEV/",
    "/demo/goals/",
    "/demo/entry/",
    "/demo/meetings/",
    "/demo/actions/",
    "/demo/reports/",
    "/demo/selection/",
    "/demo/health/",
    "/demo/people/",
    "/demo/compare/",
    "/demo/benchmarks/",
]


def _more_pages(role: str) -> list[str]:
    """The issue's other main pages: the planned meeting, its presentation (also full screen),
    the entry grid, the selection rounds (scoring and closed) and, for who decides actions,
    the action form."""
    planned = Meeting.objects.get(organisation__slug="demo", status="planned")
    n = next(k for k, i in enumerate(agenda.sequence(planned), start=1) if i.kpi_id)
    present = f"/demo/meetings/{planned.pk}/present/{n}/"
    period = last_finished(Frequency.MONTH, date.today()).key
    pages = [f"/demo/meetings/{planned.pk}/", present, present + "?full=1"]
    pages.append(f"/demo/entry/productie/{period}/")
    pages += [f"/demo/selection/{r.pk}/" for r in Round.objects.filter(organisation__slug="demo")]
    if role == "directie":
        pages.append("/demo/actions/new/")
    return pages


def _role_pages(page, role: str) -> list[str]:
    """The compare and board pages beyond the main ones, each for the roles that may open it:
    importing sector figures and its preview (the admin), a unit's board links (who manages
    the unit) and the team board itself (anyone with the link, no account)."""
    pages = []
    if role == "directie":
        pages.append("/demo/compare/import/")
        page.goto(page.base_url + "/demo/compare/import/")
        page.set_input_files(
            "main input[type=file]",
            {"name": "metaal.csv", "mimeType": "text/csv", "buffer": DUTCH.encode("cp1252")},
        )
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert "/compare/import/" in page.url and page.url.rstrip("/")[-1].isdigit(), page.url
        pages.append(urlparse(page.url).path)  # the preview of the upload
    if role in ("directie", "manager"):
        pages += ["/demo/reports/productie/boards/", "/demo/reports/productie/share/"]
    return pages


def _board_url() -> str:
    """A usable board link of the production team, as its manager makes one."""
    link = BoardLink(
        organisation=Organisation.objects.get(slug="demo"),
        unit=Unit.objects.get(organisation__slug="demo", slug="productie"),
        label="kantine",
        lang="nl",
        expires_on=date.today() + timedelta(days=30),
    )
    token = link.issue_token()
    link.save()
    return f"/r/board/{token}/"


SKIP = ("/logout", "/delete", "/download", "/export/", "?format=", "/i18n/", "/admin/", "/api/")
CRAWL_LIMIT = 150


@pytest.fixture
def demo(db):
    create_demo(password=PASSWORD)


def _links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]", "els => els.filter(e => e.offsetParent !== null).map(e => e.href)"
    )
    return [h.split("#")[0] for h in hrefs]


def _inside(url: str, base: str) -> bool:
    parsed = urlparse(url)
    return (
        url.startswith(base)
        and parsed.path.startswith("/demo/")
        and not any(s in url for s in SKIP)
    )


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_each_role_no_link_that_answers_forbidden(browser_page, demo, role):
    page = browser_page
    login(page, role, PASSWORD)
    queue = [page.base_url + p for p in MAIN_PAGES + _role_pages(page, role) + [_board_url()]]
    seen: set[str] = set(queue)
    checked = 0
    forbidden = []
    while queue and checked < CRAWL_LIMIT:
        url = queue.pop(0)
        answer = page.request.get(url, max_redirects=5)
        checked += 1
        if answer.status == 403:
            forbidden.append(url)
            continue
        if "text/html" not in answer.headers.get("content-type", ""):
            continue  # a download (PDF, Excel, CSV): its status is all that counts
        page.goto(url)
        for link in _links(page):
            if link not in seen and _inside(link, page.base_url):
                seen.add(link)
                queue.append(link)
    assert checked > len(MAIN_PAGES), "the crawl found no links beyond the main pages"
    assert forbidden == [], f"{role} is shown links that answer 403: {forbidden}"


def _axe(page) -> list[dict]:
    # Evaluated through the DevTools protocol: Koers' Content-Security-Policy
    # (script-src 'self') would refuse an injected inline <script>.
    page.evaluate(AXE.read_text() + "\n;true")
    result = page.evaluate(
        """() => axe.run(document, {rules: {"target-size": {enabled: true},
                                             "duplicate-id": {enabled: true}}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
    ]


def _scrolls_sideways(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def _small_targets(page) -> list[str]:
    """Controls whose target (the control with its label) is under 44 x 44 px."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main .button, main select, main input:not([type=hidden]), '
              + 'main summary, header a, header button, header summary')]
            .filter(e => e.offsetParent !== null)
            .filter(e => {
              const rects = [e, ...(e.labels || [])].map(x => x.getBoundingClientRect())
                .filter(r => r.width > 0);
              if (!rects.length) return false;
              const w = Math.max(...rects.map(r => r.right)) - Math.min(...rects.map(r => r.left));
              const h = Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
              return w < 44 || h < 44; })
            .map(e => e.outerHTML.slice(0, 90))"""
    )


def _problems(page, path: str, role: str, viewport: dict) -> dict:
    """What is wrong with one page: axe violations, sideways scroll, small targets on a tablet;
    a full-page screenshot is kept either way."""
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    slug = path.strip("/").replace("/", "-").replace("?full=1", "-full") or "home"
    if path.startswith("/r/board/"):
        slug = "board"  # the token stays out of the file name
    name = f"walk-{role}-{viewport['width']}-{slug}"
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    found = {}
    if violations := _axe(page):
        found["axe"] = violations
    if _scrolls_sideways(page):
        found["scrolls sideways"] = True
    if viewport is TABLET and (small := _small_targets(page)):
        found["targets under 44 px"] = small[:8]
    return found


@pytest.mark.parametrize("role", ["directie", "kijker"])
@pytest.mark.parametrize("viewport", [DESKTOP, TABLET], ids=["desktop", "tablet"])
def test_it_keeps_the_main_pages_accessible_and_within_the_screen(
    browser_page, demo, role, viewport
):
    page = browser_page
    page.set_viewport_size(viewport)
    login(page, role, PASSWORD)
    problems = {}
    for path in MAIN_PAGES + _more_pages(role):
        if found := _problems(page, path, role, viewport):
            problems[path] = found
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("role", ROLES)
def test_it_keeps_the_compare_and_board_pages_accessible_and_within_the_screen(
    browser_page, demo, role
):
    """The compare pages and the team board (with its links page), for each role that may
    open them, on both screens; the walk above covers the main pages of directie and kijker."""
    page = browser_page
    login(page, role, PASSWORD)
    pages = _role_pages(page, role) + [_board_url(), "/demo/subscriptions/"]
    if role not in ("directie", "kijker"):
        pages += ["/demo/compare/", "/demo/benchmarks/"]
    problems = {}
    for viewport in (DESKTOP, TABLET):
        page.set_viewport_size(viewport)
        for path in pages:
            if found := _problems(page, path, role, viewport):
                problems[f"{viewport['width']} {path}"] = found
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_it_closes_the_more_menu_on_escape_and_returns_focus(browser_page, demo):
    page = browser_page
    login(page, "directie", PASSWORD)
    page.goto(page.base_url + "/demo/")
    summary = page.locator("details.more:not(.orgswitch) > summary").first
    summary.click()
    assert page.locator("details.more:not(.orgswitch)").first.get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert page.locator("details.more:not(.orgswitch)").first.get_attribute("open") is None
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"


def test_it_moves_focus_to_the_error_summary_after_a_failed_submit(browser_page, demo):
    page = browser_page
    login(page, "directie", PASSWORD)
    page.goto(page.base_url + "/demo/kpis/new/")
    page.fill("#id_code", "niet geldig!")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("[data-error-summary] a[href='#id_code']").count() == 1


# A4 (210 mm) less the print margins of koers.css's @page (12 mm left and right), in CSS px.
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)


def _past_the_page(page) -> list[str]:
    """Printed elements whose right edge (border included) runs past the page's content box,
    or whose content is cut off by a clipping box (overflow hidden, auto or scroll)."""
    return page.evaluate(
        """(width) => {
          const out = [];
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
            const name = e.tagName.toLowerCase() + (e.className ? '.' + e.className : '');
            if (r.right > width + 0.5) out.push(name + ' ends at ' + Math.round(r.right));
            const o = getComputedStyle(e).overflowX;
            if (o !== 'visible' && o !== 'clip' && e.scrollWidth > e.clientWidth + 1
                && !e.closest('.sr-only'))
              out.push(name + ' cuts off ' + (e.scrollWidth - e.clientWidth) + ' px');
          }
          return out.slice(0, 10);
        }""",
        A4_CONTENT_PX,
    )


def test_it_prints_a_unit_page_and_a_report_within_the_a4_page(browser_page, demo):
    page = browser_page
    login(page, "directie", PASSWORD)
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    for path in ("/demo/units/productie/", "/demo/reports/productie/"):
        page.goto(page.base_url + path)
        assert page.locator("main table").count() > 0, path
        assert _past_the_page(page) == [], path
        name = "print-" + path.strip("/").replace("/", "-")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_it_updates_the_board_in_place_and_goes_dark_when_its_link_is_revoked(browser_page, demo):
    page = browser_page
    page.clock.install()
    url = _board_url()
    page.goto(page.base_url + url)
    unit = Unit.objects.get(organisation__slug="demo", slug="productie")
    title = "Nieuwe mal voor de kantbank"
    assert title not in page.content()
    Action.objects.create(organisation=unit.organisation, unit=unit, title=title, status="open")
    page.evaluate("() => { window.koersSamePage = true; }")
    page.clock.run_for(61_000)
    page.wait_for_function("t => document.body.textContent.includes(t)", arg=title)
    assert page.evaluate("() => window.koersSamePage") is True  # swapped in place, no reload
    BoardLink.objects.get(unit=unit, label="kantine").revoke()
    page.clock.run_for(61_000)
    page.wait_for_selector("body.board-gone")
    assert page.locator("h1").inner_text() == "Dit teambord is niet beschikbaar"
