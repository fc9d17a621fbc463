"""Share links made before their tokens were hashed keep working."""

import hashlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

# The organisations table as it was then too: rows made with the old models must fit it.
BEFORE = [("reports", "0002_sharelink_token_hash"), ("organisations", "0002_invitations")]
AFTER = [("reports", "0004_board_links_tokens_hashed")]


class HashTokensMigrationTests(TransactionTestCase):
    def tearDown(self):
        # Leave the schema as the other tests expect it: every app at its latest migration.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_it_hashes_the_tokens_of_existing_links_so_they_still_open(self):
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        org = old.get_model("organisations", "Organisation").objects.create(name="A", slug="a")
        unit = old.get_model("organisations", "Unit").objects.create(
            organisation=org, name="A", slug="a", kind="company"
        )
        old.get_model("reports", "ShareLink").objects.create(
            organisation=org,
            unit=unit,
            period="latest",
            label="bank",
            token="plain-old-token",
            expires_on="2030-01-01",
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        link = new.get_model("reports", "ShareLink").objects.get()
        self.assertEqual(link.token_hash, hashlib.sha256(b"plain-old-token").hexdigest())
        self.assertFalse(hasattr(link, "token"))
