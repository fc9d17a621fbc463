"""The API tokens page: list your tokens, make one (its secret shown once), revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.organisations.access import get_access

from .forms import TokenForm
from .models import ApiToken, issue_token


def tokens(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = issue_token(access.organisation, request.user, form.cleaned_data["name"])
        form = TokenForm()
    all_tokens = ApiToken.objects.for_org(access.organisation).select_related("user")
    context = {
        "form": form,
        "secret": secret,
        "own": all_tokens.filter(user=request.user),
        "others": all_tokens.exclude(user=request.user) if access.is_admin else None,
        "docs_url": "/api/v1/docs",
    }
    status = 400 if request.method == "POST" and secret is None else 200
    return render(request, "api/tokens.html", context, status=status)


@require_POST
def token_revoke(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    tokens = ApiToken.objects.for_org(access.organisation)
    if not access.is_admin:
        tokens = tokens.filter(user=request.user)  # others' tokens are not there for you
    token = get_object_or_404(tokens, pk=pk)
    token.revoke()
    messages.success(
        request, _("Token “%(name)s” revoked; it no longer works.") % {"name": token.name}
    )
    return redirect("tokens", org)
