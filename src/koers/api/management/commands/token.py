from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.api.models import ApiToken, issue_token
from koers.commands import KoersCommand
from koers.organisations.models import Organisation


def _user(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(_("There is no user “%(name)s”.") % {"name": username}) from None


def _organisation(user, slug: str | None) -> Organisation:
    orgs = Organisation.objects.for_user(user)
    if slug:
        org = orgs.filter(slug=slug).first()
        if org is None:
            raise CommandError(
                _("%(user)s is not a member of an organisation “%(slug)s”.")
                % {"user": user.username, "slug": slug}
            )
        return org
    found = list(orgs[:2])
    if not found:
        raise CommandError(_("%(user)s is not a member of any organisation.") % {"user": user})
    if len(found) > 1:
        raise CommandError(
            _("%(user)s is in several organisations: choose one with --org.") % {"user": user}
        )
    return found[0]


class Command(KoersCommand):
    help = gettext_lazy(
        "Manage personal API tokens. `koers token create --user NAME --name LABEL [--org SLUG]` "
        "makes one and prints it once (only its hash is kept); `koers token list` shows tokens "
        "by their first characters; `koers token revoke PREFIX` stops one from working. A token "
        "acts with its user's rights in its organisation."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help=str(gettext_lazy("make a token and print it once")))
        create.add_argument("--user", required=True, help=str(gettext_lazy("user name")))
        create.add_argument(
            "--name",
            required=True,
            help=str(gettext_lazy("what the token is for (shown in history)")),
        )
        create.add_argument(
            "--org",
            help=str(gettext_lazy("organisation slug (needed when the user is in several)")),
        )
        listing = sub.add_parser("list", help=str(gettext_lazy("list tokens")))
        listing.add_argument("--user", help=str(gettext_lazy("only this user's tokens")))
        listing.add_argument("--org", help=str(gettext_lazy("only this organisation's tokens")))
        listing.add_argument(
            "--all", action="store_true", help=str(gettext_lazy("include revoked tokens"))
        )
        revoke = sub.add_parser("revoke", help=str(gettext_lazy("revoke a token")))
        revoke.add_argument(
            "prefix", help=str(gettext_lazy("the token's first characters, as `list` shows them"))
        )

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, user: str, name: str, org: str | None, **options):
        account = _user(user)
        organisation = _organisation(account, org)
        if not name.strip():
            raise CommandError(_("Give the token a name."))
        _token, secret = issue_token(organisation, account, name)
        self.stderr.write(
            _("Token “%(name)s” for %(user)s in %(org)s. Copy it now: it is not shown again.")
            % {"name": name.strip(), "user": account.username, "org": organisation.slug}
        )
        self.stdout.write(secret)

    def _list(self, user: str | None, org: str | None, all: bool, **options):
        tokens = ApiToken.objects.select_related("user", "organisation").order_by("created_at")
        if user:
            tokens = tokens.filter(user=_user(user))
        if org:
            tokens = tokens.filter(organisation__slug=org)
        if not all:
            tokens = tokens.active()
        for t in tokens:
            state = _("revoked") if t.revoked_at else _("active")
            used = t.last_used_at.strftime("%d-%m-%Y %H:%M") if t.last_used_at else "-"
            self.stdout.write(
                f"{t.prefix:<14} {t.organisation.slug:<14} {t.user.username:<14} "
                f"{state:<10} {used:<17} {t.name}"
            )

    def _revoke(self, prefix: str, **options):
        matches = list(ApiToken.objects.active().filter(prefix__startswith=prefix[:20])[:2])
        if not matches or len(prefix) < 8:
            raise CommandError(_("No active token starts with “%(prefix)s”.") % {"prefix": prefix})
        if len(matches) > 1:
            raise CommandError(
                _("More than one token starts with “%(prefix)s”.") % {"prefix": prefix}
            )
        matches[0].revoke()
        self.stdout.write(_("Token “%(name)s” revoked.") % {"name": matches[0].name})
