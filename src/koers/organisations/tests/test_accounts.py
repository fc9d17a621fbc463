"""Logging in safely: throttling, password change and reset, the security headers."""

import re
from pathlib import Path

from django.core import mail

from koers.api.models import issue_token
from koers.testing import PASSWORD, KoersTestCase

NEW_PASSWORD = "another long passphrase 77"


class ThrottleTestCase(KoersTestCase):
    def attempt(self, password, address="10.0.0.1", username="alice"):
        return self.client.post(
            "/accounts/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            HTTP_ACCEPT_LANGUAGE="en",
        )

    def test_it_locks_an_account_from_an_address_after_five_wrong_passwords(self):
        for _ in range(4):
            self.assertEqual(self.attempt("wrong").status_code, 200)
        self.assertEqual(self.attempt("wrong").status_code, 429)
        locked = self.attempt(PASSWORD)
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "Too many failed logins", status_code=429)
        self.assertContains(locked, "15 minutes", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_speaks_dutch_when_locked(self):
        for _ in range(5):
            self.attempt("wrong")
        locked = self.client.post(
            "/accounts/login/",
            {"username": "alice", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.1",
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertContains(locked, "Te veel mislukte", status_code=429)

    def test_it_leaves_other_accounts_and_addresses_alone(self):
        for _ in range(5):
            self.attempt("wrong")
        self.assertEqual(self.attempt(PASSWORD, address="10.0.0.2").status_code, 302)
        self.client.logout()
        self.assertEqual(self.attempt(PASSWORD, username="bob").status_code, 302)

    def test_it_leaves_api_tokens_unaffected(self):
        for _ in range(6):
            self.attempt("wrong", address="127.0.0.1")
        _token, secret = issue_token(self.org, self.alice, "test")
        response = self.client.get(
            "/api/v1/kpis", HTTP_AUTHORIZATION=f"Bearer {secret}", REMOTE_ADDR="127.0.0.1"
        )
        self.assertEqual(response.status_code, 200)


class PasswordTestCase(KoersTestCase):
    def test_it_changes_a_password_with_the_validators(self):
        self.login(self.carol)
        url = "/accounts/password/change/"
        weak = {"old_password": PASSWORD, "new_password1": "1", "new_password2": "1"}
        refused = self.client.post(url, weak, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(refused, "too short")
        good = {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
        self.assertRedirects(self.client.post(url, good), "/accounts/password/change/done/")
        self.carol.refresh_from_db()
        self.assertTrue(self.carol.check_password(NEW_PASSWORD))

    def test_it_resets_a_password_by_e_mail(self):
        response = self.client.post("/accounts/password/reset/", {"email": "carol@example.org"})
        self.assertRedirects(response, "/accounts/password/reset/done/")
        body = mail.outbox[-1].body
        link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", body).group(1)
        form = self.client.get(link, follow=True)
        self.assertEqual(form.status_code, 200)
        set_url = form.redirect_chain[-1][0] if form.redirect_chain else link
        weak = self.client.post(set_url, {"new_password1": "1", "new_password2": "1"})
        self.assertEqual(weak.status_code, 200)
        done = self.client.post(
            set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        self.assertRedirects(done, "/accounts/reset/done/")
        self.carol.refresh_from_db()
        self.assertTrue(self.carol.check_password(NEW_PASSWORD))

    def test_it_does_not_tell_whether_an_address_has_an_account(self):
        known = self.client.post("/accounts/password/reset/", {"email": "carol@example.org"})
        unknown = self.client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
        self.assertEqual(known["Location"], unknown["Location"])
        self.assertEqual(len(mail.outbox), 1)

    def test_it_links_to_reset_and_change_from_the_pages(self):
        self.assertContains(self.client.get("/accounts/login/"), "/accounts/password/reset/")
        self.login(self.carol)
        self.assertContains(self.client.get("/acme/"), "/accounts/password/change/")


class SecurityHeadersTestCase(KoersTestCase):
    def test_it_sends_a_content_security_policy_that_allows_only_koers_itself(self):
        self.login(self.victor)
        policy = self.client.get("/acme/")["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertNotIn("script-src 'self' 'unsafe-inline'", policy)

    def test_it_has_no_inline_event_handlers_in_templates(self):
        root = Path(__file__).resolve().parents[2]
        offenders = [
            str(path.relative_to(root))
            for path in root.glob("**/templates/**/*.html")
            if re.search(r"\son[a-z]+=\"", path.read_text())
        ]
        self.assertEqual(offenders, [])
