"""The API against its own OpenAPI description: fuzzed with schemathesis, documented in
docs/api.md, and described on a docs page that loads nothing from the internet."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from koers.api.docs import schema as openapi_schema
from koers.testing import add_values

from .helpers import ApiTestCase

DOCS = Path(__file__).resolve().parents[4] / "docs" / "api.md"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class FuzzTests(ApiTestCase):
    """Every operation, with generated valid and invalid input: no 5xx, answers as described."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2024, 1, 1), [3, 4, 5, 4, 6, 5, 7, 6])

    def setUp(self):
        # The WSGI handler closes "old" database connections after each request.
        # Inside the test's transaction that would close the connection on
        # PostgreSQL; Django's own test client switches this off the same way.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.addCleanup(request_started.connect, close_old_connections)
        self.addCleanup(request_finished.connect, close_old_connections)

    def fuzz(self, mode: GenerationMode, examples: int) -> int:
        app = get_wsgi_application()
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        headers = {"Authorization": "Bearer " + self.secrets["alice"]}
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertEqual(len(operations), 10)  # with the benchmark (issue 16)
        for operation in operations:

            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS, app=app)

            with self.subTest(operation=operation.label, mode=mode.value):
                run()
        return len(operations)

    def test_it_answers_valid_generated_requests_as_its_schema_says(self):
        self.fuzz(GenerationMode.POSITIVE, examples=30)

    def test_it_answers_invalid_generated_requests_without_a_server_error(self):
        self.fuzz(GenerationMode.NEGATIVE, examples=15)


class SchemaTests(ApiTestCase):
    def test_it_serves_the_openapi_description_without_a_token(self):
        response = self.client.get("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["info"]["title"], "Koers API")
        self.assertIn("/api/v1/measurements/bulk", data["paths"])
        security = data["components"]["securitySchemes"]
        self.assertEqual(security["TokenAuth"]["scheme"], "bearer")

    def test_it_mentions_every_path_of_the_schema_in_docs_api_md(self):
        text = DOCS.read_text(encoding="utf-8")
        for path, methods in openapi_schema()["paths"].items():
            for method in methods:
                with self.subTest(path=path, method=method):
                    self.assertIn(f"{method.upper()} {path}", text)

    def test_it_shows_a_docs_page_without_login_that_loads_nothing_from_elsewhere(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        for path in openapi_schema()["paths"]:
            self.assertIn(f"<code>{path}</code>", page)
        self.assertIn("curl", page)
        self.assertIn("Authorization: Bearer $KOERS_TOKEN", page)
        external = re.findall(r'(?:src|href)="(https?:)?//', page)
        self.assertEqual(external, [])

    def test_it_shows_the_docs_page_in_dutch(self):
        response = self.client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "Voorbeeld")
