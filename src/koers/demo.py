"""The demo organisation: a Dutch metal workshop of 40 people.

Van der Berg Metaaltechniek makes sheet-metal parts and assemblies for
machine builders. Its KPIs come from the guidance text's examples (through
the catalogue), with three years of data up to the last finished period
before today: realistic noise, one season-bound KPI, one real improvement
(delivery reliability) and one real deterioration (machine downtime), which
the trend engine should find. Everything is relative to today, so the demo
never looks stale.
"""

from __future__ import annotations

import importlib
import secrets
import zlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction

from koers import catalogue
from koers.goals.models import AnnualGoal
from koers.kpis.changes import kpi_created
from koers.kpis.models import KPI, Source, fields_from_catalogue
from koers.kpis.recording import ValueChange, record_values
from koers.organisations.models import (
    CoreCompetence,
    Membership,
    Organisation,
    Unit,
    UnitRole,
)
from koers.periods import Period, last_finished

SLUG = "demo"
YEARS_OF_DATA = 3
# Apps that add their own demo content define populate(org, users, lang, today).
EXTENSIONS = [
    "koers.selection.demo",
    "koers.meetings.demo",
    "koers.reports.demo",
    "koers.trends.demo",
    "koers.sources.demo",
    "koers.benchmarks.demo",  # after the own data: the peers follow the computed finance KPIs
]

TEXTS = {
    "nl": {
        "name": "Van der Berg Metaaltechniek",
        "vision": "In 2030 zijn wij dé vaste partner van Nederlandse machinebouwers voor "
        "precisieplaatwerk: snel, foutloos en zuinig met materiaal en energie.",
        "mission": "Wij maken plaatwerk en samenstellingen op maat voor machinebouwers in "
        "Nederland en België. We denken mee vanaf de tekening, leveren op de afgesproken "
        "dag en lossen problemen op voordat de klant ze merkt.",
        "competences": [
            ("Precisie in dun plaatwerk", "Lasersnijden en kanten binnen 0,1 mm."),
            ("Snel schakelen bij kleine series", "Van tekening tot levering in vijf dagen."),
            ("Meedenken vanaf de tekening", "Onze engineers maken ontwerpen maakbaar."),
            ("Betrouwbaar leveren", "Op de afgesproken dag, compleet."),
        ],
        "units": {
            "bedrijf": ("Van der Berg Metaaltechniek", "Het bedrijf als geheel: de totalen."),
            "verkoop": ("Verkoop", "Offertes, orders en klantrelaties."),
            "marketing": ("Marketing", "Zichtbaarheid bij machinebouwers."),
            "productie": ("Productie", "Van werkvoorbereiding tot verzending."),
            "plaatwerk": ("Plaatwerk", "Lasersnijden, ponsen en kanten."),
            "montage": ("Lassen & Montage", "Lassen, samenstellen en afwerken."),
            "inkoop": ("Inkoop", "Plaatmateriaal, halffabricaten en uitbesteed werk."),
            "financien": ("Financiën", "Facturatie, debiteuren en marges."),
            "klantenservice": ("Klantenservice", "Klachten, retouren en aftersales."),
        },
        "goals": [
            ("productie", "Leverbetrouwbaarheid dit jaar naar 92%", "PR-LEV", 92, [3]),
            ("klantenservice", "Klachten met een derde omlaag", "KLT-KLA", 112, [0, 3]),
            ("verkoop", "Vijftig nieuwe klanten in het jaar", "VK-NKL", 50, [2]),
            ("plaatwerk", "Stilstand per machine onder 5 uur per week", "PW-STL", 5, [1]),
            ("financien", "Brutomarge boven 32%", "FI-BRM", 32, []),
        ],
        "comments": {
            "PW-STL": "Lasrobot 2 vaak in storing; monteur besteld.",
            "PR-LEV": "Nieuwe planning met vaste leverdagen ingevoerd.",
        },
    },
    "en": {
        "name": "Van der Berg Metal Works",
        "vision": "By 2030 we are the partner Dutch machine builders count on for precision "
        "sheet metal: fast, right first time, sparing with material and energy.",
        "mission": "We make custom sheet-metal parts and assemblies for machine builders in "
        "the Netherlands and Belgium. We think along from the drawing, deliver on the day "
        "agreed and solve problems before the customer notices them.",
        "competences": [
            ("Precision in thin sheet metal", "Laser cutting and bending within 0.1 mm."),
            ("Fast turnaround on small batches", "From drawing to delivery in five days."),
            ("Thinking along from the drawing", "Our engineers make designs manufacturable."),
            ("Reliable delivery", "On the day agreed, complete."),
        ],
        "units": {
            "bedrijf": ("Van der Berg Metal Works", "The company as a whole: the totals."),
            "verkoop": ("Sales", "Quotes, orders and customer relations."),
            "marketing": ("Marketing", "Visibility among machine builders."),
            "productie": ("Production", "From work preparation to shipping."),
            "plaatwerk": ("Sheet metal", "Laser cutting, punching and bending."),
            "montage": ("Welding & Assembly", "Welding, assembling and finishing."),
            "inkoop": ("Purchasing", "Sheet material, semi-finished goods and subcontracting."),
            "financien": ("Finance", "Invoicing, receivables and margins."),
            "klantenservice": ("Customer service", "Complaints, returns and after-sales."),
        },
        "goals": [
            ("productie", "Delivery reliability to 92% this year", "PR-LEV", 92, [3]),
            ("klantenservice", "A third fewer complaints", "KLT-KLA", 112, [0, 3]),
            ("verkoop", "Fifty new customers in the year", "VK-NKL", 50, [2]),
            ("plaatwerk", "Downtime per machine below 5 hours a week", "PW-STL", 5, [1]),
            ("financien", "Gross margin above 32%", "FI-BRM", 32, []),
        ],
        "comments": {
            "PW-STL": "Welding robot 2 often down; engineer ordered.",
            "PR-LEV": "New planning with fixed delivery days introduced.",
        },
    },
}

# (parent slug, slug, kind)
UNITS = [
    (None, "bedrijf", "company"),
    ("bedrijf", "verkoop", "department"),
    ("bedrijf", "marketing", "department"),
    ("bedrijf", "productie", "department"),
    ("productie", "plaatwerk", "team"),
    ("productie", "montage", "team"),
    ("bedrijf", "inkoop", "department"),
    ("bedrijf", "financien", "department"),
    ("bedrijf", "klantenservice", "department"),
]


@dataclass(frozen=True)
class DemoKPI:
    code: str
    key: str  # catalogue entry
    unit: str
    level: float
    noise: float
    frequency: str | None = None  # None: the catalogue's usual frequency
    decimals: int | None = None
    parent: str | None = None
    step: float = 0.0  # a real change in level ...
    step_last: int = 0  # ... over the last N periods
    drift: float = 0.0  # per period
    season: float = 0.0  # relative amplitude of a yearly cycle
    status: str = "active"
    importance: int = 2
    integer: bool = False
    target: float | None = None
    seed: int = 0  # another draw of the noise, where the first one happens to look like a signal
    rollup: tuple[str, ...] = ()  # rolled up (summed) from these KPIs, not entered
    aggregation: str | None = None  # None: the catalogue's combining rule
    late: bool = False  # the last finished period is not in yet (its parent is provisional)


KPIS = [
    DemoKPI(
        "KLT-TEV",
        "customer_satisfaction",
        "bedrijf",
        82,
        2.2,
        frequency="month",
        importance=4,
        seed=1,
    ),
    # The company's complaints are the sum of the units' (a roll-up); customer service has not
    # reported the last month yet, so the total is provisional: "3 of 4 units reported".
    DemoKPI(
        "KLT-KLA",
        "complaints",
        "bedrijf",
        14,
        3.2,
        integer=True,
        importance=4,
        rollup=("VK-KLA", "PW-KLA", "LM-KLA", "KS-KLA"),
    ),
    DemoKPI("VK-KLA", "complaints", "verkoop", 2, 1.2, integer=True, parent="KLT-KLA"),
    DemoKPI("PW-KLA", "complaints", "plaatwerk", 5, 2.0, integer=True, parent="KLT-KLA"),
    DemoKPI("LM-KLA", "complaints", "montage", 4, 1.6, integer=True, parent="KLT-KLA"),
    DemoKPI(
        "KS-KLA", "complaints", "klantenservice", 3, 1.5, integer=True, parent="KLT-KLA", late=True
    ),
    DemoKPI("KS-RET", "product_returns", "klantenservice", 1.8, 0.3, decimals=2, parent="KLT-KLA"),
    DemoKPI(
        "KS-ASD",
        "aftersales_resolution_days",
        "klantenservice",
        6.5,
        1.0,
        decimals=1,
        parent="KLT-KLA",
    ),
    DemoKPI(
        "PR-LEV",
        "delivery_reliability",
        "productie",
        88.5,
        2.0,
        frequency="month",
        decimals=1,
        parent="KLT-TEV",
        step=5.5,
        step_last=8,
        importance=4,
        target=95,
    ),
    DemoKPI("VK-ORD", "order_volume", "verkoop", 118, 11, integer=True, parent="KLT-TEV"),
    DemoKPI("MK-WEB", "website_visitors", "marketing", 2400, 130, integer=True, season=0.22),
    DemoKPI("MK-NWS", "newsletter_signups", "marketing", 34, 6.5, integer=True),
    DemoKPI("MK-MRK", "market_share", "marketing", 4.2, 0.15, frequency="quarter", decimals=1),
    DemoKPI("MK-MAI", "mailing_respondents", "marketing", 0, 0, status="draft"),
    DemoKPI("VK-OFF", "outstanding_quotes", "verkoop", 42, 5, frequency="week", integer=True),
    DemoKPI("VK-SUC", "quote_success_ratio", "verkoop", 31, 3.8, decimals=1, importance=3),
    DemoKPI("VK-NKL", "new_customers", "verkoop", 4, 1.6, integer=True),
    DemoKPI("VK-OMZ", "revenue", "verkoop", 520_000, 30_000, decimals=0, season=0.08, importance=4),
    DemoKPI("VK-VER", "lost_quotes", "verkoop", 21, 4, integer=True, status="retired"),
    DemoKPI(
        "PR-OPU", "production_orders_per_hour", "productie", 3.1, 0.2, frequency="week", decimals=2
    ),
    DemoKPI("PR-BCK", "order_backlog", "productie", 58, 6, frequency="week", integer=True),
    DemoKPI(
        "PW-STL",
        "machine_downtime_hours",
        "plaatwerk",
        6.0,
        1.4,
        frequency="week",
        decimals=1,
        step=3.2,
        step_last=7,
        importance=3,
        target=5,
        aggregation="average",  # the goal is hours a week: the year's weeks on average
    ),
    DemoKPI("PW-FTR", "first_time_right", "plaatwerk", 94, 1.2, decimals=1),
    DemoKPI("LM-UAF", "scrap_rate", "montage", 2.4, 0.35, decimals=2),
    DemoKPI("IN-PRI", "purchase_price", "inkoop", 1.42, 0.03, decimals=2, drift=0.004),
    DemoKPI("IN-LEV", "supplier_count", "inkoop", 46, 2, frequency="quarter", integer=True),
    DemoKPI("IN-SLB", "supplier_delivery_reliability", "inkoop", 91, 2.6, decimals=1),
    DemoKPI("FI-FAC", "invoices_overdue", "financien", 18, 3.8, integer=True),
    DemoKPI("FI-BRM", "gross_margin", "financien", 32.6, 1.3, decimals=1, importance=4),
    DemoKPI("FI-NTM", "net_margin", "financien", 6.5, 0.7, frequency="quarter", decimals=1),
    DemoKPI("FI-DSO", "days_sales_outstanding", "financien", 48, 3.5, integer=True),
    DemoKPI("MW-VER", "absenteeism", "bedrijf", 4.8, 0.6, decimals=1),
]

USERS = [
    # username, first name, organisation role, (unit, unit role)
    ("directie", "Daan", "admin", None),
    ("manager", "Mila", "viewer", ("productie", "manager")),
    ("medewerker", "Sem", "viewer", ("klantenservice", "member")),
    ("kijker", "Lotte", "viewer", None),
]


def series(spec: DemoKPI, periods: list[Period]) -> list[float]:
    """A deterministic, realistic series for one demo KPI."""
    rng = np.random.default_rng(zlib.crc32(spec.code.encode()) + spec.seed)
    n = len(periods)
    values = spec.level + rng.normal(0, spec.noise, n) + spec.drift * np.arange(n)
    if spec.season:
        per_year = periods[0].frequency.per_year
        phase = np.array([(p.index - 1) / per_year for p in periods])
        # Busy in spring and autumn, quiet in summer and December.
        values *= 1 + spec.season * np.cos(2 * np.pi * (phase - 0.3)) * np.where(
            np.isin([p.index for p in periods], [7, 8, 12]) if per_year == 12 else False, 1.6, 1
        )
    if spec.step_last:
        values[-spec.step_last :] += spec.step
    values = np.maximum(values, 0)
    if catalogue.get(spec.key).unit == "percent":
        values = np.minimum(values, 100)
    return [float(v) for v in values]


def _wipe(org: Organisation) -> None:
    """Delete the demo organisation with everything in it (units are protected)."""
    for model_path in EXTENSIONS:
        module = _extension(model_path)
        if module and hasattr(module, "wipe"):
            module.wipe(org)
    AnnualGoal.objects.filter(organisation=org).delete()
    KPI.objects.filter(organisation=org).update(parent=None)
    KPI.objects.filter(organisation=org).delete()
    units = list(Unit.objects.filter(organisation=org))
    while units:
        parents = {u.parent_id for u in units}
        leaves = [u for u in units if u.pk not in parents]
        Unit.objects.filter(pk__in=[u.pk for u in leaves]).delete()
        units = [u for u in units if u not in leaves]
    org.delete()


def _extension(path: str):
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError as error:
        if error.name == path:
            return None
        raise


@dataclass
class DemoResult:
    organisation: Organisation
    logins: list[dict]


@transaction.atomic
def create_demo(password: str | None = None, lang: str = "nl", today: date | None = None):
    """Create (or refresh) the demo organisation and one user per role."""
    today = today or date.today()
    password = password or secrets.token_urlsafe(9)
    texts = TEXTS[lang]
    existing = Organisation.objects.filter(slug=SLUG).first()
    if existing:
        _wipe(existing)
    org = Organisation.objects.create(
        slug=SLUG, name=texts["name"], vision=texts["vision"], mission=texts["mission"]
    )
    competences = [
        CoreCompetence.objects.create(organisation=org, name=name, description=desc, order=i)
        for i, (name, desc) in enumerate(texts["competences"])
    ]
    units: dict[str, Unit] = {}
    for order, (parent, slug, kind) in enumerate(UNITS):
        name, purpose = texts["units"][slug]
        units[slug] = Unit.objects.create(
            organisation=org,
            parent=units.get(parent),
            slug=slug,
            name=name,
            kind=kind,
            purpose=purpose,
            order=order,
        )

    User = get_user_model()
    users = {}
    logins = []
    for username, first_name, role, unit_role in USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name = first_name
        user.email = f"{username}@demo.koers.invalid"
        user.set_password(password)
        user.save()
        Membership.objects.create(organisation=org, user=user, role=role)
        if unit_role:
            UnitRole.objects.create(unit=units[unit_role[0]], user=user, role=unit_role[1])
        users[username] = user
        logins.append(
            {
                "username": username,
                "password": password,
                "role": role if not unit_role else f"{unit_role[1]} {unit_role[0]}",
            }
        )

    kpis = _kpis(org, units, users["directie"], lang)
    _link_competences(kpis, competences)
    _goals(org, texts, units, kpis, competences, today)
    _values(kpis, texts, users["directie"], today)

    for path in EXTENSIONS:
        module = _extension(path)
        if module and hasattr(module, "populate"):
            module.populate(org, users, lang, today)
    return DemoResult(org, logins)


def _kpis(org, units: dict[str, Unit], user, lang: str) -> dict[str, KPI]:
    """The demo's KPIs from the catalogue (a unit's part of a company KPI named after it)."""
    keys = {spec.code: spec.key for spec in KPIS}
    kpis: dict[str, KPI] = {}
    for spec in KPIS:
        entry = catalogue.get(spec.key)
        fields = fields_from_catalogue(entry, lang)
        if spec.frequency:
            fields["frequency"] = spec.frequency
        if spec.decimals is not None:
            fields["decimals"] = spec.decimals
        if spec.aggregation:
            fields["aggregation"] = spec.aggregation
        if spec.integer:
            fields["decimals"] = 0
        if spec.parent and keys[spec.parent] == spec.key:
            fields["name"] += f" ({units[spec.unit].name})"  # a unit's part of the same KPI
        if spec.rollup:
            fields.update(feed="rollup", rollup_rule="sum", rollup_children=list(spec.rollup))
        kpi = KPI.objects.create(
            organisation=org,
            unit=units[spec.unit],
            code=spec.code,
            parent=kpis.get(spec.parent),
            status=spec.status,
            importance=spec.importance,
            serves_mission=spec.importance >= 3,
            target=Decimal(str(spec.target)) if spec.target is not None else None,
            **fields,
        )
        kpi_created(kpi, user=user, summary="demo")
        kpis[spec.code] = kpi

    return kpis


def _link_competences(kpis: dict[str, KPI], competences: list[CoreCompetence]) -> None:
    links = {
        "PR-LEV": [3],
        "KLT-KLA": [0, 3],
        "KLT-TEV": [3, 2],
        "PW-FTR": [0],
        "PW-STL": [1],
        "PR-OPU": [1],
        "VK-SUC": [2],
        "LM-UAF": [0],
    }
    for code, indexes in links.items():
        kpis[code].core_competences.set([competences[i] for i in indexes])


def _goals(org, texts, units, kpis, competences, today: date) -> None:
    for year in (today.year - 1, today.year, today.year + 1):
        for unit_slug, title, kpi_code, target, comp in texts["goals"]:
            goal = AnnualGoal.objects.create(
                organisation=org,
                year=year,
                unit=units[unit_slug],
                title=title,
                serves_mission=True,
                target_kpi=kpis[kpi_code],
                target_value=Decimal(target),
            )
            goal.core_competences.set([competences[i] for i in comp])
            related = [kpis[kpi_code]] + list(kpis[kpi_code].children.all())
            goal.kpis.set(related)


def _values(kpis: dict[str, KPI], texts, user, today: date) -> None:
    changes = []
    for spec in KPIS:
        kpi = kpis[spec.code]
        if spec.status == "draft" or spec.rollup:
            continue
        last = last_finished(kpi.frequency, today)
        per_year = kpi.period_frequency.per_year
        periods = [last - i for i in range(YEARS_OF_DATA * per_year - 1, -1, -1)]
        values = series(spec, periods)
        if spec.late:
            periods, values = periods[:-1], values[:-1]
        for i, (period, value) in enumerate(zip(periods, values, strict=True)):
            comment = ""
            if spec.step_last and i == len(periods) - spec.step_last:
                comment = texts["comments"].get(spec.code, "")
            changes.append(
                ValueChange(kpi, period.start, kpi.quantize(Decimal(str(value))), comment)
            )
    record_values(changes, user=user, source=Source.DEMO)
