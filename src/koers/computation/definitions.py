"""Computed-KPI definitions: what a ``[[kpi]]`` table in a TOML file (or the define form) says.

Pure Python: no Django.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass

from koers.computation.errors import DefinitionError

UNITS_OF_MEASURE = ("percent", "euro", "count", "hours", "days")
DIRECTIONS = ("higher", "lower")
FREQUENCIES = ("week", "month", "quarter", "year")
REQUIRED = ("code", "name", "unit_of_measure", "direction", "source", "value")
OPTIONAL = (
    "frequency",
    "date",
    "as_of",
    "where",
    "denominator",
    "decimals",
    "definition",
    "unit",
    "catalogue_key",
)


@dataclass(frozen=True)
class AsOf:
    """Rows open at a period's last day E: ``start`` <= E and ``until`` empty or later than E."""

    start: str
    until: str = ""


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    unit_of_measure: str
    direction: str
    source: str
    value: str
    frequency: str = "month"
    date: str = ""
    as_of: AsOf | None = None
    where: str = ""
    denominator: str = ""
    decimals: int | None = None
    definition: str = ""
    unit: str = ""
    catalogue_key: str = ""

    @property
    def is_ratio(self) -> bool:
        return bool(self.denominator.strip())

    @property
    def percent(self) -> bool:
        return self.unit_of_measure == "percent"

    def spec(self) -> dict:
        """The computation part, as stored with the KPI (JSON-ready)."""
        data = {
            "source": self.source,
            "frequency": self.frequency,
            "date": self.date,
            "value": self.value,
            "where": self.where,
            "denominator": self.denominator,
        }
        if self.as_of is not None:
            data["as_of"] = {"from": self.as_of.start, "until": self.as_of.until}
        return data

    def to_dict(self) -> dict:
        data = asdict(self)
        data["as_of"] = self.spec().get("as_of")
        return data

    @classmethod
    def from_mapping(cls, data: dict, position: int = 1) -> Definition:
        code = str(data.get("code") or f"#{position}")
        for key in data:
            if key not in REQUIRED and key not in OPTIONAL:
                raise DefinitionError("unknown_field", kpi=code, part=key)
        for key in REQUIRED:
            if not str(data.get(key) or "").strip():
                raise DefinitionError("missing_field", kpi=code, part=key)
        for key, allowed in (
            ("unit_of_measure", UNITS_OF_MEASURE),
            ("direction", DIRECTIONS),
            ("frequency", FREQUENCIES),
        ):
            value = data.get(key, "month" if key == "frequency" else None)
            if value not in allowed:
                raise DefinitionError(
                    "bad_field", kpi=code, part=key, value=value, allowed=", ".join(allowed)
                )
        as_of = None
        raw = data.get("as_of")
        if raw is not None:
            if not isinstance(raw, dict) or not str(raw.get("from") or "").strip():
                raise DefinitionError("missing_field", kpi=code, part="as_of.from")
            extra = set(raw) - {"from", "until"}
            if extra:
                raise DefinitionError("unknown_field", kpi=code, part=f"as_of.{min(extra)}")
            as_of = AsOf(str(raw["from"]).strip(), str(raw.get("until") or "").strip())
        date = str(data.get("date") or "").strip()
        if bool(date) == bool(as_of):
            raise DefinitionError("date_and_as_of", kpi=code)
        decimals = data.get("decimals")
        if decimals is not None and (not isinstance(decimals, int) or not 0 <= decimals <= 6):
            raise DefinitionError(
                "bad_field", kpi=code, part="decimals", value=decimals, allowed="0-6"
            )
        return cls(
            code=code,
            name=str(data["name"]),
            unit_of_measure=data["unit_of_measure"],
            direction=data["direction"],
            source=str(data["source"]),
            value=str(data["value"]),
            frequency=data.get("frequency", "month"),
            date=date,
            as_of=as_of,
            where=str(data.get("where") or ""),
            denominator=str(data.get("denominator") or ""),
            decimals=decimals,
            definition=str(data.get("definition") or ""),
            unit=str(data.get("unit") or ""),
            catalogue_key=str(data.get("catalogue_key") or ""),
        )

    @classmethod
    def from_spec(cls, spec: dict, **fields) -> Definition:
        """A definition from a stored spec plus the KPI's own fields (code, name, ...)."""
        return cls.from_mapping({**fields, **{k: v for k, v in spec.items() if v}})


def parse_toml(text: str, file_name: str = "definitions.toml") -> list[Definition]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DefinitionError("toml", file=file_name, problem=str(error)) from None
    tables = data.get("kpi")
    if not isinstance(tables, list) or not tables:
        raise DefinitionError("no_kpis", file=file_name)
    return [Definition.from_mapping(table, i) for i, table in enumerate(tables, 1)]
