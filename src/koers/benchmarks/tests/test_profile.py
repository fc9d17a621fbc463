"""The organisation profile: sector (SBI code) and size class, on the settings page."""

from django.urls import reverse

from koers.organisations.models import Organisation

from .base import BenchmarkTestCase


class ProfileTest(BenchmarkTestCase):
    def post_settings(self, **fields):
        data = {"name": "Acme", "vision": "", "mission": "", "fiscal_year_start_month": 1}
        data.update(fields)
        return self.client.post(reverse("organisation_edit", args=["acme"]), data)

    def test_it_keeps_the_sbi_code_as_its_digits(self):
        self.login(self.alice)
        response = self.post_settings(sector="25.11", size_class="small")
        self.assertEqual(response.status_code, 302)
        org = Organisation.objects.get(slug="acme")
        self.assertEqual((org.sector, org.size_class), ("2511", "small"))

    def test_it_refuses_a_sector_that_is_no_sbi_code(self):
        self.login(self.alice)
        response = self.post_settings(sector="metal")
        self.assertContains(response, "2 tot 5 cijfers")
        self.assertEqual(Organisation.objects.get(slug="acme").sector, "2562")

    def test_it_shows_the_size_classes_in_english(self):
        self.login(self.alice)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(
            reverse("organisation_edit", args=["acme"]), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "10–49 employees")

    def test_it_lets_no_viewer_change_the_profile(self):
        self.login(self.victor)
        self.assertEqual(self.post_settings(sector="47").status_code, 403)
