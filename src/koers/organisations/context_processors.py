from functools import cache

from koers.navigation import menu

from .models import Organisation


def organisation(request):
    """The current organisation, the user's other organisations and the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = getattr(request, "_koers_access", None)
    if access is not None and access.user_organisations is not None:
        user_orgs = access.user_organisations  # read with the membership (no query)
    else:
        # Built when a template first asks, once: a template calls a callable on every use.
        user_orgs = cache(lambda: list(Organisation.objects.for_user(user).only("name", "slug")))
    context = {
        "access": access,
        "current_org": access.organisation if access else None,
        "user_orgs": user_orgs,
    }
    if access:
        context["menu"] = cache(lambda: menu(access, request.path))
    return context
