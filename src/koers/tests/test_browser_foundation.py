"""A real browser walks the foundation: log in, organisation, unit, KPI, enter a value."""

from decimal import Decimal

import pytest

from koers.conftest import SCREENSHOTS, login
from koers.demo import create_demo
from koers.kpis.models import Measurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_walks_from_login_to_entering_a_value(browser_page):
    page = browser_page
    create_demo(password="browser-demo-1")
    login(page, "manager", "browser-demo-1")

    page.goto(page.base_url + "/demo/")
    assert page.locator("h1").inner_text() == "Van der Berg Metaaltechniek"
    assert page.get_by_role("heading", name="Visie").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "organisation.png"), full_page=True)

    # exact: the "Enter your numbers" panel links "Plaatwerk · nov 2026" to the grid.
    page.get_by_role("link", name="Plaatwerk", exact=True).first.click()
    assert page.locator("h1").inner_text().startswith("Plaatwerk")
    rows = page.locator("table.kpi-table tbody tr")
    assert rows.count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "unit.png"), full_page=True)

    # The unit page lists it twice: under "needs attention" (getting worse) and in the table.
    page.get_by_role("table").get_by_role("link", name="Aantal uren stilstand per machine").click()
    assert "PW-STL" in page.locator("h1").inner_text()
    page.fill("#id_period", "week 2 2020")
    page.fill("#id_value", "7,5")
    page.fill("#id_comment", "Ingevoerd in de browser")
    page.get_by_role("button", name="Waarde opslaan").click()
    page.wait_for_load_state()
    assert "opgeslagen" in page.locator(".messages").inner_text()
    assert "Ingevoerd in de browser" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "kpi.png"), full_page=True)

    measurement = Measurement.objects.get(kpi__code="PW-STL", comment="Ingevoerd in de browser")
    assert measurement.value == Decimal("7.5")


def test_it_explains_a_bad_value_in_the_browser(browser_page):
    page = browser_page
    create_demo(password="browser-demo-2")
    login(page, "manager", "browser-demo-2")
    page.goto(page.base_url + "/demo/kpis/PW-STL/")
    page.fill("#id_period", "maart 2020")
    page.fill("#id_value", "twaalf")
    page.get_by_role("button", name="Waarde opslaan").click()
    page.wait_for_load_state()
    errors = page.locator("p.error").all_inner_texts()
    assert any("per week gemeten" in e for e in errors), errors
    assert any("'twaalf' is geen getal" in e for e in errors), errors
