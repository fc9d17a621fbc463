"""A KPI taken from the catalogue gets its texts, and its unit's name, in the language asked."""

from django.test import SimpleTestCase
from django.utils import translation

from koers import catalogue
from koers.kpis.models import UnitOfMeasure, fields_from_catalogue


class CatalogueFieldsTest(SimpleTestCase):
    def entry(self, unit: str):
        return next(e for e in catalogue.ENTRIES if e.unit == unit)

    def test_it_names_a_ratio_unit_in_the_language_asked_not_the_active_one(self):
        entry = self.entry("ratio")
        with translation.override("en"):
            dutch = fields_from_catalogue(entry, "nl")
        with translation.override("nl"):
            english = fields_from_catalogue(entry, "en")
        self.assertEqual(dutch["unit_of_measure"], UnitOfMeasure.CUSTOM)
        self.assertEqual(dutch["custom_unit"], "verhouding")
        self.assertEqual(english["custom_unit"], "ratio")
        self.assertEqual(dutch["name"], entry.text("name", "nl"))

    def test_it_leaves_the_custom_unit_empty_for_a_standard_unit(self):
        fields = fields_from_catalogue(self.entry("percent"), "nl")
        self.assertEqual(fields["unit_of_measure"], UnitOfMeasure.PERCENT)
        self.assertEqual(fields["custom_unit"], "")
