"""The roll-up formula parser: an allow-list, never eval."""

from __future__ import annotations

import unittest

from koers.kpis.formula import FormulaError, parse


class FormulaTests(unittest.TestCase):
    def test_it_computes_with_precedence_and_parentheses(self):
        f = parse("(PW-1 + LM-1) * 2 - 3 / [1X]")
        self.assertEqual(f.codes, ("PW-1", "LM-1", "1X"))
        self.assertEqual(f.evaluate({"PW-1": 4, "LM-1": 6, "1X": 3}), 19)

    def test_it_reads_signs_decimal_commas_and_the_times_and_divide_signs(self):
        self.assertEqual(parse("-A × 0,5 ÷ -B").evaluate({"A": 8, "B": 2}), 2)

    def test_it_refuses_anything_outside_the_allow_list_with_its_position(self):
        with self.assertRaises(FormulaError) as caught:
            parse("A + __import__('os')")
        self.assertEqual(caught.exception.code, "unexpected")
        self.assertIn("position 5", caught.exception.message("en"))
        for bad in ("A ** B", "A +", "(A + B", "A B", "", "A; B"):
            with self.subTest(bad=bad), self.assertRaises(FormulaError):
                parse(bad)

    def test_it_names_unknown_codes(self):
        with self.assertRaises(FormulaError) as caught:
            parse("A + NOPE", known_codes={"A"})
        self.assertEqual(
            caught.exception.message("nl"),
            "De formule noemt NOPE: geen KPI's van deze organisatie.",
        )

    def test_it_reports_a_division_by_zero_and_missing_values_as_reasons(self):
        f = parse("A / B")
        with self.assertRaises(FormulaError) as caught:
            f.evaluate({"A": 1, "B": 0})
        self.assertEqual(caught.exception.message("en"), "Division by zero: B is 0.")
        with self.assertRaises(FormulaError) as caught:
            f.evaluate({"A": 1})
        self.assertEqual(caught.exception.code, "missing")
