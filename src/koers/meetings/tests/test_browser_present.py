"""The presentation in a real browser on a tablet: full screen, the decision within reach, an
incomplete action's errors in place; an agenda move keeps the focus and is announced."""

import pytest

from koers.conftest import SCREENSHOTS, login
from koers.demo import create_demo
from koers.meetings import agenda
from koers.meetings.models import Action, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-present-1"
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def planned(db):
    create_demo(password=PASSWORD)
    return Meeting.objects.get(organisation__slug="demo", status="planned")


def _kpi_item(meeting) -> int:
    return next(k for k, i in enumerate(agenda.sequence(meeting), start=1) if i.kpi_id)


def _within_screen(box, viewport) -> bool:
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


@pytest.mark.parametrize("viewport", [TABLET, DESKTOP], ids=["tablet", "desktop"])
def test_it_presents_full_screen_with_the_decision_in_reach(browser_page, planned, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    login(page, "manager", PASSWORD)
    url = f"{page.base_url}/demo/meetings/{planned.pk}/present/{_kpi_item(planned)}/?full=1"
    page.goto(url)
    assert not page.locator("header.topbar").is_visible()
    assert not page.locator("nav.breadcrumbs").is_visible()
    # The chart fills the screen's width: its 11 px labels are drawn at 12 px or more.
    label_px = page.evaluate(
        """() => { const svg = document.querySelector('.present-chart svg');
                   return 11 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }"""
    )
    assert label_px >= 12, label_px
    chart = page.locator(".present-chart svg").bounding_box()
    assert chart["y"] + chart["height"] <= viewport["height"], chart
    for button in page.locator(".present-nav .button").all():
        assert button.bounding_box()["height"] >= 44
    decide = page.locator("a[data-open-decide]")
    assert _within_screen(decide.bounding_box(), viewport)
    if viewport is DESKTOP:  # beside the chart, open it without scrolling
        assert _within_screen(page.locator("#decide > summary").bounding_box(), viewport)
    page.screenshot(path=str(SCREENSHOTS / f"present-full-{viewport['width']}.png"))

    decide.click()
    assert page.evaluate("() => document.activeElement.id") == "id_title"
    page.fill("#id_title", "")
    page.locator("#decide form button[type=submit]").click()
    summary = page.locator("#decide-card [data-error-summary]")
    summary.wait_for()
    assert page.url == url  # no reload, not the POST's address
    # The focus moves when HTMX settles the swap (a moment after the card is in the page).
    page.wait_for_function("() => document.activeElement.hasAttribute('data-error-summary')")
    assert _within_screen(summary.bounding_box(), viewport)
    assert "Titel" in summary.inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"present-error-{viewport['width']}.png"))

    page.fill("#id_title", "Leverdagen vastleggen")
    with page.expect_navigation():
        page.locator("#decide form button[type=submit]").click()
    assert page.url == url  # back on the item, still full screen
    assert Action.objects.filter(meeting=planned, title="Leverdagen vastleggen").exists()
    assert "Leverdagen vastleggen" in page.locator(".present-work").inner_text()


def test_it_keeps_the_focus_on_the_moved_agenda_item_and_announces_it(browser_page, planned):
    page = browser_page
    login(page, "manager", PASSWORD)
    page.goto(f"{page.base_url}/demo/meetings/{planned.pk}/")
    up = page.locator("#agenda ol.agenda").first.locator("button[id^='move-up-']").first
    pk = up.get_attribute("id").removeprefix("move-up-")
    up.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('announcer').textContent.includes('plaats 1')"
    )
    # Now first, the item has no "up" button: its "down" button has the focus.
    assert page.evaluate("() => document.activeElement.id") == f"move-down-{pk}"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('announcer').textContent.includes('plaats 2')"
    )
    # Back in second place: the same item's button still has the focus (the last has no "down").
    assert page.evaluate("() => document.activeElement.id") in (f"move-down-{pk}", f"move-up-{pk}")
