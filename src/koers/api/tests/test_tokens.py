"""Personal API tokens: stored hashed, shown once, revoked; the page and the CLI."""

from __future__ import annotations

import io
import re

from django.core.management import CommandError, call_command
from django.db import connection

from koers.api.models import ApiToken, find_token, hash_secret, issue_token
from koers.organisations.models import Membership
from koers.testing import KoersTestCase

SECRET_RE = re.compile(r"koers_[A-Za-z0-9_-]{43}")


def database_text() -> str:
    """Every token row as text, to search the secret in."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM koers_api_apitoken")
        return repr(cursor.fetchall())


class TokenModelTests(KoersTestCase):
    def test_it_stores_only_a_hash_and_a_short_prefix(self):
        token, secret = issue_token(self.org, self.alice, "export")
        self.assertRegex(secret, SECRET_RE)
        self.assertEqual(token.secret_hash, hash_secret(secret))
        self.assertEqual(len(token.secret_hash), 64)
        self.assertTrue(secret.startswith(token.prefix))
        self.assertLess(len(token.prefix), 16)
        self.assertNotIn(secret, database_text())
        self.assertNotIn(secret[len(token.prefix) :], database_text())

    def test_it_finds_an_active_token_by_its_secret_only(self):
        token, secret = issue_token(self.org, self.bob, "export")
        self.assertEqual(find_token(secret), token)
        self.assertIsNone(find_token(secret + "x"))
        self.assertIsNone(find_token(token.prefix))
        self.assertIsNone(find_token(""))
        token.revoke()
        self.assertIsNone(find_token(secret))

    def test_it_makes_a_different_secret_every_time(self):
        secrets = {issue_token(self.org, self.bob, "x")[1] for _ in range(5)}
        self.assertEqual(len(secrets), 5)


class TokenPageTests(KoersTestCase):
    url = "/acme/tokens/"

    def test_it_needs_a_login(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_it_is_in_the_menu_under_its_url_name(self):
        self.login(self.victor)
        response = self.client.get(self.url)
        self.assertContains(response, f'href="{self.url}"')

    def test_it_shows_a_new_token_exactly_once(self):
        self.login(self.victor)
        response = self.client.post(self.url, {"name": "Power BI"})
        self.assertEqual(response.status_code, 200)
        secret = SECRET_RE.search(response.content.decode()).group(0)
        token = ApiToken.objects.get()
        self.assertEqual(
            (token.user, token.organisation, token.name), (self.victor, self.org, "Power BI")
        )
        self.assertEqual(find_token(secret), token)
        again = self.client.get(self.url).content.decode()
        self.assertNotIn(secret, again)
        self.assertIn(token.prefix, again)
        self.assertIn("Power BI", again)
        self.assertNotIn(secret, database_text())

    def test_it_refuses_a_token_without_a_name(self):
        self.login(self.bob)
        response = self.client.post(self.url, {"name": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ApiToken.objects.exists())

    def test_it_lists_only_your_own_tokens_unless_you_are_admin(self):
        issue_token(self.org, self.alice, "alice-token")
        issue_token(self.org, self.bob, "bob-token")
        self.login(self.bob)
        page = self.client.get(self.url).content.decode()
        self.assertIn("bob-token", page)
        self.assertNotIn("alice-token", page)
        self.login(self.alice)
        page = self.client.get(self.url).content.decode()
        self.assertIn("alice-token", page)
        self.assertIn("bob-token", page)

    def test_it_revokes_your_own_token(self):
        token, secret = issue_token(self.org, self.carol, "script")
        self.login(self.carol)
        response = self.client.post(f"{self.url}{token.pk}/revoke/")
        self.assertRedirects(response, self.url)
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)
        self.assertIsNone(find_token(secret))

    def test_it_revokes_only_with_a_post(self):
        token, _secret = issue_token(self.org, self.carol, "script")
        self.login(self.carol)
        # A GET (a reload of the address) goes back to the tokens page and revokes nothing.
        self.assertRedirects(self.client.get(f"{self.url}{token.pk}/revoke/"), self.url)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)

    def test_it_lets_only_the_owner_or_an_admin_revoke(self):
        token, _secret = issue_token(self.org, self.alice, "script")
        bobs, _secret = issue_token(self.org, self.bob, "script")
        for user in (self.bob, self.carol, self.victor):
            self.login(user)
            self.assertEqual(self.client.post(f"{self.url}{token.pk}/revoke/").status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)
        self.login(self.alice)
        self.assertEqual(self.client.post(f"{self.url}{bobs.pk}/revoke/").status_code, 302)
        bobs.refresh_from_db()
        self.assertIsNotNone(bobs.revoked_at)

    def test_it_hides_the_page_and_tokens_from_another_organisation(self):
        token, _secret = issue_token(self.org, self.alice, "script")
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, {"name": "x"}).status_code, 404)
        self.assertEqual(self.client.post(f"{self.url}{token.pk}/revoke/").status_code, 404)
        self.assertEqual(self.client.post(f"/other/tokens/{token.pk}/revoke/").status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)
        self.assertFalse(ApiToken.objects.filter(user=self.charlie).exists())

    def test_it_is_in_dutch(self):
        self.login(self.bob)
        response = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "Nieuw token")


class TokenCommandTests(KoersTestCase):
    def run_command(self, *args) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("token", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_it_creates_a_token_and_prints_it_once(self):
        out, err = self.run_command("create", "--user", "bob", "--name", "nightly export")
        secret = out.strip()
        self.assertRegex(secret, SECRET_RE)
        token = find_token(secret)
        self.assertEqual(
            (token.user, token.organisation, token.name), (self.bob, self.org, "nightly export")
        )
        self.assertNotIn(secret, err)
        listed, _err = self.run_command("list")
        self.assertIn(token.prefix, listed)
        self.assertNotIn(secret, listed)

    def test_it_needs_org_when_the_user_is_in_several(self):
        Membership.objects.create(organisation=self.other, user=self.bob, role="viewer")
        with self.assertRaises(CommandError):
            self.run_command("create", "--user", "bob", "--name", "x")
        out, _err = self.run_command("create", "--user", "bob", "--name", "x", "--org", "other")
        self.assertEqual(find_token(out.strip()).organisation, self.other)

    def test_it_refuses_an_unknown_user_or_an_organisation_the_user_is_not_in(self):
        with self.assertRaises(CommandError):
            self.run_command("create", "--user", "nobody", "--name", "x")
        with self.assertRaises(CommandError):
            self.run_command("create", "--user", "bob", "--name", "x", "--org", "other")
        self.assertFalse(ApiToken.objects.exists())

    def test_it_revokes_a_token_by_its_prefix(self):
        token, secret = issue_token(self.org, self.carol, "script")
        out, _err = self.run_command("revoke", token.prefix)
        self.assertIn("script", out)
        self.assertIsNone(find_token(secret))
        self.assertEqual(self.run_command("list")[0], "")
        self.assertIn(token.prefix, self.run_command("list", "--all")[0])
        with self.assertRaises(CommandError):
            self.run_command("revoke", token.prefix)

    def test_it_filters_the_list_by_user_and_organisation(self):
        a, _ = issue_token(self.org, self.alice, "a")
        c, _ = issue_token(self.other, self.charlie, "c")
        out, _err = self.run_command("list", "--user", "charlie")
        self.assertIn(c.prefix, out)
        self.assertNotIn(a.prefix, out)
        out, _err = self.run_command("list", "--org", "acme")
        self.assertIn(a.prefix, out)
        self.assertNotIn(c.prefix, out)
