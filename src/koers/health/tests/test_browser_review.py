"""The year-end review in a real browser: both steps accessible (axe-core) and within a
tablet's screen; a goal carried with a Dutch number, a KPI kept, progress shown."""

import json

import pytest

from koers.conftest import SCREENSHOTS, login
from koers.demo import create_demo
from koers.goals.models import AnnualGoal
from koers.health.review import review_year
from koers.tests.test_browser_walk import TABLET, _axe, _scrolls_sideways, _small_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-review-1"


@pytest.fixture
def demo(db):
    create_demo(password=PASSWORD)


def _problems(page, tablet: bool) -> dict:
    found = {}
    if violations := _axe(page):
        found["axe"] = violations
    if _scrolls_sideways(page):
        found["scrolls sideways"] = True
    if tablet and (small := _small_targets(page)):
        found["targets under 44 px"] = small[:8]
    return found


def test_it_carries_a_goal_and_keeps_a_kpi_accessibly(browser_page, demo):
    page = browser_page
    page.set_viewport_size(TABLET)
    login(page, "directie", PASSWORD)
    year = review_year()
    goal = AnnualGoal.objects.filter(
        organisation__slug="demo", year=year, target_kpi__isnull=False
    ).first()
    assert goal is not None, "the demo has annual goals with a target this year"
    page.goto(page.base_url + "/demo/review/")
    assert page.url.endswith(f"/demo/review/{year}/")
    problems = {"goals": _problems(page, True)}
    page.screenshot(path=str(SCREENSHOTS / "review-goals-768.png"), full_page=True)

    card = page.locator(f"#goal-{goal.pk}")
    card.locator("input[type=text]").fill("1.234,5")
    with page.expect_navigation():
        card.locator("button.primary").click()
    assert page.locator(f"#goal-{goal.pk} [data-decision=copied]").count() == 1
    # The demo sets next year's goals up ahead: the copy sets the target, never a second goal.
    new = AnnualGoal.objects.get(organisation__slug="demo", year=year + 1, title=goal.title)
    assert str(new.target_value.normalize()) == "1234.5"

    page.goto(page.base_url + f"/demo/review/{year}/kpis/")
    problems["kpis"] = _problems(page, True)
    page.screenshot(path=str(SCREENSHOTS / "review-kpis-768.png"), full_page=True)
    first = page.locator("article.review-kpi").first
    code = first.get_attribute("data-kpi")
    with page.expect_navigation():
        first.locator("button.primary").click()
    assert page.locator(f"#kpi-{code} [data-decision=kept]").count() == 1
    assert "1 van de" in page.locator("[data-progress=kpis]").inner_text()
    problems = {step: found for step, found in problems.items() if found}
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
