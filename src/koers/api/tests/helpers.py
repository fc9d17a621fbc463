"""A KoersTestCase with one API token per persona."""

from __future__ import annotations

import json

from koers.api.models import issue_token
from koers.testing import KoersTestCase


class ApiTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.secrets = {}
        for user in (cls.alice, cls.bob, cls.carol, cls.victor):
            _token, cls.secrets[user.username] = issue_token(
                cls.org, user, f"{user.username}-script"
            )
        _token, cls.secrets["charlie"] = issue_token(cls.other, cls.charlie, "charlie-script")

    def call(self, method: str, path: str, user=None, body=None, secret=None, **headers):
        """Call the API as ``user`` (their token) or with ``secret``; returns the response."""
        if secret is None and user is not None:
            secret = self.secrets[user.username]
        if secret is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        kwargs = {}
        if body is not None:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(self.client, method)("/api/v1" + path, **kwargs, **headers)

    def get(self, path: str, user=None, **kw):
        return self.call("get", path, user, **kw)

    def post(self, path: str, body, user=None, **kw):
        return self.call("post", path, user, body=body, **kw)

    def delete(self, path: str, user=None, **kw):
        return self.call("delete", path, user, **kw)
