"""Fit and finish every page shares: error pages, the menu, form fields, POST-only addresses."""

import re

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from koers.testing import KoersTestCase


class ErrorPageTestCase(KoersTestCase):
    def test_it_answers_forbidden_in_the_layout_and_language_with_a_way_back(self):
        self.login(self.victor)
        response = self.client.get(reverse("organisation_edit", args=["acme"]))
        self.assertEqual(response.status_code, 403)
        html = response.content.decode()
        self.assertIn('class="topbar', html)
        self.assertIn("Dit mag je niet", html)
        self.assertIn(f'href="{reverse("organisation", args=["acme"])}"', html)
        self.assertNotIn("403 Forbidden", html)

    def test_it_answers_forbidden_in_english(self):
        self.login(self.victor)
        response = self.client.get(
            reverse("organisation_edit", args=["acme"]), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "You may not do this", status_code=403)
        translation.activate("nl")

    def test_it_answers_not_found_in_the_layout_with_a_way_back(self):
        self.login(self.alice)
        response = self.client.get("/acme/kpis/NOPE/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Pagina niet gevonden", status_code=404)
        self.assertContains(response, 'class="topbar', status_code=404)
        self.assertNotContains(response, "<h1>Not Found</h1>", status_code=404)

    def test_it_hides_another_organisation_behind_the_same_not_found(self):
        self.login(self.charlie)
        response = self.client.get(reverse("organisation", args=["acme"]))
        self.assertContains(response, "Pagina niet gevonden", status_code=404)
        self.assertNotContains(response, "Acme", status_code=404)

    @override_settings(DEBUG=False)
    def test_it_renders_the_server_error_page_without_a_request_context(self):
        from django.template.loader import render_to_string

        html = render_to_string("500.html")
        self.assertIn("Er ging iets mis", html)
        self.assertIn('href="/"', html)


class MenuTestCase(KoersTestCase):
    def menu_links(self, user) -> set[str]:
        self.login(user)
        html = self.client.get(reverse("organisation", args=["acme"])).content.decode()
        nav = html[html.index('class="mainnav"') : html.index("</nav>", html.index("mainnav"))]
        return set(re.findall(r'href="([^"]+)"', nav))

    def test_it_offers_a_viewer_no_import_settings_or_entry(self):
        links = self.menu_links(self.victor)
        self.assertNotIn(reverse("import", args=["acme"]), links)
        self.assertNotIn(reverse("organisation_edit", args=["acme"]), links)
        self.assertNotIn(reverse("entry", args=["acme"]), links)
        self.assertIn(reverse("goals", args=["acme"]), links)

    def test_it_offers_a_member_import_and_entry_but_not_settings(self):
        links = self.menu_links(self.carol)
        self.assertIn(reverse("import", args=["acme"]), links)
        self.assertIn(reverse("entry", args=["acme"]), links)
        self.assertNotIn(reverse("organisation_edit", args=["acme"]), links)

    def test_it_offers_an_admin_settings(self):
        self.assertIn(reverse("organisation_edit", args=["acme"]), self.menu_links(self.alice))

    def test_it_offers_no_menu_link_that_answers_forbidden(self):
        for user in (self.alice, self.bob, self.carol, self.victor):
            for url in self.menu_links(user):
                if url.startswith("/acme/"):
                    status = self.client.get(url).status_code
                    self.assertNotEqual(status, 403, f"{user.username}: {url}")


class FormFieldTestCase(KoersTestCase):
    def test_it_gives_each_help_text_the_id_its_field_points_to(self):
        self.login(self.alice)
        html = self.client.get(reverse("kpi_create", args=["acme"])).content.decode()
        described = set(re.findall(r'aria-describedby="([^"]+)"', html))
        self.assertTrue(described)
        for value in described:
            for ref in value.split():
                self.assertIn(f'id="{ref}"', html, ref)

    def test_it_summarises_the_errors_of_a_failed_submit_with_links_to_the_fields(self):
        self.login(self.alice)
        response = self.client.post(reverse("kpi_create", args=["acme"]), {"code": "bad code!"})
        html = response.content.decode()
        self.assertIn("data-error-summary", html)
        start = html.index("data-error-summary")
        summary = html[start : html.index("</div>", start)]
        self.assertIn('href="#id_code"', summary)
        self.assertIn('aria-invalid="true"', html)


class PostOnlyAddressTestCase(KoersTestCase):
    def test_it_sends_a_reloaded_post_only_address_to_its_page(self):
        self.login(self.alice)
        url = reverse("kpi_retire", args=["acme", "PW-1"])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], reverse("kpi", args=["acme", "PW-1"]))

    def test_it_keeps_the_api_s_method_not_allowed(self):
        from koers.middleware import PostOnlyRedirectMiddleware

        self.assertIsNone(PostOnlyRedirectMiddleware._page_above("/api/"))
