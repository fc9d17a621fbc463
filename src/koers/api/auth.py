"""Bearer-token authentication for the API and the language of its messages."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer

from koers.organisations.access import Access

from .models import ApiToken, find_token


@dataclass
class Caller:
    """Who is calling: the token and the rights of its user in its organisation."""

    token: ApiToken
    access: Access

    @property
    def organisation(self):
        return self.access.organisation

    @property
    def user(self):
        return self.token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the token decides user and organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = find_token(token.strip())
        if found is None:
            return None
        if found.member_role is None:  # the user left the organisation: the token no longer works
            return None
        access = Access(found.organisation, found.user, found.member_role)
        found.touch()
        return Caller(found, access)


def request_lang(request: HttpRequest) -> str:
    """``?lang=nl|en`` when given, else the request's language (cookie, Accept-Language).

    Read from the request itself, not from the active language: an error raised before the
    locale middleware ran (a body over the limit) would otherwise speak the language of the
    previous request this thread served."""
    wanted = request.GET.get("lang", "")
    if wanted[:2] in ("nl", "en"):
        return wanted[:2]
    current = translation.get_language_from_request(request) or "nl"
    return "en" if current.startswith("en") else "nl"
