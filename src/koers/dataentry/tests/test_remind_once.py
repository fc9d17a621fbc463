"""koers remind from several servers at once: each person's mail is sent once a day."""

from django.core import mail
from django.core.management import call_command

from koers.jobs.models import Claim
from koers.testing import KoersTestCase


class RemindOnceTestCase(KoersTestCase):
    def test_it_mails_each_person_once_however_often_it_runs_that_day(self):
        call_command("remind", "--all", "--today", "2025-03-10", verbosity=0)
        first = len(mail.outbox)
        self.assertGreater(first, 0)
        call_command("remind", "--all", "--today", "2025-03-10", verbosity=0)
        self.assertEqual(len(mail.outbox), first)
        self.assertEqual(Claim.objects.filter(kind="remind").count(), first)
        call_command("remind", "--all", "--today", "2025-03-17", verbosity=0)
        self.assertEqual(len(mail.outbox), 2 * first)
