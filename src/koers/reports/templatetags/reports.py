"""The reports app's panels for hub pages: ``{% load reports %}``.

- ``{% board_link access unit %}`` – on the unit page: the way to the unit's team board links
  (make, see, revoke), with how many screens show the board now. Shown only to who may
  manage the board links: the same question the board links page asks
  (``Access.can_define(unit)``, ``access|can_manage:unit.id`` in templates).
"""

from django import template

from ..models import BoardLink

register = template.Library()


@register.inclusion_tag("reports/_board_link.html")
def board_link(access, unit):
    if access is None or not access.can_define(unit):
        return {"allowed": False}
    links = BoardLink.objects.for_org(access.organisation).filter(unit=unit)
    return {
        "allowed": True,
        "org_slug": access.organisation.slug,
        "unit": unit,
        "screens": links.usable().count(),
    }
