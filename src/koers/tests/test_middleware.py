import json

from koers.testing import KoersTestCase


class RejectNulTestCase(KoersTestCase):
    def test_it_refuses_a_nul_in_the_address(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/acme/kpis/PW%00/").status_code, 400)
        self.assertEqual(self.client.get("/acme/goals/?year=%00").status_code, 400)

    def test_it_refuses_a_nul_in_a_json_body(self):
        body = json.dumps([{"kpi": "PW-1", "period": "2025-01", "value": "1", "comment": "a\x00b"}])
        response = self.client.post(
            "/api/v1/measurements/bulk", body, content_type="application/json"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["code"], "invalid")
        self.assertIn("NUL", response.json()["detail"])

    def test_it_lets_ordinary_requests_through(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/acme/kpis/PW-1/").status_code, 200)
