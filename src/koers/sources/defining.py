"""Creating or updating computed KPIs from definitions (a TOML file or the define form)."""

from __future__ import annotations

from django.db import transaction

from koers.computation.definitions import Definition
from koers.computation.errors import DefinitionError
from koers.computation.queries import compile_definition
from koers.kpis.models import KPI, Area, Feed, KPIChange, Status
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
        else:
            changed = {k: v for k, v in fields.items() if getattr(kpi, k) != v}
            for key, value in changed.items():
                setattr(kpi, key, value)
            if defn.unit:
                kpi.unit = unit
            kpi.save()
            if changed:
                KPIChange.objects.create(
                    organisation=organisation,
                    kpi=kpi,
                    user=user,
                    summary=f"{kpi.code}: " + ", ".join(sorted(changed)),
                    changes={k: str(v) for k, v in changed.items()},
                )
        computation, _ = Computation.objects.update_or_create(
            kpi=kpi,
            defaults={
                "organisation": organisation,
                "source": source,
                "spec": defn.spec(),
                "standard": "",
                "used": _explain(defn),
            },
        )
        out.append(computation)
    return out


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
