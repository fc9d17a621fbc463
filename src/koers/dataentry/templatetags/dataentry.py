"""The entry app's panel for the organisation page: one tap to the grid of your own team."""

from __future__ import annotations

from datetime import date

from django import template

from koers.organisations.models import Unit
from koers.periods import Frequency, last_finished

register = template.Library()


@register.inclusion_tag("dataentry/_my_grids.html", takes_context=True)
def my_entry_grids(context) -> dict:
    """For a member or manager: a link to each own team's grid of the last finished month
    (an administrator, who may enter everywhere, chooses on the entry page)."""
    access = context.get("access")
    if access is None or access.is_admin:
        return {"grids": []}
    own = set(access.member_unit_ids) | set(access.managed_unit_ids)
    units = [u for u in Unit.objects.for_org(access.organisation) if u.pk in own]
    period = last_finished(Frequency.MONTH, date.today())
    return {"grids": units, "period": period, "org": access.organisation}
