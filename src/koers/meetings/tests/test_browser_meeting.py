"""A real browser walks a team meeting: plan it, present two KPIs, note, decide, close,
and find the decided action on the KPI's chart."""

from datetime import date, timedelta

import pytest

from koers.conftest import SCREENSHOTS, login
from koers.demo import create_demo
from koers.meetings.models import Action, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_walks_a_meeting_from_agenda_to_the_kpi_chart(browser_page):
    page = browser_page
    create_demo(password="browser-meeting")
    login(page, "manager", "browser-meeting")
    page.on("dialog", lambda dialog: dialog.accept())

    # Plan a meeting of Productie (held ten weeks ago, so the chart reaches its date).
    held = date.today() - timedelta(days=70)
    page.goto(page.base_url + "/demo/meetings/new/?unit=productie")
    page.fill("#id_date", held.isoformat())
    page.locator("input[name=participants]").first.check()
    page.locator("form button[type=submit].primary").click()
    page.wait_for_load_state()
    meeting = Meeting.objects.get(unit__slug="productie", date=held)
    assert page.url.endswith(f"/demo/meetings/{meeting.pk}/")

    # The agenda: delivery reliability improved (a win worth naming), the rest folded away.
    agenda = page.locator("#agenda")
    assert "Leverbetrouwbaarheid" in agenda.locator("ol.agenda").first.inner_text()
    assert page.locator("details.folded > summary").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "meeting_agenda.png"), full_page=True)

    # Hold it: the first KPI, large chart and verdict.
    page.locator(f"form[action$='/meetings/{meeting.pk}/start/'] button").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/meetings/{meeting.pk}/present/1/")
    assert "PR-LEV" in page.locator("h1").inner_text()
    assert page.locator(".present-chart svg").count() == 1
    assert page.locator(".present-item .badge").count() >= 1

    # A note, saved in place (HTMX), then an action decided in place.
    page.fill("#id_notes", "Vaste leverdagen werken; vasthouden.")
    page.locator("form[action*='/notes/'] button[type=submit]").click()
    page.locator("[id^=saved-]").filter(has_text="✓").wait_for()
    page.locator("#decide > summary").click()
    page.fill("#id_title", "Leverdagen ook voor kleine klanten")
    page.fill("#id_description", "De vaste leverdagen uitbreiden naar alle klanten.")
    page.fill("#id_due_date", (date.today() + timedelta(days=30)).isoformat())
    with page.expect_navigation():  # HTMX follows the answer's HX-Redirect to the item
        page.locator("#decide form button[type=submit]").click()
    action = Action.objects.get(title="Leverdagen ook voor kleine klanten")
    assert action.meeting == meeting
    assert [k.code for k in action.kpis.all()] == ["PR-LEV"]
    assert "Leverdagen ook voor kleine klanten" in page.locator(".present-work").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "meeting_present.png"), full_page=True)

    # The arrow key moves to the second KPI.
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(f"**/meetings/{meeting.pk}/present/2/")
    assert page.locator(".present-item h1").count() == 1
    assert "PR-LEV" not in page.locator("h1").inner_text()

    # Close the meeting: the minutes hold the note and the decision.
    page.goto(page.base_url + f"/demo/meetings/{meeting.pk}/")
    page.locator(f"form[action$='/meetings/{meeting.pk}/close/'] button").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/meetings/{meeting.pk}/minutes/")
    minutes = page.locator(".minutes").inner_text()
    assert "Vaste leverdagen werken; vasthouden." in minutes
    assert "Leverdagen ook voor kleine klanten" in minutes
    page.screenshot(path=str(SCREENSHOTS / "meeting_minutes.png"), full_page=True)

    # The demo's done action is marked on the KPI's chart (start and end); the new action
    # has not started yet, so it has no start to mark.
    page.goto(page.base_url + "/demo/kpis/PR-LEV/")
    markers = page.locator("svg g.marker")
    assert markers.count() >= 2
    texts = markers.all_text_contents()
    assert not any("Leverdagen ook voor kleine klanten" in t for t in texts), texts
    page.screenshot(path=str(SCREENSHOTS / "meeting_kpi_marker.png"), full_page=True)
