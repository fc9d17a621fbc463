"""The shapes the API reads and writes (pydantic, through django-ninja).

Values are exchanged as **strings** holding an exact decimal ("1234.5"): the
database keeps up to 14 digits before and 6 after the point, which a JSON
number read as a binary float (JavaScript, many JSON libraries) cannot hold
exactly. Input accepts a JSON number too, and strings the way the import
reads them ("1.234,56", "12%", "€ 1.234"). Periods are canonical keys:
"2025-01" (month), "2025-W07" (week), "2025-Q1" (quarter), "2025" (year).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import StrictBool, StrictFloat, StrictInt

VALUE_DOC = 'Exact decimal as a string, e.g. "1234.5".'
INPUT_VALUE_DOC = (
    'A JSON number, or a string read like the import reads numbers: "1234.5", "1.234,56", '
    '"(5)", also with the KPI\'s own unit after or before it: "12,5%", "€ 1.234", "6,5 dagen", '
    '"12 uur" (another unit is a 400 number.wrong_unit). An empty string is skipped.'
)
CONFIRM_DOC = (
    "Save the value although it looks implausible (far outside its usual range, a jump larger "
    "than the upper range limit, a period not yet over): without it such a value is a 400 with "
    "code plausibility.<name>. Values outside the KPI's bounds and future periods are refused "
    "even so."
)
PERIOD_DOC = (
    'A period key ("2025-01", "2025-W07", "2025-Q1", "2025") or anything the import '
    'reads ("jan 2025", "Q1 2025", a date inside the period), matched to the KPI\'s frequency.'
)


class Error(Schema):
    detail: str = Field(..., examples=["Not found."])
    code: str = Field(..., examples=["not_found"])


class ItemError(Schema):
    index: int | None = Field(
        None, description="Position of the item in the request (0-based); null for the body."
    )
    field: str = Field(..., examples=["value"], description="kpi, period, value or comment.")
    code: str = Field(..., examples=["number.unreadable"])
    text: str = Field("", description="The text that was sent.", examples=["12,3,4"])
    message: str = Field(..., examples=["'12,3,4' is not a number"])


class ValidationErrors(Schema):
    detail: str
    code: str = Field(
        ...,
        examples=["invalid", "plausibility.far_outside"],
        description='"invalid", or "plausibility.<name>" when every problem is a plausibility '
        "finding (the first one's code).",
    )
    errors: list[ItemError]
    confirmable: bool = Field(
        False,
        description='True when every problem is a warning: the same request with "confirm": '
        "true saves it.",
    )


class Forbidden(Schema):
    detail: str
    code: str = Field(..., examples=["forbidden"])
    kpis: list[str] = Field(
        default_factory=list, description="KPI codes you may not enter data for."
    )


class UnitOut(Schema):
    slug: str = Field(..., examples=["productie"])
    name: str = Field(..., examples=["Productie"])
    kind: Literal["company", "department", "team"]
    parent: str | None = Field(None, description="Slug of the unit above.", examples=["acme"])
    purpose: str


class RollupOut(Schema):
    rule: Literal["sum", "ratio", "weighted", "min", "max", "formula"]
    children: list[str] = Field(..., description="Codes of the KPIs it is computed from.")
    formula: str | None = Field(None, examples=["(KLT-A + KLT-B) / 2"])


class KPIOut(Schema):
    code: str = Field(..., examples=["PW-1"])
    name: str = Field(..., examples=["Orders per hour"])
    unit: str = Field(..., description="Slug of the owning unit.", examples=["plaatwerk"])
    definition: str
    purpose: str
    unit_of_measure: Literal["percent", "euro", "count", "hours", "days", "custom"]
    symbol: str = Field(..., examples=["%"])
    decimals: int = Field(..., description="Decimals to show (display precision).")
    frequency: Literal["week", "month", "quarter", "year"]
    direction: Literal["higher", "lower"]
    area: str
    status: Literal["draft", "active", "retired"]
    importance: int = Field(..., ge=1, le=4)
    target: str | None = Field(None, description=VALUE_DOC)
    minimum: str | None = Field(
        None, description="The lowest value it may have (null: the unit decides, e.g. 0)."
    )
    maximum: str | None = Field(
        None, description="The highest value it may have (null: the unit decides, e.g. 100%)."
    )
    aggregation: Literal["sum", "average", "last", "ratio"] = Field(
        ...,
        description="How the KPI's periods combine into a year: sum, average (weighted by "
        "period length), last value, or ratio (Σ numerator / Σ denominator).",
    )
    rollup: RollupOut | None = Field(
        None, description="How Koers computes this KPI from other KPIs; null when typed in."
    )
    parent: str | None = Field(None, description="Code of the higher-level KPI.")
    revision: int = Field(..., description="Goes up with every change to values or settings.")


class ProjectionOut(Schema):
    low: str | None = Field(None, description=VALUE_DOC)
    expected: str | None = Field(None, description=VALUE_DOC)
    high: str | None = Field(None, description=VALUE_DOC)


class GoalProgressOut(Schema):
    year_to_date: str | None = Field(None, description="The year so far, by the KPI's rule.")
    target: str | None = Field(None, description=VALUE_DOC)
    projection: ProjectionOut | None = Field(
        None, description="Where the year ends at this pace: a 90% interval around the expected."
    )
    status: Literal["on_course", "at_risk", "off_course", "met", "missed"] | None = None


class GoalOut(Schema):
    id: int
    year: int = Field(..., examples=[2025])
    unit: str
    title: str
    description: str
    serves_mission: bool
    kpis: list[str] = Field(..., description="Codes of the KPIs that show progress.")
    target_kpi: str | None = None
    target_value: str | None = Field(None, description=VALUE_DOC)
    progress: GoalProgressOut = Field(
        ..., description="Progress on the target for the year (every field null without one)."
    )


class MeasurementOut(Schema):
    kpi: str = Field(..., examples=["PW-1"])
    period: str = Field(..., examples=["2025-01"], description="Canonical period key.")
    start: date = Field(..., description="First day of the period.")
    value: str = Field(..., examples=["12.5"], description=VALUE_DOC)
    comment: str
    updated_at: datetime


class MeasurementIn(Schema):
    period: str = Field(..., examples=["2025-01"], description=PERIOD_DOC)
    # true/false are accepted here only to be refused by the plan with a clear message.
    value: StrictBool | StrictInt | StrictFloat | str = Field(
        ..., examples=["12.5"], description=INPUT_VALUE_DOC
    )
    comment: str | None = Field(
        None, description="Replaces the stored comment; null keeps it.", examples=["Machine 3 down"]
    )
    revision: int | None = Field(
        None,
        description="The KPI's revision you started from (GET /kpis/{code}). When the KPI has "
        "changed since, the answer is 409 and nothing is saved. Leave it out to overwrite.",
    )
    confirm: bool = Field(False, description=CONFIRM_DOC)


class BulkItem(MeasurementIn):
    kpi: str = Field(..., examples=["PW-1"], description="KPI code (or its exact name).")


class Conflict(Schema):
    detail: str
    code: str = Field(..., examples=["conflict"])
    kpi: str = Field(..., examples=["PW-1"])
    revision: int = Field(..., description="The KPI's revision now; send it to overwrite.")
    sent_revision: int | None = None
    index: int | None = Field(None, description="Position of the item (bulk writes).")
    current: MeasurementOut | None = Field(None, description="The value stored now, if any.")


class WriteResult(Schema):
    created: int
    updated: int
    unchanged: int
    deleted: int
    skipped: int = Field(0, description="Items with an empty value, left alone.")


class SingleWriteResult(WriteResult):
    measurement: MeasurementOut | None = None


class TrendOut(Schema):
    kpi: str = Field(..., examples=["PW-1"])
    verdict: Literal["insufficient_data", "stable", "improving", "deteriorating"]
    reason: str = Field(..., description="The verdict in plain words (Accept-Language or ?lang=).")
    periods: list[str] = Field(..., description="Period keys of the analysed values, in order.")
    values: list[str] = Field(..., description=VALUE_DOC)
    analysis: dict[str, Any] | None = Field(
        None,
        description="The trend engine's full result (limits, signals, Mann-Kendall, Sen slope, "
        "change point); null without values.",
    )
    lower_limit: float | None = Field(
        None, description="The lower natural process limit; null when there is none."
    )
    no_lower_limit: bool = Field(
        False,
        description="True when the lower limit would fall below the KPI's natural bound (0 for "
        "counts, hours, days and percentages): the KPI then has no lower limit.",
    )
    adjusted_last: float | None = Field(
        None,
        description="Seasonal KPIs: the latest value seasonally adjusted, the value the limits "
        "hold for (quote it with them); null otherwise.",
    )


class ExternalBenchmarkOut(Schema):
    source: str
    sector: str = Field(..., description="SBI code; empty: every sector.")
    year: int
    median: float
    p25: float
    p75: float
    n: int = Field(..., description="How many companies the figure covers.")


class PeersOut(Schema):
    n: int = Field(..., description="Organisations contributing (five at least), yours included.")
    median: float
    p25: float
    p75: float
    rank: int | None = Field(..., description="Yours: 1 is the best, following the direction.")


class BenchmarkOut(Schema):
    kpi: str = Field(..., examples=["GM"])
    period: str | None = Field(..., description="The period compared; by default the latest.")
    external: list[ExternalBenchmarkOut]
    peers: PeersOut | None = Field(
        ..., description="Every organisation taking part; null below five contributors."
    )
    sector_peers: PeersOut | None = Field(
        None, description="Those in your SBI division (first two digits); null below five."
    )
