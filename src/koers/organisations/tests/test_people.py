"""Inviting people, changing their role, removing and deactivating them."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

from koers.organisations.models import Invitation, Membership, UnitRole
from koers.testing import PASSWORD, KoersTestCase

GOOD_PASSWORD = "a long and unusual passphrase 42"


def invitation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


class InviteTestCase(KoersTestCase):
    def invite(self, **data):
        self.login(self.alice)
        data = {"email": "dana@example.nl", "role": "viewer", **data}
        return self.client.post("/acme/people/add/", data, HTTP_ACCEPT_LANGUAGE="en")

    def test_it_defaults_a_new_person_to_viewer_not_admin(self):
        self.login(self.alice)
        response = self.client.get("/acme/people/")
        self.assertEqual(response.context["person_form"]["role"].value(), "viewer")

    def test_it_mails_an_invitation_with_a_link_to_make_an_account(self):
        response = self.invite(username="dana")
        self.assertRedirects(response, "/acme/people/", fetch_redirect_response=False)
        self.assertEqual(mail.outbox[-1].to, ["dana@example.nl"])
        self.assertFalse(Membership.objects.filter(user__username="dana").exists())
        link = invitation_link(mail.outbox[-1])
        self.client.logout()
        page = self.client.get(link)
        self.assertContains(page, 'value="dana"')
        weak = {"username": "dana", "new_password1": "1", "new_password2": "1"}
        refused = self.client.post(link, weak, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "too short")
        self.assertFalse(get_user_model().objects.filter(username="dana").exists())
        good = {"username": "dana", "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
        self.assertRedirects(self.client.post(link, good), "/acme/", fetch_redirect_response=False)
        dana = get_user_model().objects.get(username="dana")
        self.assertEqual(dana.email, "dana@example.nl")
        self.assertEqual(Membership.objects.get(user=dana, organisation=self.org).role, "viewer")
        # The link works once.
        self.client.logout()
        self.assertEqual(self.client.get(link).status_code, 404)

    def test_it_never_pulls_in_an_account_of_another_organisation(self):
        existing = self.invite(username="charlie", email="someone@example.nl")
        new = self.invite(username="nobody-has-this", email="someone@example.nl")
        self.assertFalse(Membership.objects.filter(organisation=self.org, user=self.charlie))
        # The same answer whether the user name exists or not.
        self.assertEqual(existing.status_code, new.status_code)
        self.assertEqual(existing["Location"], new["Location"])
        messages = [str(m) for m in existing.wsgi_request._messages]
        page = self.client.get("/acme/people/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotContains(page, "charlie")
        self.assertEqual(messages, ["Invitation sent to someone@example.nl."])

    def test_it_lets_an_existing_account_accept_by_logging_in(self):
        self.invite(email="charlie@example.nl", role="admin")
        link = invitation_link(mail.outbox[-1])
        self.login(self.charlie)
        self.assertContains(self.client.get(link), "charlie")
        self.client.post(link)
        self.assertEqual(
            Membership.objects.get(organisation=self.org, user=self.charlie).role, "admin"
        )

    def test_it_still_answers_when_the_mail_server_is_down(self):
        with self.settings(EMAIL_BACKEND="koers.organisations.tests.test_people.BrokenMail"):
            response = self.invite()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Invitation.objects.filter(email="dana@example.nl").count(), 1)
        message = str(list(response.wsgi_request._messages)[0])
        self.assertIn("could not be sent", message)
        self.assertIn("/accounts/invitation/", message)

    def test_it_keeps_invitations_to_admins(self):
        for user, status in [(self.bob, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            response = self.client.post("/acme/people/add/", {"email": "e@x.nl", "role": "admin"})
            self.assertEqual(response.status_code, status)
        self.assertFalse(Invitation.objects.exists())


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


class MembershipTestCase(KoersTestCase):
    def membership(self, user):
        return Membership.objects.get(organisation=self.org, user=user)

    def test_it_lets_an_admin_change_a_role(self):
        self.login(self.alice)
        self.client.post(f"/acme/people/{self.membership(self.victor).pk}/role/", {"role": "admin"})
        self.assertEqual(self.membership(self.victor).role, "admin")

    def test_it_keeps_one_admin(self):
        self.login(self.alice)
        me = self.membership(self.alice)
        response = self.client.post(
            f"/acme/people/{me.pk}/role/", {"role": "viewer"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(self.membership(self.alice).role, "admin")
        self.assertContains(self.client.get("/acme/people/"), "at least one other administrator")
        self.assertEqual(response.status_code, 302)
        self.client.post(f"/acme/people/{me.pk}/remove/")
        self.assertTrue(Membership.objects.filter(pk=me.pk).exists())

    def test_it_removes_a_member_with_their_unit_roles_and_keeps_the_account(self):
        self.login(self.alice)
        self.client.post(f"/acme/people/{self.membership(self.carol).pk}/remove/")
        self.assertFalse(Membership.objects.filter(organisation=self.org, user=self.carol))
        self.assertFalse(UnitRole.objects.filter(user=self.carol, unit__organisation=self.org))
        self.assertTrue(get_user_model().objects.filter(pk=self.carol.pk).exists())
        self.login(self.carol)
        self.assertEqual(self.client.get("/acme/").status_code, 404)

    def test_it_deactivates_and_reactivates_an_account_that_is_only_here(self):
        self.login(self.alice)
        url = f"/acme/people/{self.membership(self.carol).pk}/active/"
        self.client.post(url, {"active": "0"})
        self.carol.refresh_from_db()
        self.assertFalse(self.carol.is_active)
        self.client.logout()
        response = self.client.post("/accounts/login/", {"username": "carol", "password": PASSWORD})
        self.assertEqual(response.status_code, 200)  # refused
        self.login(self.alice)
        self.client.post(url, {"active": "1"})
        self.carol.refresh_from_db()
        self.assertTrue(self.carol.is_active)

    def test_it_refuses_to_deactivate_an_account_of_another_organisation_too(self):
        Membership.objects.create(organisation=self.other, user=self.victor, role="viewer")
        self.login(self.alice)
        self.client.post(f"/acme/people/{self.membership(self.victor).pk}/active/", {"active": "0"})
        self.victor.refresh_from_db()
        self.assertTrue(self.victor.is_active)

    def test_it_keeps_people_changes_to_admins_of_this_organisation(self):
        pk = self.membership(self.carol).pk
        for user, status in [(self.bob, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post(f"/acme/people/{pk}/remove/").status_code, status)
            self.assertEqual(
                self.client.post(f"/acme/people/{pk}/role/", {"role": "admin"}).status_code, status
            )
        self.assertEqual(self.membership(self.carol).role, "viewer")
