"""``koers serve`` tunes the garbage collector before gunicorn forks its workers."""

from __future__ import annotations

import gc

from django.test import SimpleTestCase

from koers.management.commands.serve import GC_THRESHOLD, tune_gc


class TuneGcTests(SimpleTestCase):
    def test_it_collects_rarely_and_leaves_the_loaded_objects_out(self):
        threshold = gc.get_threshold()
        try:
            tune_gc()
            self.assertEqual(gc.get_threshold(), GC_THRESHOLD)
            self.assertGreater(gc.get_freeze_count(), 10_000)
            self.assertTrue(gc.isenabled())
        finally:
            gc.unfreeze()
            gc.set_threshold(*threshold)
