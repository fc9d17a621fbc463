import threading

from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase, override_settings, skipUnlessDBFeature

from koers.jobs.models import Claim, Job, claim, start_job
from koers.organisations.models import Organisation
from koers.testing import KoersTestCase

from .tasks import count_to, fail

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class JobTestCase(KoersTestCase):
    def test_it_runs_a_job_at_once_in_tests_and_records_progress_and_outcome(self):
        job = start_job(count_to, organisation=self.org, user=self.carol, kind="count", args=[5])
        self.assertEqual(job.status, Job.Status.DONE)
        self.assertEqual((job.done, job.total, job.percent), (5, 5, 100))
        self.assertEqual(job.result, {"counted": 5})
        self.assertEqual(job.message, "Counted to 5.")
        self.assertTrue(job.task_id)

    def test_it_marks_a_failing_job_failed_with_the_error_message(self):
        job = start_job(fail, organisation=self.org, user=self.carol, kind="fail")
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertEqual(job.message, "Row 3, column B: not a number.")
        self.assertIsNotNone(job.finished_at)

    def test_it_shows_progress_to_who_started_it_and_to_admins_only(self):
        job = start_job(count_to, organisation=self.org, user=self.carol, kind="count", args=[2])
        url = f"/acme/jobs/{job.pk}/"
        self.login(self.carol)
        response = self.client.get(url, headers={"accept": "application/json"})
        self.assertEqual(response.json()["status"], "done")
        self.assertEqual(response.json()["percent"], 100)
        self.assertContains(self.client.get(url), "Counted to 2.")
        self.login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.login(self.victor)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.charlie)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_polls_while_the_job_runs(self):
        job = Job.objects.create(organisation=self.org, user=self.carol, kind="x", total=4, done=1)
        self.login(self.carol)
        response = self.client.get(f"/acme/jobs/{job.pk}/", headers={"HX-Request": "true"})
        self.assertContains(response, 'hx-trigger="every 1s"')
        self.assertContains(response, 'value="25"')
        self.assertNotContains(response, "<html")


class DatabaseQueueTestCase(TransactionTestCase):
    """The real queue: the worker closes stale connections, so no test transaction."""

    @override_settings(TASKS=DATABASE_TASKS)
    def test_it_queues_in_the_database_until_the_worker_runs_it(self):
        org = Organisation.objects.create(name="Queue", slug="queue")
        job = start_job(count_to, organisation=org, user=None, kind="count", args=[3])
        self.assertEqual(job.status, Job.Status.QUEUED)
        self.assertIsNone(job.percent)
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.result), (Job.Status.DONE, 3, {"counted": 3}))


class ClaimTestCase(KoersTestCase):
    def test_it_gives_a_unit_of_work_to_one_caller_only(self):
        with claim(self.org, "send-report", "2025-01:7") as first:
            self.assertTrue(first)
        with claim(self.org, "send-report", "2025-01:7") as second:
            self.assertFalse(second)
        with claim(self.org, "send-report", "2025-02:7") as other_key:
            self.assertTrue(other_key)
        self.assertEqual(Claim.objects.filter(kind="send-report").count(), 2)

    def test_it_gives_the_claim_back_when_the_work_fails(self):
        with self.assertRaises(RuntimeError), claim(self.org, "remind", "w1") as mine:
            self.assertTrue(mine)
            raise RuntimeError("mail server down")
        with claim(self.org, "remind", "w1") as again:
            self.assertTrue(again)


@skipUnlessDBFeature("has_select_for_update_skip_locked")
class ConcurrentClaimTestCase(TransactionTestCase):
    def test_it_gives_the_work_to_one_of_many_threads_at_once(self):
        org = Organisation.objects.create(name="Race", slug="race")
        won, barrier = [], threading.Barrier(6)

        def attempt():
            barrier.wait()
            try:
                with claim(org, "refresh", "source-1") as mine:
                    if mine:
                        won.append(1)
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(len(won), 1)
