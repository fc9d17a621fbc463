"""Every page needs a login, except the views marked @login_not_required."""

from django.conf import settings

from koers.testing import KoersTestCase


class LoginRequiredTestCase(KoersTestCase):
    def test_it_uses_djangos_login_required_middleware(self):
        self.assertIn("django.contrib.auth.middleware.LoginRequiredMiddleware", settings.MIDDLEWARE)

    def test_it_sends_an_anonymous_visitor_to_the_login_page(self):
        for url in ("/", "/acme/", "/acme/people/", "/acme/kpis/PW-1/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/accounts/login/?next="), url)

    def test_it_lets_anonymous_visitors_reach_the_public_views(self):
        self.assertEqual(self.client.get("/accounts/login/").status_code, 200)
        # The API answers in its own JSON shape, not with a redirect.
        response = self.client.get("/api/v1/kpis")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.client.get("/api/v1/docs").status_code, 200)
        # Share links: an unknown token is a 404, not a login redirect.
        self.assertEqual(self.client.get("/s/unknown-token/").status_code, 404)
        self.assertEqual(self.client.get("/r/unknown-token/").status_code, 404)
        language = {"language": "en", "next": "/accounts/login/"}
        response = self.client.post("/i18n/setlang/", language)
        self.assertEqual(response["Location"], "/accounts/login/")
