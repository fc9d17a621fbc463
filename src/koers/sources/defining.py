"""Creating or updating computed KPIs from definitions (a TOML file or the define form)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from koers.computation.definitions import Definition
from koers.computation.errors import DefinitionError
from koers.computation.queries import compile_definition
from koers.kpis.changes import kpi_created, log_change
from koers.kpis.models import KPI, Area, Feed, Status
from koers.organisations.models import Organisation, Unit
from koers.sources.models import Computation, DataSource


def check(organisation: Organisation, defn: Definition) -> DataSource:
    """The definition's source, after checking the definition against its columns."""
    source = DataSource.objects.for_org(organisation).filter(name=defn.source).first()
    if source is None:
        names = DataSource.objects.for_org(organisation).values_list("name", flat=True)
        raise DefinitionError(
            "unknown_source", kpi=defn.code, part=defn.source, sources=", ".join(names) or "-"
        )
    compile_definition(defn, source.column_types)
    existing = KPI.objects.for_org(organisation).filter(code=defn.code).first()
    if existing is not None and existing.feed == Feed.MANUAL and existing.measurements.exists():
        raise DefinitionError("manual_kpi", kpi=defn.code)
    if defn.unit and not Unit.objects.for_org(organisation).filter(slug=defn.unit).exists():
        raise DefinitionError("unknown_unit", kpi=defn.code, part=defn.unit)
    return source


def _fields(defn: Definition) -> dict:
    fields = {
        "name": defn.name,
        "unit_of_measure": defn.unit_of_measure,
        "direction": defn.direction,
        "frequency": defn.frequency,
        "feed": Feed.COMPUTED,
        "aggregation": "average" if defn.is_ratio else "sum",
    }
    if defn.as_of:
        fields["aggregation"] = "last"
    if defn.decimals is not None:
        fields["decimals"] = defn.decimals
    elif defn.is_ratio:
        fields["decimals"] = 1
    if defn.definition:
        fields["definition"] = defn.definition
    if defn.catalogue_key:
        fields["catalogue_key"] = defn.catalogue_key
    return fields


@transaction.atomic
def save_definitions(organisation: Organisation, definitions: list[Definition], user=None):
    """Check every definition first, then create or update their KPIs (all or nothing)."""
    sources = [check(organisation, d) for d in definitions]
    out = []
    root = organisation.root_unit()
    for defn, source in zip(definitions, sources, strict=True):
        unit = Unit.objects.for_org(organisation).get(slug=defn.unit) if defn.unit else root
        kpi = KPI.objects.for_org(organisation).filter(code=defn.code).first()
        fields = _fields(defn)
        if kpi is None:
            kpi = KPI.objects.create(
                organisation=organisation,
                unit=unit,
                code=defn.code,
                area=Area.OTHER,
                status=Status.ACTIVE,
                definition=fields.pop("definition", "") or _explain(defn),
                **fields,
            )
            kpi_created(kpi, user=user, summary=_("KPI defined over %(source)s") % _named(source))
        else:
            _update(kpi, fields, unit if defn.unit else None, user)
        out.append(_attach(kpi, source, defn, user))
    return out


def _named(source: DataSource) -> dict:
    return {"source": source.name}


def _update(kpi: KPI, fields: dict, unit, user) -> None:
    """Change the KPI's fields to the definition's, with the change in its history."""
    if unit is not None:
        fields = {**fields, "unit": unit}
    changed = {k: [str(getattr(kpi, k)), str(v)] for k, v in fields.items() if getattr(kpi, k) != v}
    for key, value in fields.items():
        setattr(kpi, key, value)
    kpi.save()
    if changed:
        log_change(kpi, user=user, summary=_("Definition changed"), changes=changed, bump=True)


def _attach(kpi: KPI, source: DataSource, defn: Definition, user) -> Computation:
    """The KPI's computation; a changed definition is logged in the KPI's history."""
    old = Computation.objects.filter(kpi=kpi).first()
    spec = defn.spec()
    computation, created = Computation.objects.update_or_create(
        kpi=kpi,
        defaults={
            "organisation": kpi.organisation,
            "source": source,
            "spec": spec,
            "standard": "",
            "used": _explain(defn),
        },
    )
    if old is not None and (old.spec != spec or old.source_id != source.pk):
        log_change(
            kpi,
            user=user,
            summary=_("Computation changed"),
            changes={str(_("computed as")): [old.used, computation.used]},
            bump=True,
        )
    return computation


def _explain(defn: Definition) -> str:
    parts = [f"{defn.source}: {defn.value}"]
    if defn.denominator:
        parts.append(f"/ {defn.denominator}")
    if defn.where:
        parts.append(f"where {defn.where}")
    if defn.as_of:
        until = f" until {defn.as_of.until}" if defn.as_of.until else ""
        parts.append(f"as of {defn.as_of.start}{until}")
    else:
        parts.append(f"by {defn.date}")
    return " ".join(parts)
