"""Shared pytest fixtures: background tasks run at once; a real browser (Debian's chromium)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.test.utils import override_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(os.environ.get("KOERS_SCREENSHOTS", "screenshots"))


IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture(autouse=True, scope="session")
def immediate_tasks():
    """Tests run background tasks inside the call that queues them.

    A test of the real queue overrides ``TASKS`` with the database backend
    (see ``koers/jobs/tests``) and runs ``koers worker --batch``.
    """
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's chromium; never downloads a browser.

    Skips with a reason on a developer machine without chromium; fails in CI
    (CI=true), where the browser tests must run.
    """
    if not chromium_available():
        message = "Debian chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run the browser tests")
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the live server's
    # ORM calls happen in its own thread, the test's own ORM calls are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.base_url = live_server.url
            yield page
            context.close()
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def login(page, username: str, password: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
