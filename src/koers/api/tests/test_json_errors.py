"""Every error of the API comes back as JSON in its shape, also Django's own."""

from __future__ import annotations

from django.test import override_settings

from koers.api.models import issue_token
from koers.testing import KoersTestCase


class JsonErrorsTest(KoersTestCase):
    def setUp(self):
        _token, secret = issue_token(self.org, self.alice, "test")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": "en"}

    def check(self, response, status: int, code: str, detail: str) -> None:
        self.assertEqual(response.status_code, status)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.json(), {"detail": detail, "code": code})

    def test_it_answers_an_unknown_address_and_method_in_json(self):
        self.check(self.client.get("/api/v1/nope", **self.auth), 404, "not_found", "Not found.")
        self.check(self.client.get("/api/v2/kpis", **self.auth), 404, "not_found", "Not found.")
        response = self.client.put("/api/v1/kpis/PW-1/measurements", **self.auth)
        self.check(response, 405, "method_not_allowed", "This address does not take this method.")
        self.assertIn("POST", response["Allow"])

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
    def test_it_answers_a_body_over_the_limit_in_json_in_dutch(self):
        auth = {**self.auth, "HTTP_ACCEPT_LANGUAGE": "nl"}
        body = '[{"kpi": "PW-1", "period": "2025-01", "value": "' + "1" * 2000 + '"}]'
        response = self.client.post(
            "/api/v1/measurements/bulk", body, content_type="application/json", **auth
        )
        self.check(response, 400, "invalid", "Het verzoek is niet geldig; er is niets opgeslagen.")

    def test_it_leaves_the_api_views_own_errors_and_the_pages_alone(self):
        response = self.client.get("/api/v1/kpis/NOPE", **self.auth)
        self.assertEqual(response.json()["code"], "not_found")
        self.login(self.alice)
        self.assertIn("text/html", self.client.get("/acme/nope/")["Content-Type"])
