"""Demo content: one closed selection round and one round in scoring.

- Closed (last year, names shown): "which indicators tell whether customers are
  satisfied?" — complaints and product returns selected (linked to the demo's
  KPIs), a duplicate merged, market share and NPS rejected with their reason.
- Scoring (now, anonymous): "which indicators show whether delivery
  reliability reaches 95%?" for Productie, with scores from the demo users
  and from one outside customer through a personal link.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI
from koers.organisations.models import Unit

from . import rounds
from .models import Round

TEXTS = {
    "nl": {
        "closed_q": "Welke indicatoren vertellen ons of onze klanten tevreden zijn?",
        "closed_d": "Brainstorm met alle afdelingen en twee vaste klanten. "
        "We kiezen hooguit drie indicatoren voor het hele bedrijf.",
        "why": {
            "complaints": "Elke klacht is een klant die het de moeite waard vond om te bellen; "
            "de rest zegt niets en gaat weg.",
            "product_returns": "Retouren kosten ons twee keer: nieuw maken en de klant die wacht.",
            "market_share": "Laat zien of klanten voor ons kiezen in plaats van de concurrent.",
            "phone": "Klachten komen bij ons vooral telefonisch binnen bij de werkplaats.",
            "nps": "Veel klanten vragen erom en het is één helder getal.",
        },
        "phone": "Klachten per telefoon",
        "nps": "Net Promoter Score",
        "reject_market": "Marktcijfers komen pas na een jaar en zijn een schatting: te laat "
        "en te grof om op te sturen. We volgen het jaarlijks in het directieoverleg.",
        "reject_nps": "Met zo'n 120 klanten is een maandcijfer te onrustig; de "
        "tevredenheidsmeting (KLT-TEV) dekt hetzelfde.",
        "open_q": "Welke indicatoren laten zien of onze leverbetrouwbaarheid naar 95% gaat?",
        "open_d": "Voor het jaardoel leverbetrouwbaarheid. Geef elk voorstel een score; "
        "scores zijn anoniem.",
        "open_why": {
            "on_time_production": "Als de werkplaats op tijd klaar is, halen we de leverdag.",
            "order_backlog": "Een groeiende achterstand zie je weken later terug in te late "
            "leveringen.",
            "machine_downtime_hours": "Stilstand van de lasrobot is nu de grootste oorzaak "
            "van vertraging.",
            "supplier_delivery_reliability": "Als het plaatmateriaal te laat is, kunnen wij niets.",
        },
        "free": (
            "Orders met complete tekening bij start",
            "Een derde van de vertragingen begint bij onvolledige tekeningen van de klant.",
            "Bij de werkvoorbereiding turven: start met of zonder complete tekening.",
        ),
        "customer": "Machinefabriek De Vries",
        "customer_idea": (
            "Tijdig melden van vertraging",
            "Als klant kunnen we met een vertraging leven als we het drie dagen vooraf horen.",
        ),
    },
    "en": {
        "closed_q": "Which indicators tell us whether our customers are satisfied?",
        "closed_d": "Brainstorm with all departments and two regular customers. "
        "We choose at most three indicators for the whole company.",
        "why": {
            "complaints": "Every complaint is a customer who bothered to call; the others "
            "say nothing and leave.",
            "product_returns": "Returns cost us twice: making it again and a customer waiting.",
            "market_share": "Shows whether customers choose us rather than the competitor.",
            "phone": "Complaints mostly reach us by phone at the workshop.",
            "nps": "Many customers ask for it and it is one clear number.",
        },
        "phone": "Complaints by phone",
        "nps": "Net Promoter Score",
        "reject_market": "Market figures arrive a year late and are an estimate: too late "
        "and too coarse to steer on. We follow it yearly in the management meeting.",
        "reject_nps": "With about 120 customers a monthly figure is too noisy; the "
        "satisfaction survey (KLT-TEV) covers the same.",
        "open_q": "Which indicators show whether our delivery reliability reaches 95%?",
        "open_d": "For the delivery reliability annual goal. Score every proposal; "
        "scores are anonymous.",
        "open_why": {
            "on_time_production": "If the workshop finishes on time, we make the delivery date.",
            "order_backlog": "A growing backlog shows up weeks later as late deliveries.",
            "machine_downtime_hours": "Downtime of the welding robot is now the main cause "
            "of delays.",
            "supplier_delivery_reliability": "If the sheet metal is late, we can do nothing.",
        },
        "free": (
            "Orders with complete drawings at start",
            "A third of the delays start with incomplete drawings from the customer.",
            "Tally at work preparation: start with or without complete drawings.",
        ),
        "customer": "De Vries Machine Works",
        "customer_idea": (
            "Delays reported in time",
            "As a customer we can live with a delay if we hear of it three days ahead.",
        ),
    },
}

# Scores (critical, leverage, motivating, ease) per user, per candidate name key.
CLOSED_SCORES = {
    "complaints": [(5, 4, 4, 4), (4, 4, 3, 5), (5, 5, 4, 4), (4, 3, 4, 4)],
    "product_returns": [(4, 4, 4, 5), (4, 3, 4, 5), (3, 4, 3, 5), (4, 4, 4, 4)],
    "market_share": [(3, 2, 2, 1), (2, 2, 1, 2), (4, 2, 2, 1), (2, 1, 2, 2)],
    "nps": [(4, 3, 3, 2), (2, 2, 2, 2), (5, 3, 4, 3), (1, 2, 2, 2)],
}
OPEN_SCORES = {
    "on_time_production": [(5, 4, 4, 4), (4, 5, 4, 4), (5, 4, 5, 3)],
    "order_backlog": [(4, 3, 3, 5), (3, 3, 2, 5), (4, 4, 3, 4)],
    # The workshop and the office disagree about downtime: a point to discuss.
    "machine_downtime_hours": [(5, 5, 2, 4), (2, 2, 5, 4), (5, 4, 3, 3)],
    "supplier_delivery_reliability": [(3, 3, 2, 4), (4, 3, 3, 3)],
    "free": [(4, 4, 5, 2), (3, 4, 4, 2), (4, 5, 4, 1)],
}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _score(candidate, participant, values) -> None:
    rounds.save_score(candidate, participant, dict(zip(rounds.CRITERIA, values, strict=True)))


def _closed_round(org, users, texts, today: date) -> Round:
    lang = "nl" if texts is TEXTS["nl"] else "en"
    company = Unit.objects.for_org(org).get(slug="bedrijf")
    goals = AnnualGoal.objects.for_org(org).filter(year=today.year - 1, unit__slug="klantenservice")
    round = rounds.start_round(
        org,
        company,
        texts["closed_q"],
        users["directie"],
        goals=list(goals),
        description=texts["closed_d"],
        anonymous=False,
        lang=lang,
    )
    me = {name: rounds.Participant(user=user) for name, user in users.items()}
    found = {
        "complaints": rounds.propose(
            round,
            me["medewerker"],
            why=texts["why"]["complaints"],
            catalogue_key="complaints",
            lang=lang,
        ),
        "product_returns": rounds.propose(
            round,
            me["manager"],
            why=texts["why"]["product_returns"],
            catalogue_key="product_returns",
            lang=lang,
        ),
        "market_share": rounds.propose(
            round,
            me["directie"],
            why=texts["why"]["market_share"],
            catalogue_key="market_share",
            lang=lang,
        ),
        "phone": rounds.propose(
            round, me["kijker"], name=texts["phone"], why=texts["why"]["phone"]
        ),
        "nps": rounds.propose(
            round,
            me["directie"],
            why=texts["why"]["nps"],
            catalogue_key="net_promoter_score",
            name=texts["nps"],
            lang=lang,
        ),
    }
    rounds.advance(round)
    scorers = [me["directie"], me["manager"], me["medewerker"], me["kijker"]]
    for key, sets in CLOSED_SCORES.items():
        for participant, values in zip(scorers, sets, strict=True):
            _score(found[key], participant, values)
    _score(found["phone"], me["medewerker"], (4, 3, 4, 5))
    rounds.advance(round)
    rounds.merge_candidates(found["phone"], found["complaints"], users["directie"])
    kpis = {k.catalogue_key: k for k in KPI.objects.for_org(org)}
    for key in ("complaints", "product_returns"):
        candidate = found[key]
        candidate.status = "selected"
        candidate.kpi = kpis.get(key)
        candidate.decided_by = users["directie"]
        candidate.decided_at = _at(today - timedelta(days=300))
        candidate.save()
    rounds.reject_candidate(found["market_share"], texts["reject_market"], users["directie"])
    rounds.reject_candidate(found["nps"], texts["reject_nps"], users["directie"])
    rounds.advance(round)
    Round.objects.filter(pk=round.pk).update(
        created_at=_at(today - timedelta(days=330)), closed_at=_at(today - timedelta(days=300))
    )
    return round


def _scoring_round(org, users, texts, today: date) -> Round:
    lang = "nl" if texts is TEXTS["nl"] else "en"
    productie = Unit.objects.for_org(org).get(slug="productie")
    goals = AnnualGoal.objects.for_org(org).filter(year=today.year, unit__slug="productie")
    round = rounds.start_round(
        org,
        productie,
        texts["open_q"],
        users["manager"],
        goals=list(goals),
        description=texts["open_d"],
        lang=lang,
    )
    me = {name: rounds.Participant(user=user) for name, user in users.items()}
    proposers = ["manager", "medewerker", "manager", "directie"]
    found = {}
    for (key, why), who in zip(texts["open_why"].items(), proposers, strict=True):
        found[key] = rounds.propose(round, me[who], why=why, catalogue_key=key, lang=lang)
    name, why, how = texts["free"]
    found["free"] = rounds.propose(round, me["medewerker"], name=name, why=why, how_to_measure=how)
    link, _token = rounds.create_link(
        round, name=texts["customer"], kind="customer", user=users["manager"]
    )
    customer = rounds.Participant(link=link)
    name, why = texts["customer_idea"]
    idea = rounds.propose(round, customer, name=name, why=why)
    rounds.advance(round)
    scorers = [me["manager"], me["medewerker"], me["directie"]]
    for key, sets in OPEN_SCORES.items():
        for participant, values in zip(scorers, sets, strict=False):
            _score(found[key], participant, values)
    _score(found["on_time_production"], customer, (5, 4, 3, 3))
    _score(idea, customer, (5, 3, 4, 4))
    _score(idea, me["kijker"], (3, 3, 3, 4))
    Round.objects.filter(pk=round.pk).update(created_at=_at(today - timedelta(days=10)))
    return round


def populate(org, users, lang: str, today: date) -> None:
    texts = TEXTS[lang]
    _closed_round(org, users, texts, today)
    _scoring_round(org, users, texts, today)


def wipe(org) -> None:
    """Rounds protect their unit, so they go before the units do."""
    Round.objects.filter(organisation=org).delete()
