"""Two saves of one edit form at the same moment (issue 13, point 5): the version check and the
save are one step (``VersionedForm`` reads the row locked inside the view's transaction), so the
second save is refused with the conflict message instead of silently undoing the first. Needs
row locks (PostgreSQL); SQLite serialises writers at BEGIN IMMEDIATE instead."""

import threading
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, TransactionTestCase, skipUnlessDBFeature

from koers.fields import VersionedForm
from koers.goals.models import AnnualGoal
from koers.meetings.models import Action
from koers.organisations.models import Membership, Organisation, Unit
from koers.testing import PASSWORD

from .test_stale_forms import form_data

PAUSE = 1.5  # how long a save that has checked its version waits for the other one to check


@skipUnlessDBFeature("has_select_for_update")
class SimultaneousEditsTestCase(TransactionTestCase):
    def setUp(self):
        self.org = Organisation.objects.create(name="Race", slug="race")
        self.unit = Unit.objects.create(
            organisation=self.org, name="Race", slug="race", kind="company"
        )
        self.goal = AnnualGoal.objects.create(
            organisation=self.org, year=2026, unit=self.unit, title="Sneller leveren"
        )
        User = get_user_model()
        self.users = [User.objects.create_user(n, f"{n}@example.org", PASSWORD) for n in "ab"]
        for user in self.users:
            Membership.objects.create(organisation=self.org, user=user, role="admin")

    def _race(self, url: str, field: str, values: list[str]) -> list[tuple[int, str]]:
        """Both users open the form, then post at once. A save that has checked its version
        waits (up to PAUSE) until the other has checked too: without the lock both pass."""
        opened = []
        for user in self.users:
            client = Client()
            client.force_login(user)
            form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["form"]
            opened.append((client, form_data(form)))
        checked, start = threading.Barrier(2), threading.Barrier(2)
        real = VersionedForm._read_stored

        def read_then_wait(form):
            current = real(form)
            try:
                checked.wait(PAUSE)
            except threading.BrokenBarrierError:
                pass  # the other save waits for our lock: go on and save
            return current

        answers: list[tuple[int, str]] = []

        def save(client, data, value):
            try:
                start.wait()
                response = client.post(url, {**data, field: value}, HTTP_ACCEPT_LANGUAGE="en")
                answers.append((response.status_code, response.content.decode()))
            finally:
                connection.close()

        with mock.patch.object(VersionedForm, "_read_stored", read_then_wait):
            threads = [
                threading.Thread(target=save, args=(client, data, value))
                for (client, data), value in zip(opened, values, strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        return sorted(answers, key=lambda a: a[0])

    def test_it_refuses_the_second_of_two_simultaneous_saves_of_a_goal(self):
        url = f"/race/goals/{self.goal.pk}/edit/"
        answers = self._race(url, "title", ["Eerste titel", "Tweede titel"])
        self.assertEqual([status for status, _ in answers], [200, 302])
        refused = answers[0][1]
        self.assertIn("Someone else changed this after you opened it", refused)
        self.goal.refresh_from_db()
        self.assertIn(self.goal.title, {"Eerste titel", "Tweede titel"})
        self.assertIn(self.goal.title, refused)  # the newer value, shown to the refused one

    def test_it_keeps_fields_the_form_does_not_edit_as_stored_at_the_save(self):
        """An action's status set while its edit form saves is not undone from the copy the
        view read before (the save takes the stored row's fields the form does not edit)."""
        action = Action.objects.create(organisation=self.org, unit=self.unit, title="Afstellen")
        url = f"/race/actions/{action.pk}/edit/"
        client = Client()
        client.force_login(self.users[0])
        data = form_data(client.get(url).context["form"])
        real = VersionedForm._read_stored

        def status_set_meanwhile(form):
            Action.objects.filter(pk=action.pk).update(status="dropped", drop_reason="Te duur")
            return real(form)

        with mock.patch.object(VersionedForm, "_read_stored", status_set_meanwhile):
            response = client.post(url, {**data, "title": "Kantbank afstellen"})
        self.assertEqual(response.status_code, 302)
        action.refresh_from_db()
        self.assertEqual(
            (action.title, action.status, action.drop_reason),
            ("Kantbank afstellen", "dropped", "Te duur"),
        )
