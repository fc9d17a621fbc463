"""The KPI catalogue itself: one Entry(...) per KPI, grouped by functional area.

Entries with from_guidance=True are the examples named in the guidance text
(/work/shared/seed/): the examples per functional area and the customer-focus
hierarchy. The other entries are indicators a Dutch SME commonly looks for.

Conventions used in the texts:
- "peildatum" / "reference date" is the last day of the period being measured.
- Amounts are excluding VAT unless the definition says otherwise.
- aggregation says how values of short periods combine into a longer period:
  counts and amounts "sum", percentages and averages "average" (recomputing from
  the underlying counts is better where they are available), stocks and
  rolling 12-month figures at a reference date "last".
"""

from __future__ import annotations

from koers.catalogue.model import Entry

ENTRIES: tuple[Entry, ...] = (
    # ------------------------------------------------------------------ marketing
    Entry(
        key="market_share",
        area="marketing",
        name={"nl": "Marktaandeel", "en": "Market share"},
        definition={
            "nl": "Eigen omzet in de gekozen markt in de periode, gedeeld door de totale omzet "
            "van die markt (alle aanbieders samen) in dezelfde periode, × 100. Leg vooraf vast "
            "welke markt je bedoelt: regio, klantgroep en soort product.",
            "en": "Own revenue in the chosen market in the period, divided by the total revenue "
            "of that market (all suppliers together) in the same period, × 100. Decide in "
            "advance which market you mean: region, customer group and kind of product.",
        },
        unit="percent",
        direction="higher",
        frequency="year",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Boekhouding: eigen omzet per markt; marktomvang van de brancheorganisatie, "
            "het CBS of uit marktonderzoek",
            "en": "Accounts: own revenue per market; market size from the trade association, "
            "Statistics Netherlands (CBS) or market research",
        },
        insight={
            "nl": "Laat zien of je harder groeit dan de markt. De marktomvang is vaak een "
            "schatting die laat beschikbaar komt, dus kleine verschuivingen zijn meestal ruis. "
            "Een andere marktafbakening verandert het cijfer zonder dat er iets is verbeterd.",
            "en": "Shows whether you grow faster than the market. Market size is often an "
            "estimate that becomes available late, so small shifts are mostly noise. A different "
            "market definition changes the figure without anything having improved.",
        },
        from_guidance=True,
    ),
    Entry(
        key="market_share_product_group",
        area="marketing",
        name={"nl": "Marktaandeel per productgroep", "en": "Market share per product group"},
        definition={
            "nl": "Per productgroep: eigen omzet in die productgroep in de periode, gedeeld door "
            "de totale marktomvang van die productgroep in dezelfde periode, × 100. Gebruik "
            "dezelfde indeling in productgroepen als de bron van de marktcijfers.",
            "en": "Per product group: own revenue in that product group in the period, divided "
            "by the total market size of that product group in the same period, × 100. Use the "
            "same product grouping as the source of the market figures.",
        },
        unit="percent",
        direction="higher",
        frequency="year",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Boekhouding of ERP: omzet per productgroep; marktcijfers per productgroep van "
            "de brancheorganisatie of uit marktonderzoek",
            "en": "Accounts or ERP: revenue per product group; market figures per product group "
            "from the trade association or market research",
        },
        insight={
            "nl": "Laat zien in welke productgroepen je sterk staat en waar je terrein verliest; "
            "het totale marktaandeel verbergt dat. Marktcijfers per productgroep zijn vaak grof "
            "of ontbreken, en een afwijkende indeling maakt de vergelijking onbetrouwbaar.",
            "en": "Shows in which product groups you are strong and where you lose ground, which "
            "total market share hides. Market figures per product group are often rough or "
            "missing, and a different grouping makes the comparison unreliable.",
        },
        from_guidance=True,
    ),
    Entry(
        key="market_share_growth",
        area="marketing",
        name={"nl": "Groei van het marktaandeel", "en": "Market share growth"},
        definition={
            "nl": "Marktaandeel in de periode min het marktaandeel in dezelfde periode een jaar "
            "eerder, in procentpunten. Van 10% naar 12% is een groei van 2 procentpunten.",
            "en": "Market share in the period minus market share in the same period a year "
            "earlier, in percentage points. Going from 10% to 12% is growth of 2 percentage "
            "points.",
        },
        unit="percent",
        direction="higher",
        frequency="year",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Afgeleid van de KPI Marktaandeel van dit jaar en vorig jaar",
            "en": "Derived from the Market share KPI of this year and last year",
        },
        insight={
            "nl": "Zegt meer dan het marktaandeel zelf, omdat het de richting laat zien. Verwar "
            "procentpunten niet met procenten: van 10% naar 12% is 2 procentpunten, maar 20% "
            "relatieve groei. Groei in een krimpende markt kan samengaan met dalende omzet.",
            "en": "Says more than market share itself, because it shows the direction. Do not "
            "confuse percentage points with percentages: from 10% to 12% is 2 percentage points "
            "but 20% relative growth. Growth in a shrinking market can go with falling revenue.",
        },
        from_guidance=True,
    ),
    Entry(
        key="mailing_respondents",
        area="marketing",
        name={"nl": "Aantal respondenten op mailing", "en": "Mailing respondents"},
        definition={
            "nl": "Aantal unieke ontvangers van een mailing dat binnen een vaste responstermijn "
            "(bijvoorbeeld 30 dagen na verzending) reageert: antwoordt, de actiecode gebruikt of "
            "op de actieknop klikt. Tel alle mailings op die in de periode zijn verzonden.",
            "en": "Number of unique recipients of a mailing who respond within a fixed response "
            "window (for example 30 days after sending): they reply, use the promotion code or "
            "click the call-to-action button. Add up all mailings sent in the period.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "E-mailprogramma (klikken, antwoorden) en kassa of webwinkel (gebruikte "
            "actiecodes)",
            "en": "Email marketing tool (clicks, replies) and till or web shop (promotion codes "
            "used)",
        },
        insight={
            "nl": "Het aantal hangt af van hoe groot en hoe vaak je mailt; bekijk daarom ook het "
            "responspercentage (respondenten gedeeld door verzonden mailings). Een klik is nog "
            "geen klant: kijk waar het kan ook naar de omzet uit de mailing.",
            "en": "The number depends on how large and how often you mail, so also look at the "
            "response rate (respondents divided by mailings sent). A click is not yet a customer: "
            "where possible, also look at the revenue from the mailing.",
        },
        from_guidance=True,
    ),
    Entry(
        key="newsletter_signups",
        area="marketing",
        name={"nl": "Inschrijvingen voor nieuwsbrief", "en": "Newsletter sign-ups"},
        definition={
            "nl": "Aantal nieuwe, bevestigde inschrijvingen (double opt-in) voor de nieuwsbrief "
            "in de periode. Herinschrijvingen van bestaande abonnees en testadressen tellen niet "
            "mee.",
            "en": "Number of new, confirmed sign-ups (double opt-in) for the newsletter in the "
            "period. Re-subscriptions of existing subscribers and test addresses do not count.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "E-mailprogramma of nieuwsbriefdienst: inschrijvingen met datum",
            "en": "Email marketing tool or newsletter service: sign-ups with date",
        },
        insight={
            "nl": "Geeft aan hoeveel mensen je willen volgen. Het aantal abonnees hangt ook af "
            "van uitschrijvingen, dus houd die apart bij. Winacties leveren snel inschrijvers op "
            "die zelden klant worden.",
            "en": "Shows how many people want to follow you. The number of subscribers also "
            "depends on unsubscribes, so track those separately. Prize draws quickly bring in "
            "sign-ups who rarely become customers.",
        },
        from_guidance=True,
    ),
    Entry(
        key="website_visitors",
        area="marketing",
        name={"nl": "Aantal bezoekers op de website", "en": "Website visitors"},
        definition={
            "nl": "Aantal bezoeken (sessies) aan de website in de periode volgens de "
            "webstatistieken, zonder bots en zonder bezoeken van eigen medewerkers. De KPI telt "
            "bezoeken en geen unieke bezoekers, omdat unieke bezoekers per week niet op te "
            "tellen zijn tot een maandtotaal.",
            "en": "Number of visits (sessions) to the website in the period according to the web "
            "analytics, excluding bots and visits by your own staff. The KPI counts visits rather "
            "than unique visitors, because weekly unique visitors cannot be added up into a "
            "monthly total.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Webstatistieken (bijvoorbeeld Google Analytics, Matomo of Plausible)",
            "en": "Web analytics (for example Google Analytics, Matomo or Plausible)",
        },
        insight={
            "nl": "Meet bereik, geen resultaat: kijk ook hoeveel bezoeken tot een aanvraag of "
            "bestelling leiden. Bezoekers die cookies weigeren worden vaak niet geteld, en een "
            "ander meetpakket of andere cookie-instelling geeft een sprong in de trend die niets "
            "met de werkelijkheid te maken heeft.",
            "en": "Measures reach, not results: also look at how many visits lead to a request "
            "or an order. Visitors who refuse cookies are often not counted, and a different "
            "analytics tool or cookie setting causes a jump in the trend that has nothing to do "
            "with reality.",
        },
        from_guidance=True,
    ),
    Entry(
        key="website_conversion_rate",
        area="marketing",
        name={"nl": "Conversiepercentage website", "en": "Website conversion rate"},
        definition={
            "nl": "Aantal bezoeken in de periode dat eindigt in een bestelling, offerteaanvraag "
            "of ingevuld contactformulier, gedeeld door het totaal aantal bezoeken in de "
            "periode, × 100.",
            "en": "Number of visits in the period that end in an order, a quote request or a "
            "completed contact form, divided by the total number of visits in the period, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Webstatistieken met ingestelde doelen (conversies), of webwinkel en CRM voor "
            "het aantal bestellingen en aanvragen",
            "en": "Web analytics with goals (conversions) set up, or web shop and CRM for the "
            "number of orders and requests",
        },
        insight={
            "nl": "Laat zien of de website bezoekers omzet in klanten. Extra bezoek uit slecht "
            "passende bronnen, zoals een brede advertentiecampagne, drukt het percentage terwijl "
            "het aantal aanvragen stijgt; kijk dus ook naar het aantal zelf.",
            "en": "Shows whether the website turns visitors into customers. Extra traffic from "
            "poorly matching sources, such as a broad ad campaign, lowers the rate while the "
            "number of requests rises, so also look at the number itself.",
        },
    ),
    # ---------------------------------------------------------------------- sales
    Entry(
        key="outstanding_quotes",
        area="sales",
        name={"nl": "Aantal uitstaande offertes", "en": "Outstanding quotes"},
        definition={
            "nl": "Aantal offertes dat op de peildatum (het einde van de periode) is verstuurd en "
            "waarover de klant nog niet heeft beslist: niet gewonnen, niet verloren en niet "
            "verlopen.",
            "en": "Number of quotes that have been sent and on which the customer has not yet "
            "decided at the reference date (the end of the period): not won, not lost and not "
            "expired.",
        },
        unit="count",
        direction="higher",
        frequency="week",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "CRM of offertesysteem: offertes met status en verzenddatum",
            "en": "CRM or quoting system: quotes with status and date sent",
        },
        insight={
            "nl": "Meer uitstaande offertes betekent een vollere pijplijn, daarom staat de "
            "richting op hoger. Het cijfer kan misleiden: het loopt ook op als offertes blijven "
            "liggen zonder opvolging of als verlopen offertes niet worden afgesloten. Lees het "
            "samen met de succesratio en de ouderdom van de offertes.",
            "en": "More outstanding quotes means a fuller pipeline, hence the direction "
            "'higher'. The figure can mislead: it also rises when quotes are left without "
            "follow-up or when expired quotes are not closed. Read it together with the success "
            "ratio and the age of the quotes.",
        },
        from_guidance=True,
    ),
    Entry(
        key="lost_quotes",
        area="sales",
        name={"nl": "Aantal verloren offertes", "en": "Lost quotes"},
        definition={
            "nl": "Aantal offertes dat in de periode als verloren is afgesloten: de klant koos "
            "een ander, zag af van de aankoop, of de geldigheidstermijn verliep zonder opdracht. "
            "Leg bij elke verloren offerte de reden vast.",
            "en": "Number of quotes closed as lost in the period: the customer chose someone "
            "else, decided not to buy, or the validity period expired without an order. Record "
            "the reason for every lost quote.",
        },
        unit="count",
        direction="lower",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "CRM of offertesysteem: offertes met status, afsluitdatum en verliesreden",
            "en": "CRM or quoting system: quotes with status, closing date and loss reason",
        },
        insight={
            "nl": "Minder verloren offertes is alleen goed nieuws als je niet ook minder "
            "offreert; kijk daarom ook naar de succesratio. De vastgelegde verliesredenen "
            "(prijs, levertijd, specificatie) zijn vaak waardevoller dan het aantal zelf.",
            "en": "Fewer lost quotes is only good news if you are not also quoting less, so also "
            "look at the success ratio. The recorded loss reasons (price, delivery time, "
            "specification) are often more valuable than the number itself.",
        },
        from_guidance=True,
    ),
    Entry(
        key="quote_success_ratio",
        area="sales",
        name={"nl": "Succesratio offertes", "en": "Quote success ratio"},
        definition={
            "nl": "Aantal offertes dat in de periode is gewonnen, gedeeld door alle offertes "
            "waarover in de periode is beslist (gewonnen + verloren), × 100. Een offerte die "
            "verloopt zonder opdracht telt als verloren; offertes die nog uitstaan tellen niet "
            "mee.",
            "en": "Number of quotes won in the period, divided by all quotes decided in the "
            "period (won + lost), × 100. A quote that expires without an order counts as lost; "
            "quotes still outstanding are left out.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "CRM of offertesysteem: offertes met status (gewonnen, verloren, verlopen) en "
            "beslisdatum",
            "en": "CRM or quoting system: quotes with status (won, lost, expired) and decision "
            "date",
        },
        insight={
            "nl": "Laat zien hoe goed je offertes aansluiten bij wat de klant wil. Bij weinig "
            "offertes per maand schommelt het percentage sterk; kijk dan per kwartaal. Alleen "
            "nog 'zekere' aanvragen offreren verhoogt de ratio, maar kost omzet.",
            "en": "Shows how well your quotes match what the customer wants. With few quotes per "
            "month the percentage swings strongly; then look per quarter. Only quoting 'safe' "
            "requests raises the ratio but costs revenue.",
        },
        from_guidance=True,
    ),
    Entry(
        key="quote_lead_time_days",
        area="sales",
        name={"nl": "Doorlooptijd offertes", "en": "Quote lead time"},
        definition={
            "nl": "Gemiddeld aantal werkdagen tussen de ontvangst van een offerteaanvraag en het "
            "versturen van de offerte, berekend over de offertes die in de periode zijn "
            "verstuurd.",
            "en": "Average number of working days between receiving a quote request and sending "
            "the quote, calculated over the quotes sent in the period.",
        },
        unit="days",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "CRM of offertesysteem: datum van de aanvraag en verzenddatum per offerte",
            "en": "CRM or quoting system: request date and date sent per quote",
        },
        insight={
            "nl": "Snel offreren vergroot de kans op de opdracht. Het gemiddelde verbergt "
            "uitschieters; aanvragen die wekenlang blijven liggen zie je beter in een lijst van "
            "de oudste openstaande aanvragen. Leg de aanvraagdatum direct vast, anders lijkt de "
            "doorlooptijd korter dan hij is.",
            "en": "Quoting quickly improves the chance of winning the order. The average hides "
            "outliers; requests left waiting for weeks show up better in a list of the oldest "
            "open requests. Record the request date straight away, or the lead time looks "
            "shorter than it is.",
        },
    ),
    Entry(
        key="new_customers",
        area="sales",
        name={"nl": "Aantal nieuwe klanten", "en": "New customers"},
        definition={
            "nl": "Aantal klanten dat in de periode voor het eerst een order plaatst die wordt "
            "gefactureerd. Een klant telt één keer, in de periode van de eerste order.",
            "en": "Number of customers who place their first invoiced order in the period. A "
            "customer counts once, in the period of the first order.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Boekhouding of CRM: debiteuren met de datum van de eerste factuur",
            "en": "Accounts or CRM: customers with the date of their first invoice",
        },
        insight={
            "nl": "Meet of je nieuwe klanten aantrekt, maar niet of ze waardevol zijn: vijf "
            "kleine eenmalige kopers tellen zwaarder dan één grote vaste klant. Dubbele "
            "klantrecords en teruggekeerde oud-klanten vertekenen het aantal.",
            "en": "Measures whether you attract new customers, but not whether they are "
            "valuable: five small one-off buyers count for more than one large regular customer. "
            "Duplicate customer records and returning former customers distort the number.",
        },
        from_guidance=True,
    ),
    Entry(
        key="lost_customers",
        area="sales",
        name={"nl": "Aantal verloren klanten", "en": "Lost customers"},
        definition={
            "nl": "Aantal klanten dat in de periode is opgehouden klant te zijn: het contract is "
            "opgezegd, of de laatste order ligt nu langer dan 12 maanden terug. Kies de termijn "
            "die past bij hoe vaak je klanten normaal kopen, en tel elke klant in de periode "
            "waarin de termijn verstrijkt.",
            "en": "Number of customers who stopped being customers in the period: the contract "
            "was cancelled, or the last order is now more than 12 months ago. Choose the window "
            "that fits how often your customers normally buy, and count each customer in the "
            "period in which the window runs out.",
        },
        unit="count",
        direction="lower",
        frequency="quarter",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Boekhouding of CRM: debiteuren met de datum van de laatste factuur; opzeggingen",
            "en": "Accounts or CRM: customers with the date of their last invoice; cancellations",
        },
        insight={
            "nl": "Een klant ben je meestal al kwijt voordat dit cijfer het laat zien, omdat hij "
            "pas meetelt als de termijn verstreken is. Vraag verloren klanten naar de reden; één "
            "verloren grote klant kan zwaarder wegen dan tien kleine.",
            "en": "You have usually lost a customer well before this figure shows it, because "
            "the customer only counts once the window has run out. Ask lost customers for the "
            "reason; one lost large customer can weigh more than ten small ones.",
        },
        from_guidance=True,
    ),
    Entry(
        key="revenue",
        area="sales",
        name={"nl": "Omzet", "en": "Revenue"},
        definition={
            "nl": "Totaal van de in de periode gefactureerde netto-omzet: exclusief btw, na "
            "kortingen en na aftrek van creditnota's.",
            "en": "Total net revenue invoiced in the period: excluding VAT, after discounts and "
            "after deducting credit notes.",
        },
        unit="euro",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Boekhouding: omzetrekeningen in de winst-en-verliesrekening",
            "en": "Accounts: revenue accounts in the profit and loss statement",
        },
        insight={
            "nl": "De basis onder veel andere KPI's, maar omzet is geen winst: groei met hoge "
            "kortingen of verliesgevende opdrachten holt de marge uit. Let op seizoensinvloeden "
            "en op het moment van factureren (voorschotten, jaarfacturen).",
            "en": "The basis of many other KPIs, but revenue is not profit: growth through big "
            "discounts or loss-making orders erodes the margin. Watch for seasonal effects and "
            "for the timing of invoicing (advance invoices, annual invoices).",
        },
        from_guidance=True,
    ),
    Entry(
        key="revenue_growth",
        area="sales",
        name={"nl": "Omzetgroei", "en": "Revenue growth"},
        definition={
            "nl": "Omzet in de periode min de omzet in dezelfde periode een jaar eerder, gedeeld "
            "door de omzet in die periode van vorig jaar, × 100. Door met dezelfde periode van "
            "vorig jaar te vergelijken vallen seizoensinvloeden weg.",
            "en": "Revenue in the period minus revenue in the same period a year earlier, "
            "divided by last year's revenue for that period, × 100. Comparing with the same "
            "period last year removes seasonal effects.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Afgeleid van de KPI Omzet van dit jaar en vorig jaar",
            "en": "Derived from the Revenue KPI of this year and last year",
        },
        insight={
            "nl": "Groei door prijsverhogingen is iets anders dan groei in volume; bij hoge "
            "inflatie kan omzetgroei een dalende afzet verbergen. Eén grote eenmalige order in "
            "een van beide jaren geeft een vertekend beeld.",
            "en": "Growth from price increases is not the same as growth in volume; with high "
            "inflation, revenue growth can hide falling sales volumes. One large one-off order in "
            "either year gives a distorted picture.",
        },
        from_guidance=True,
    ),
    Entry(
        key="order_intake",
        area="sales",
        name={"nl": "Orderinstroom", "en": "Order intake"},
        definition={
            "nl": "Totale waarde (exclusief btw) van de klantorders en getekende opdrachten die "
            "in de periode zijn binnengekomen, ongeacht wanneer ze worden geleverd of "
            "gefactureerd, na aftrek van annuleringen in de periode.",
            "en": "Total value (excluding VAT) of the customer orders and signed contracts "
            "received in the period, regardless of when they are delivered or invoiced, less "
            "cancellations in the period.",
        },
        unit="euro",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "ERP of orderadministratie: orders met orderdatum en orderwaarde",
            "en": "ERP or order administration: orders with order date and order value",
        },
        insight={
            "nl": "Loopt voor op de omzet: een dalende orderinstroom zie je maanden later terug "
            "in de omzet. Worden annuleringen niet afgetrokken, dan is het beeld te rooskleurig.",
            "en": "Leads revenue: falling order intake shows up in revenue months later. If "
            "cancellations are not deducted, the picture is too rosy.",
        },
    ),
    # ----------------------------------------------------------------- production
    Entry(
        key="production_orders_per_hour",
        area="production",
        name={"nl": "Aantal productieorders per uur", "en": "Production orders per hour"},
        definition={
            "nl": "Aantal productieorders dat in de periode is gereedgemeld, gedeeld door het "
            "aantal productie-uren dat in de periode is gewerkt (de direct productieve uren "
            "volgens de urenregistratie).",
            "en": "Number of production orders completed in the period, divided by the number of "
            "production hours worked in the period (the directly productive hours according to "
            "the time registration).",
        },
        unit="ratio",
        direction="higher",
        frequency="week",
        aggregation="average",
        decimals=2,
        data_source={
            "nl": "ERP of productieplanning: gereedmeldingen; urenregistratie: productie-uren",
            "en": "ERP or production planning: completion reports; time registration: "
            "production hours",
        },
        insight={
            "nl": "Zegt iets over productiviteit zolang de orders vergelijkbaar zijn van omvang. "
            "Verschuift de mix naar grotere of ingewikkeldere orders, dan daalt het cijfer "
            "zonder dat er slechter wordt gewerkt; orders opknippen verhoogt het zonder echte "
            "verbetering.",
            "en": "Says something about productivity as long as orders are of similar size. If "
            "the mix shifts to larger or more complex orders the figure drops without anyone "
            "working worse; splitting orders raises it without real improvement.",
        },
        from_guidance=True,
    ),
    Entry(
        key="order_backlog",
        area="production",
        name={"nl": "Aantal orders in backlog", "en": "Orders in backlog"},
        definition={
            "nl": "Aantal geaccepteerde klantorders dat op de peildatum (het einde van de "
            "periode) nog niet is geleverd.",
            "en": "Number of accepted customer orders not yet delivered at the reference date "
            "(the end of the period).",
        },
        unit="count",
        direction="lower",
        frequency="week",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "ERP of orderadministratie: openstaande orders met orderdatum en status",
            "en": "ERP or order administration: open orders with order date and status",
        },
        insight={
            "nl": "Een kleinere backlog betekent kortere levertijden, daarom staat de richting op "
            "lager. Maar een dalende backlog kan ook betekenen dat er minder orders binnenkomen, "
            "en een te kleine backlog laat capaciteit onbenut. Lees het samen met de "
            "orderinstroom en kijk ook hoeveel orders al over hun leverdatum heen zijn.",
            "en": "A smaller backlog means shorter delivery times, hence the direction 'lower'. "
            "But a falling backlog can also mean fewer orders are coming in, and a backlog that "
            "is too small leaves capacity unused. Read it together with order intake and also "
            "check how many orders are already past their delivery date.",
        },
        from_guidance=True,
    ),
    Entry(
        key="returns_by_reason",
        area="production",
        name={"nl": "Aantal retouren naar reden", "en": "Returns by reason"},
        definition={
            "nl": "Aantal retourzendingen dat in de periode is ontvangen, uitgesplitst naar de "
            "vastgelegde retourreden (bijvoorbeeld defect, beschadigd bij transport, verkeerd "
            "product geleverd, niet naar wens). De KPI is het totaal; de verdeling over de "
            "redenen wijst aan waar verbetering nodig is.",
            "en": "Number of returns received in the period, broken down by the recorded return "
            "reason (for example defective, damaged in transport, wrong product delivered, not "
            "as expected). The KPI is the total; the split by reason shows where improvement is "
            "needed.",
        },
        unit="count",
        direction="lower",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Retourregistratie in ERP, webwinkel of klantenservice: retouren met reden",
            "en": "Returns registration in ERP, web shop or customer service: returns with reason",
        },
        insight={
            "nl": "Alleen bruikbaar als de reden steeds wordt vastgelegd; een grote restpost "
            "'overig' betekent dat de registratie beter moet. Meer leveringen geven vanzelf meer "
            "retouren, zet het aantal daarom af tegen het aantal leveringen.",
            "en": "Only useful if the reason is recorded every time; a large 'other' category "
            "means the registration needs to improve. More deliveries naturally bring more "
            "returns, so set the number against the number of deliveries.",
        },
        from_guidance=True,
    ),
    Entry(
        key="machine_downtime_hours",
        area="production",
        name={
            "nl": "Aantal uren stilstand per machine",
            "en": "Hours of downtime per machine",
        },
        definition={
            "nl": "Per machine: aantal uren in de periode dat de machine binnen de geplande "
            "productietijd niet produceerde door storing, wachten (op materiaal, mensen of "
            "opdrachten) of omstellen. Gepland onderhoud en uren waarin niet was ingepland "
            "tellen niet mee.",
            "en": "Per machine: number of hours in the period in which the machine did not "
            "produce during planned production time because of breakdowns, waiting (for "
            "material, people or orders) or changeovers. Planned maintenance and hours not "
            "scheduled for production do not count.",
        },
        unit="hours",
        direction="lower",
        frequency="week",
        aggregation="sum",
        decimals=1,
        data_source={
            "nl": "Storingslog of machinebesturing (MES), anders het productielogboek van de "
            "operators",
            "en": "Breakdown log or machine control system (MES), otherwise the operators' "
            "production log",
        },
        insight={
            "nl": "Wijst de machines aan waar de meeste capaciteit verloren gaat. Leg de oorzaak "
            "erbij vast, want storingen vragen andere acties dan omsteltijd. Korte stops worden "
            "met de hand vaak niet genoteerd, dus handmatige registratie geeft meestal te weinig "
            "uren.",
            "en": "Points out the machines where most capacity is lost. Record the cause too, "
            "because breakdowns call for different actions than changeover time. Short stops "
            "are often not written down by hand, so manual registration usually gives too few "
            "hours.",
        },
        from_guidance=True,
    ),
    Entry(
        key="inventory_per_product",
        area="production",
        name={"nl": "Voorraad per product", "en": "Inventory per product"},
        definition={
            "nl": "Per product: aantal stuks dat op de peildatum (het einde van de periode) "
            "volgens de voorraadadministratie op voorraad ligt.",
            "en": "Per product: number of units in stock at the reference date (the end of the "
            "period) according to the stock records.",
        },
        unit="count",
        direction="lower",
        frequency="month",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "Voorraadadministratie in ERP of boekhoudpakket, gecontroleerd met periodieke "
            "tellingen",
            "en": "Stock records in the ERP or accounting package, checked with periodic counts",
        },
        insight={
            "nl": "Minder voorraad betekent minder vastgelegd geld en minder ruimte, daarom staat "
            "de richting op lager; te weinig voorraad leidt echter tot misgrijpen en gemiste "
            "verkopen. Vergelijk de voorraad met het verbruik (dekkingsduur) en controleer met "
            "een telling of de administratie klopt.",
            "en": "Less stock means less money tied up and less space used, hence the direction "
            "'lower'; too little stock, however, leads to stock-outs and missed sales. Compare "
            "the stock with usage (days of cover) and check with a stock count whether the "
            "records are right.",
        },
        from_guidance=True,
    ),
    Entry(
        key="first_time_right",
        area="production",
        name={"nl": "First time right (in één keer goed)", "en": "First time right"},
        definition={
            "nl": "Aantal producten (of orders) dat in de periode in één keer goed is gemaakt, "
            "zonder herstel, herbewerking of afkeur, gedeeld door het totaal aantal in de "
            "periode gemaakte producten (of orders), × 100.",
            "en": "Number of products (or orders) made right the first time in the period, "
            "without repair, rework or rejection, divided by the total number of products (or "
            "orders) made in the period, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="week",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Kwaliteitsregistratie: afkeur- en herstelmeldingen; ERP: geproduceerde "
            "aantallen",
            "en": "Quality registration: rejection and rework reports; ERP: quantities produced",
        },
        insight={
            "nl": "Eén getal voor de kwaliteit van het hele proces: elke herbewerking kost tijd "
            "en geld. Het werkt alleen als herstelwerk eerlijk wordt gemeld; wordt een fout "
            "stilletjes opgelost, dan ziet het cijfer er beter uit dan het is.",
            "en": "One number for the quality of the whole process: every piece of rework costs "
            "time and money. It only works if rework is reported honestly; when a mistake is "
            "quietly fixed, the figure looks better than it is.",
        },
    ),
    Entry(
        key="scrap_rate",
        area="production",
        name={"nl": "Afkeurpercentage", "en": "Scrap rate"},
        definition={
            "nl": "Aantal afgekeurde producten dat niet meer te herstellen is, gedeeld door het "
            "totaal aantal in de periode geproduceerde producten, × 100.",
            "en": "Number of rejected products that cannot be repaired, divided by the total "
            "number of products produced in the period, × 100.",
        },
        unit="percent",
        direction="lower",
        frequency="week",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Kwaliteitsregistratie of afkeurformulieren; ERP: geproduceerde aantallen",
            "en": "Quality registration or rejection forms; ERP: quantities produced",
        },
        insight={
            "nl": "Afkeur kost materiaal én machinetijd. Producten die worden hersteld in plaats "
            "van afgekeurd vallen buiten dit cijfer, dus lees het samen met first time right. "
            "Bij sterk verschillende producten zegt afkeur in kilo's of euro's meer dan in "
            "stuks.",
            "en": "Scrap costs material and machine time. Products that are repaired instead of "
            "scrapped fall outside this figure, so read it together with first time right. With "
            "very different products, scrap in kilos or euros says more than in units.",
        },
    ),
    Entry(
        key="on_time_production",
        area="production",
        name={"nl": "Productieorders op tijd gereed", "en": "Production orders on time"},
        definition={
            "nl": "Aantal productieorders dat in de periode uiterlijk op de geplande gereeddatum "
            "is gereedgemeld, gedeeld door het totaal aantal in de periode gereedgemelde "
            "productieorders, × 100.",
            "en": "Number of production orders completed in the period on or before their "
            "planned completion date, divided by the total number of production orders completed "
            "in the period, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="week",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "ERP of productieplanning: productieorders met geplande en werkelijke "
            "gereeddatum",
            "en": "ERP or production planning: production orders with planned and actual "
            "completion date",
        },
        insight={
            "nl": "Voorspelt de leverbetrouwbaarheid naar de klant. Wordt de geplande datum "
            "tussentijds verschoven, dan lijkt alles op tijd: meet tegen de eerst geplande "
            "datum. Orders die nog niet klaar zijn maar al te laat zijn, tellen pas mee als ze "
            "gereed zijn.",
            "en": "Predicts delivery reliability towards the customer. If the planned date is "
            "moved along the way, everything looks on time: measure against the first planned "
            "date. Orders not yet finished but already late only count once they are completed.",
        },
    ),
    Entry(
        key="oee",
        area="production",
        name={
            "nl": "OEE (effectiviteit van machines)",
            "en": "OEE (Overall Equipment Effectiveness)",
        },
        definition={
            "nl": "Beschikbaarheid × prestatie × kwaliteit × 100, per machine of lijn over de "
            "periode. Beschikbaarheid = werkelijke draaitijd ÷ geplande productietijd; prestatie "
            "= (geproduceerde aantallen × ideale cyclustijd) ÷ werkelijke draaitijd; kwaliteit = "
            "goede producten ÷ alle geproduceerde producten.",
            "en": "Availability × performance × quality × 100, per machine or line over the "
            "period. Availability = actual run time ÷ planned production time; performance = "
            "(units produced × ideal cycle time) ÷ actual run time; quality = good units ÷ all "
            "units produced.",
        },
        unit="percent",
        direction="higher",
        frequency="week",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Machinebesturing of MES; anders een productielogboek met draaitijd, "
            "stilstand, aantallen en afkeur",
            "en": "Machine control system or MES; otherwise a production log with run time, "
            "downtime, quantities and scrap",
        },
        insight={
            "nl": "Brengt stilstand, te langzaam draaien en afkeur samen in één cijfer. De vaak "
            "genoemde norm van 85% is voor kleine series zelden haalbaar; volg de eigen trend. "
            "Wie de geplande productietijd of de ideale cyclustijd ruim kiest, krijgt een mooie "
            "OEE zonder betere prestatie.",
            "en": "Combines downtime, running too slowly and scrap into one figure. The often "
            "quoted benchmark of 85% is rarely achievable for small batches; follow your own "
            "trend. Choosing a generous planned production time or ideal cycle time gives a nice "
            "OEE without better performance.",
        },
    ),
    # ----------------------------------------------------------------- purchasing
    Entry(
        key="purchase_price",
        area="purchasing",
        name={"nl": "Inkoopprijs", "en": "Purchase price"},
        definition={
            "nl": "Per artikel of artikelgroep: totaal inkoopbedrag in de periode (exclusief btw, "
            "na kortingen, inclusief bijkomende kosten zoals vracht en invoerrechten), gedeeld "
            "door het aantal in de periode ingekochte eenheden. Dit is de gewogen gemiddelde "
            "inkoopprijs per eenheid.",
            "en": "Per item or item group: total purchase amount in the period (excluding VAT, "
            "after discounts, including additional costs such as freight and import duties), "
            "divided by the number of units purchased in the period. This is the weighted "
            "average purchase price per unit.",
        },
        unit="euro",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=2,
        data_source={
            "nl": "Inkoopadministratie of boekhouding: inkoopfacturen per artikel met aantallen",
            "en": "Purchasing records or accounts: purchase invoices per item with quantities",
        },
        insight={
            "nl": "Laat het effect zien van onderhandelen en bundelen, maar grondstofprijzen en "
            "wisselkoersen bewegen het cijfer buiten je invloed om. Een lagere prijs kan "
            "samengaan met slechtere kwaliteit of langere levertijden; vergelijk altijd hetzelfde "
            "artikel.",
            "en": "Shows the effect of negotiating and bundling, but commodity prices and "
            "exchange rates move the figure beyond your control. A lower price can come with "
            "worse quality or longer delivery times; always compare the same item.",
        },
        from_guidance=True,
    ),
    Entry(
        key="purchase_margin",
        area="purchasing",
        name={"nl": "Inkoopmarge", "en": "Purchase margin"},
        definition={
            "nl": "Per artikel of artikelgroep: (verkoopprijs exclusief btw − inkoopprijs) "
            "gedeeld door de verkoopprijs exclusief btw, × 100. Gebruik voor de periode de "
            "gemiddelde gerealiseerde verkoopprijs en de gewogen gemiddelde inkoopprijs.",
            "en": "Per item or item group: (selling price excluding VAT − purchase price) "
            "divided by the selling price excluding VAT, × 100. For the period, use the average "
            "realised selling price and the weighted average purchase price.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Boekhouding of ERP: verkoopprijzen en inkoopprijzen per artikel",
            "en": "Accounts or ERP: selling prices and purchase prices per item",
        },
        insight={
            "nl": "Laat zien wat er per verkochte eenheid overblijft voor de overige kosten en de "
            "winst. Verwar marge niet met opslag, die rekent vanaf de inkoopprijs: 25% marge is "
            "33% opslag. Een artikel met een hoge marge maar weinig afzet levert soms minder op "
            "dan een artikel met een lage marge.",
            "en": "Shows what is left per unit sold to cover other costs and profit. Do not "
            "confuse margin with markup, which is calculated on the purchase price: a 25% margin "
            "is a 33% markup. An item with a high margin but low sales sometimes earns less than "
            "one with a low margin.",
        },
        from_guidance=True,
    ),
    Entry(
        key="units_purchased",
        area="purchasing",
        name={"nl": "Aantal stuks ingekocht", "en": "Units purchased"},
        definition={
            "nl": "Per artikel of artikelgroep: aantal eenheden dat in de periode is ingekocht en "
            "ontvangen (ingeslagen).",
            "en": "Per item or item group: number of units purchased and received into stock in "
            "the period.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Inkoopadministratie of ERP: ontvangstmeldingen van inkooporders",
            "en": "Purchasing records or ERP: goods receipts of purchase orders",
        },
        insight={
            "nl": "Een volumemaat: meer ingekochte stuks geven meer onderhandelingsruimte, maar "
            "dat is alleen goed als de verkoop meestijgt. Stijgt de inkoop harder dan de afzet, "
            "dan loopt de voorraad op; lees het daarom samen met de voorraad en de verkochte "
            "aantallen.",
            "en": "A volume measure: more units purchased give more negotiating power, but that "
            "is only good if sales rise too. If purchases grow faster than sales, stock builds "
            "up; so read it together with stock levels and units sold.",
        },
        from_guidance=True,
    ),
    Entry(
        key="purchase_volume",
        area="purchasing",
        name={"nl": "Inkoopvolume", "en": "Purchase volume"},
        definition={
            "nl": "Totaal van de in de periode geboekte inkoopfacturen, exclusief btw: de "
            "kostenrekeningen in het inkoopdagboek.",
            "en": "Total of the purchase invoices booked in the period, excluding VAT: the cost "
            "accounts in the purchase journal.",
        },
        unit="euro",
        direction="lower",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Boekhouding: inkoopdagboek (auditfile)",
            "en": "Accounts: purchase journal (auditfile)",
        },
        insight={
            "nl": "Stijgt de inkoop harder dan de omzet, dan krimpt de marge of loopt de "
            "voorraad op. Eén grote investering in een maand vertekent het beeld.",
            "en": "If purchases grow faster than revenue, the margin shrinks or stock builds "
            "up. One large investment in a month distorts the picture.",
        },
    ),
    Entry(
        key="supplier_count",
        area="purchasing",
        name={"nl": "Aantal leveranciers", "en": "Number of suppliers"},
        definition={
            "nl": "Aantal actieve leveranciers op de peildatum: leveranciers bij wie in de 12 "
            "maanden tot en met de peildatum minstens één inkooporder is geplaatst.",
            "en": "Number of active suppliers at the reference date: suppliers with at least one "
            "purchase order placed in the 12 months up to and including the reference date.",
        },
        unit="count",
        direction="lower",
        frequency="quarter",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "Crediteuren- of inkoopadministratie: inkoopfacturen per leverancier",
            "en": "Accounts payable or purchasing records: purchase invoices per supplier",
        },
        insight={
            "nl": "Minder leveranciers betekent meer volume per leverancier, betere voorwaarden "
            "en minder administratie, daarom staat de richting op lager. Te weinig leveranciers "
            "maakt je afhankelijk: houd voor kritieke onderdelen minstens twee bronnen.",
            "en": "Fewer suppliers means more volume per supplier, better terms and less "
            "administration, hence the direction 'lower'. Too few suppliers makes you dependent: "
            "keep at least two sources for critical parts.",
        },
        from_guidance=True,
    ),
    Entry(
        key="stock_turnover",
        area="purchasing",
        name={"nl": "Omloopsnelheid voorraad", "en": "Stock turnover"},
        definition={
            "nl": "Kostprijs van de omzet over de 12 maanden tot en met de peildatum, gedeeld "
            "door de gemiddelde voorraadwaarde (tegen kostprijs) over dezelfde 12 maanden. De "
            "uitkomst is hoe vaak de voorraad per jaar wordt omgezet.",
            "en": "Cost of sales over the 12 months up to and including the reference date, "
            "divided by the average stock value (at cost) over the same 12 months. The result is "
            "how many times per year the stock turns over.",
        },
        unit="ratio",
        direction="higher",
        frequency="month",
        aggregation="last",
        decimals=1,
        data_source={
            "nl": "Boekhouding: kostprijs van de omzet en voorraadwaarde aan het einde van elke "
            "maand",
            "en": "Accounts: cost of sales and stock value at the end of each month",
        },
        insight={
            "nl": "Hoe hoger, hoe minder geld er in voorraad vastzit. Een hoge omloopsnelheid "
            "door te krappe voorraad kost leverbetrouwbaarheid. Een gemiddelde over alle "
            "artikelen verbergt incourante voorraad: bekijk ook de artikelen die al lang niet "
            "zijn verkocht.",
            "en": "The higher, the less money is tied up in stock. A high turnover from stock "
            "that is too tight costs delivery reliability. An average over all items hides "
            "obsolete stock: also look at the items that have not sold for a long time.",
        },
    ),
    Entry(
        key="supplier_delivery_reliability",
        area="purchasing",
        name={
            "nl": "Leverbetrouwbaarheid leveranciers",
            "en": "Supplier delivery reliability",
        },
        definition={
            "nl": "Aantal inkooporderregels dat in de periode volledig en uiterlijk op de door "
            "de leverancier bevestigde leverdatum is ontvangen, gedeeld door het totaal aantal "
            "in de periode ontvangen inkooporderregels, × 100.",
            "en": "Number of purchase order lines received in the period in full and no later "
            "than the delivery date confirmed by the supplier, divided by the total number of "
            "purchase order lines received in the period, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Inkoopadministratie of ERP: bevestigde leverdatum en ontvangstdatum per "
            "orderregel",
            "en": "Purchasing records or ERP: confirmed delivery date and receipt date per order "
            "line",
        },
        insight={
            "nl": "Bepaalt mede of je zelf op tijd kunt leveren. Meet tegen de eerst bevestigde "
            "datum, niet tegen een later aangepaste. Te vroeg leveren telt hier als op tijd, "
            "maar kan ook ruimte- en betaalproblemen geven.",
            "en": "Partly determines whether you can deliver on time yourself. Measure against "
            "the first confirmed date, not a later adjusted one. Early deliveries count as on "
            "time here, but can also cause space and cash problems.",
        },
    ),
    # -------------------------------------------------------------------- finance
    Entry(
        key="sales_invoices",
        area="finance",
        name={"nl": "Aantal verkoopfacturen", "en": "Number of sales invoices"},
        definition={
            "nl": "Aantal verkoopfacturen dat in de periode is verstuurd. Creditnota's tellen "
            "niet mee.",
            "en": "Number of sales invoices sent in the period. Credit notes do not count.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Boekhouding of facturatiesysteem: verkoopfacturen met factuurdatum",
            "en": "Accounts or invoicing system: sales invoices with invoice date",
        },
        insight={
            "nl": "Een maat voor activiteit en voor de administratieve last. Meer facturen is "
            "niet vanzelf beter: veel kleine facturen kosten relatief veel werk. Lees het samen "
            "met het gemiddelde factuurbedrag.",
            "en": "A measure of activity and of the administrative load. More invoices is not "
            "automatically better: many small invoices take relatively much work. Read it "
            "together with the average invoice amount.",
        },
        from_guidance=True,
    ),
    Entry(
        key="customers_invoiced",
        area="sales",
        name={"nl": "Aantal gefactureerde klanten", "en": "Customers invoiced"},
        definition={
            "nl": "Aantal verschillende klanten dat in de periode minstens één verkoopfactuur "
            "kreeg. Creditnota's tellen niet.",
            "en": "Number of different customers who received at least one sales invoice in "
            "the period. Credit notes do not count.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "Boekhouding: verkoopdagboek (auditfile), klant per factuur",
            "en": "Accounts: sales journal (auditfile), customer per invoice",
        },
        insight={
            "nl": "Laat zien hoe breed de omzet gedragen wordt: dezelfde omzet van minder "
            "klanten maakt kwetsbaarder. Lees het samen met het gemiddelde factuurbedrag.",
            "en": "Shows how broadly revenue is carried: the same revenue from fewer customers "
            "makes you more vulnerable. Read it together with the average invoice amount.",
        },
    ),
    Entry(
        key="invoices_overdue",
        area="finance",
        name={"nl": "Facturen over betaaltermijn", "en": "Invoices past their payment term"},
        definition={
            "nl": "Aantal openstaande verkoopfacturen waarvan de vervaldatum (factuurdatum plus "
            "betaaltermijn) op de peildatum is verstreken.",
            "en": "Number of unpaid sales invoices whose due date (invoice date plus payment "
            "term) has passed at the reference date.",
        },
        unit="count",
        direction="lower",
        frequency="month",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "Boekhouding: openstaande posten debiteuren met vervaldatum",
            "en": "Accounts: open items in accounts receivable with due date",
        },
        insight={
            "nl": "Een vroeg signaal voor betalingsproblemen en voor hoe goed je aanmaant. Het "
            "aantal zegt niets over het bedrag: één grote te late factuur kan meer pijn doen dan "
            "twintig kleine, houd dus ook het openstaande bedrag bij.",
            "en": "An early signal of payment problems and of how well you chase payments. The "
            "number says nothing about the amount: one large late invoice can hurt more than "
            "twenty small ones, so also track the amount outstanding.",
        },
        from_guidance=True,
    ),
    Entry(
        key="average_invoice_amount",
        area="finance",
        name={"nl": "Gemiddeld factuurbedrag", "en": "Average invoice amount"},
        definition={
            "nl": "Totaalbedrag van de in de periode verstuurde verkoopfacturen (exclusief btw), "
            "gedeeld door het aantal in de periode verstuurde verkoopfacturen. Creditnota's "
            "tellen niet mee.",
            "en": "Total amount of the sales invoices sent in the period (excluding VAT), "
            "divided by the number of sales invoices sent in the period. Credit notes do not "
            "count.",
        },
        unit="euro",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=2,
        data_source={
            "nl": "Boekhouding of facturatiesysteem: verkoopfacturen met bedrag",
            "en": "Accounts or invoicing system: sales invoices with amount",
        },
        insight={
            "nl": "Laat zien of je meer per order of per klant verkoopt. Een paar uitzonderlijk "
            "grote facturen trekken het gemiddelde omhoog; bij sterk wisselende ordergroottes "
            "zegt de mediaan meer.",
            "en": "Shows whether you sell more per order or per customer. A few exceptionally "
            "large invoices pull the average up; with widely varying order sizes the median "
            "says more.",
        },
        from_guidance=True,
    ),
    Entry(
        key="average_discount",
        area="finance",
        name={"nl": "Gemiddelde korting", "en": "Average discount"},
        definition={
            "nl": "Totaal verleende korting in de periode, gedeeld door de bruto-omzet tegen "
            "lijstprijs (vóór korting) in de periode, × 100.",
            "en": "Total discount given in the period, divided by gross revenue at list price "
            "(before discount) in the period, × 100.",
        },
        unit="percent",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Boekhouding of facturatiesysteem: factuurregels met lijstprijs en korting",
            "en": "Accounts or invoicing system: invoice lines with list price and discount",
        },
        insight={
            "nl": "Elk procent korting gaat rechtstreeks van de marge af. Kortingen die niet op "
            "de factuur staan, zoals gratis bezorging, extra stuks of bonussen achteraf, blijven "
            "buiten beeld. Minder korting is alleen winst als het niet te veel omzet kost.",
            "en": "Every percent of discount comes straight off the margin. Discounts not shown "
            "on the invoice, such as free delivery, extra units or year-end rebates, stay out of "
            "sight. Less discount is only a gain if it does not cost too much revenue.",
        },
        from_guidance=True,
    ),
    Entry(
        key="gross_margin",
        area="finance",
        name={"nl": "Brutomarge", "en": "Gross margin"},
        definition={
            "nl": "(Netto-omzet − kostprijs van de omzet) gedeeld door de netto-omzet, × 100. De "
            "kostprijs van de omzet is de inkoopwaarde van de verkochte goederen of, bij "
            "productie, de directe kosten van materiaal en uitbesteed werk.",
            "en": "(Net revenue − cost of sales) divided by net revenue, × 100. Cost of sales is "
            "the purchase value of the goods sold or, in production, the direct cost of "
            "materials and subcontracted work.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Boekhouding: winst-en-verliesrekening (omzet en kostprijs van de omzet)",
            "en": "Accounts: profit and loss statement (revenue and cost of sales)",
        },
        insight={
            "nl": "Laat zien wat er overblijft om de vaste kosten te dekken. In maandcijfers "
            "vertekent de brutomarge als voorraadmutaties of inkoopfacturen in een andere maand "
            "worden geboekt dan de omzet. Een stijgende marge bij dalende omzet kan betekenen dat "
            "je klanten wegprijst.",
            "en": "Shows what is left to cover fixed costs. In monthly figures the gross margin "
            "is distorted when stock changes or purchase invoices are booked in a different "
            "month than the revenue. A rising margin with falling revenue can mean you are "
            "pricing customers away.",
        },
        from_guidance=True,
    ),
    Entry(
        key="net_margin",
        area="finance",
        name={"nl": "Nettomarge", "en": "Net margin"},
        definition={
            "nl": "Nettoresultaat (winst na aftrek van alle kosten, afschrijvingen, rente en "
            "belastingen) gedeeld door de netto-omzet, × 100.",
            "en": "Net profit (profit after all costs, depreciation, interest and taxes) divided "
            "by net revenue, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="quarter",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Boekhouding: winst-en-verliesrekening",
            "en": "Accounts: profit and loss statement",
        },
        insight={
            "nl": "De uiteindelijke maat voor winstgevendheid. Eenmalige posten, zoals de "
            "verkoop van een bedrijfsmiddel of een afwaardering, vertekenen het beeld. Per maand "
            "is het cijfer onbetrouwbaar als kosten per kwartaal of per jaar worden geboekt; "
            "werk met kwartalen of met maandelijkse reserveringen.",
            "en": "The ultimate measure of profitability. One-off items, such as selling an "
            "asset or a write-down, distort the picture. Per month the figure is unreliable when "
            "costs are booked per quarter or per year; work with quarters or with monthly "
            "accruals.",
        },
        from_guidance=True,
    ),
    Entry(
        key="days_sales_outstanding",
        area="finance",
        name={"nl": "Debiteurentermijn (DSO)", "en": "Days sales outstanding (DSO)"},
        definition={
            "nl": "Openstaand bedrag aan debiteuren op de peildatum, gedeeld door de "
            "gefactureerde omzet over de 12 maanden tot en met de peildatum, × 365. Reken beide "
            "inclusief btw, omdat de debiteuren dat ook zijn.",
            "en": "Accounts receivable outstanding at the reference date, divided by invoiced "
            "revenue over the 12 months up to and including the reference date, × 365. Use "
            "VAT-inclusive figures for both, because receivables include VAT.",
        },
        unit="days",
        direction="lower",
        frequency="month",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "Boekhouding: openstaande posten debiteuren en omzet per maand",
            "en": "Accounts: open items in accounts receivable and revenue per month",
        },
        insight={
            "nl": "Laat zien hoe snel klanten gemiddeld betalen en hoeveel geld er bij klanten "
            "vastzit. Een grote factuur vlak voor de peildatum verhoogt het cijfer tijdelijk; bij "
            "seizoenswerk schommelt het ook zonder dat het betaalgedrag verandert.",
            "en": "Shows how quickly customers pay on average and how much money is tied up with "
            "customers. A large invoice just before the reference date raises the figure "
            "temporarily; with seasonal work it also fluctuates without payment behaviour "
            "changing.",
        },
    ),
    Entry(
        key="liquidity_current_ratio",
        area="finance",
        name={"nl": "Current ratio (liquiditeit)", "en": "Current ratio (liquidity)"},
        definition={
            "nl": "Vlottende activa (voorraden, debiteuren, overige vorderingen en liquide "
            "middelen) gedeeld door de kortlopende schulden (schulden die binnen een jaar moeten "
            "worden betaald), beide op de peildatum.",
            "en": "Current assets (inventories, trade receivables, other receivables and cash) "
            "divided by current liabilities (debts due within one year), both at the reference "
            "date.",
        },
        unit="ratio",
        direction="higher",
        frequency="quarter",
        aggregation="last",
        decimals=2,
        data_source={
            "nl": "Boekhouding: balans",
            "en": "Accounts: balance sheet",
        },
        insight={
            "nl": "Onder 1 kun je de kortlopende schulden niet uit de vlottende middelen betalen; "
            "tussen 1,5 en 2 geldt meestal als gezond. Een hoge ratio door onverkoopbare "
            "voorraad of oninbare debiteuren geeft schijnzekerheid; de quick ratio laat de "
            "voorraad daarom weg.",
            "en": "Below 1 you cannot pay short-term debts from current assets; between 1.5 and "
            "2 is usually considered healthy. A high ratio due to unsellable stock or "
            "uncollectable receivables gives false comfort; the quick ratio therefore leaves out "
            "stock.",
        },
    ),
    Entry(
        key="cash_position",
        area="finance",
        name={"nl": "Liquide middelen", "en": "Cash position"},
        definition={
            "nl": "Saldo van alle bank- en kasrekeningen op de peildatum; een negatief banksaldo "
            "(rood staan) telt negatief mee. Een nog niet gebruikte kredietruimte telt niet mee.",
            "en": "Balance of all bank and cash accounts at the reference date; a negative bank "
            "balance (overdraft) counts as negative. Unused credit facilities do not count.",
        },
        unit="euro",
        direction="higher",
        frequency="week",
        aggregation="last",
        decimals=0,
        data_source={
            "nl": "Bankrekeningen en kasboek, of de bankkoppeling in het boekhoudpakket",
            "en": "Bank accounts and cash book, or the bank feed in the accounting package",
        },
        insight={
            "nl": "Een momentopname: vlak voor de salarisbetaling of de btw-afdracht ziet het "
            "saldo er anders uit dan vlak erna. Kies daarom steeds hetzelfde meetmoment en maak "
            "er een liquiditeitsprognose bij, zodat je een tekort ziet aankomen.",
            "en": "A snapshot: just before paying salaries or VAT the balance looks different "
            "from just after. So always measure at the same moment and add a cash flow forecast, "
            "so you see a shortfall coming.",
        },
    ),
    Entry(
        key="revenue_per_employee",
        area="finance",
        name={"nl": "Omzet per medewerker (fte)", "en": "Revenue per employee (FTE)"},
        definition={
            "nl": "Netto-omzet in de periode, gedeeld door het gemiddeld aantal fte in dienst in "
            "de periode.",
            "en": "Net revenue in the period, divided by the average number of FTEs employed in "
            "the period.",
        },
        unit="euro",
        direction="higher",
        frequency="quarter",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Boekhouding: omzet; salarisadministratie: fte per maand",
            "en": "Accounts: revenue; payroll: FTEs per month",
        },
        insight={
            "nl": "Een grove maat voor productiviteit die je alleen binnen de eigen branche kunt "
            "vergelijken: een groothandel heeft per fte veel meer omzet dan een dienstverlener. "
            "Uitbesteden of werken met uitzendkrachten verhoogt het cijfer zonder dat er "
            "productiever wordt gewerkt; tel ingehuurde krachten daarom mee.",
            "en": "A rough measure of productivity that you can only compare within your own "
            "sector: a wholesaler has far more revenue per FTE than a service provider. "
            "Outsourcing or using temporary workers raises the figure without anyone working "
            "more productively, so include hired staff.",
        },
    ),
    # ---------------------------------------------- customers (customer-focus hierarchy)
    Entry(
        key="customer_satisfaction",
        area="customers",
        name={"nl": "Klanttevredenheid", "en": "Customer satisfaction"},
        definition={
            "nl": "Aantal respondenten dat in het klanttevredenheidsonderzoek een 4 of 5 geeft op "
            "de vraag 'Hoe tevreden bent u over onze dienstverlening?' (schaal 1 tot en met 5), "
            "gedeeld door het totaal aantal respondenten in de periode, × 100.",
            "en": "Number of respondents in the customer satisfaction survey who answer 4 or 5 "
            "to the question 'How satisfied are you with our service?' (scale 1 to 5), divided "
            "by the total number of respondents in the period, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="quarter",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Klanttevredenheidsonderzoek: korte enquête na levering of periodiek aan alle "
            "klanten",
            "en": "Customer satisfaction survey: a short questionnaire after delivery or "
            "periodically to all customers",
        },
        insight={
            "nl": "De topindicator voor klantgerichtheid: meer tevreden klanten. Bij weinig "
            "reacties zegt het percentage weinig, en vooral zeer tevreden en ontevreden klanten "
            "reageren. Verander de vraag of de schaal niet, anders breekt de trend.",
            "en": "The top indicator for customer focus: more satisfied customers. With few "
            "responses the percentage says little, and mostly very satisfied and dissatisfied "
            "customers respond. Do not change the question or the scale, or the trend breaks.",
        },
        from_guidance=True,
    ),
    Entry(
        key="complaints",
        area="customers",
        name={"nl": "Aantal klachten", "en": "Number of complaints"},
        definition={
            "nl": "Aantal klachten van klanten dat in de periode is geregistreerd, via alle "
            "kanalen: telefoon, e-mail, website, sociale media en de buitendienst.",
            "en": "Number of customer complaints registered in the period, through all "
            "channels: phone, email, website, social media and field staff.",
        },
        unit="count",
        direction="lower",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Klachtenregistratie in CRM, helpdesk- of ticketsysteem",
            "en": "Complaint registration in the CRM, helpdesk or ticketing system",
        },
        insight={
            "nl": "De topindicator voor klantgerichtheid: minder klachten. Een stijging kan ook "
            "komen doordat klachten beter worden geregistreerd, en dat is winst: een klacht die "
            "niet wordt genoteerd, wordt ook niet opgelost. Zet het aantal af tegen het aantal "
            "orders als het volume sterk wisselt.",
            "en": "The top indicator for customer focus: fewer complaints. A rise can also come "
            "from better registration, which is a gain: a complaint that is not recorded is not "
            "resolved either. Set the number against the number of orders when volumes vary "
            "strongly.",
        },
        from_guidance=True,
    ),
    Entry(
        key="product_returns",
        area="customers",
        name={"nl": "Retourpercentage producten", "en": "Product return rate"},
        definition={
            "nl": "Aantal geretourneerde producten dat in de periode is ontvangen, gedeeld door "
            "het aantal producten dat in de periode is geleverd, × 100.",
            "en": "Number of returned products received in the period, divided by the number of "
            "products delivered in the period, × 100.",
        },
        unit="percent",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Retourregistratie en leveringen in ERP of webwinkel",
            "en": "Returns registration and deliveries in the ERP or web shop",
        },
        insight={
            "nl": "Een afdelingsindicator onder klachten: elk retour is een klant die niet kreeg "
            "wat hij verwachtte. Retouren komen later binnen dan de levering, dus bij sterk "
            "wisselende aantallen schommelt het percentage. Voor verbetering kijk je naar de "
            "redenen (Aantal retouren naar reden).",
            "en": "A unit indicator under complaints: every return is a customer who did not get "
            "what they expected. Returns arrive later than the delivery, so with strongly "
            "varying volumes the percentage fluctuates. To improve, look at the reasons (Returns "
            "by reason).",
        },
        from_guidance=True,
        parent_key="complaints",
    ),
    Entry(
        key="delivery_reliability",
        area="customers",
        name={"nl": "Leverbetrouwbaarheid", "en": "Delivery reliability"},
        definition={
            "nl": "Aantal klantorders dat in de periode volledig en uiterlijk op de met de klant "
            "afgesproken datum is geleverd, gedeeld door het totaal aantal in de periode "
            "geleverde klantorders, × 100.",
            "en": "Number of customer orders delivered in the period in full and no later than "
            "the date agreed with the customer, divided by the total number of customer orders "
            "delivered in the period, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "ERP of orderadministratie: afgesproken en werkelijke leverdatum per order",
            "en": "ERP or order administration: agreed and actual delivery date per order",
        },
        insight={
            "nl": "Een afdelingsindicator onder klanttevredenheid: klanten rekenen op de "
            "toegezegde datum. Meet tegen de eerst toegezegde datum, niet tegen een later "
            "verschoven datum, en tel een gedeeltelijke levering als niet op tijd. Orders die al "
            "te laat zijn maar nog niet geleverd, tellen pas mee als ze geleverd worden.",
            "en": "A unit indicator under customer satisfaction: customers count on the promised "
            "date. Measure against the first promised date, not a later moved one, and count a "
            "partial delivery as not on time. Orders already late but not yet delivered only "
            "count once they are delivered.",
        },
        from_guidance=True,
        parent_key="customer_satisfaction",
    ),
    Entry(
        key="order_volume",
        area="customers",
        name={"nl": "Opdrachtenvolume", "en": "Order volume"},
        definition={
            "nl": "Aantal opdrachten (klantorders) dat in de periode is ontvangen, na aftrek van "
            "annuleringen in de periode.",
            "en": "Number of orders (customer orders and assignments) received in the period, "
            "less cancellations in the period.",
        },
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "ERP, orderadministratie of CRM: orders met orderdatum",
            "en": "ERP, order administration or CRM: orders with order date",
        },
        insight={
            "nl": "Een afdelingsindicator onder klanttevredenheid: tevreden klanten komen terug "
            "en bestellen meer. Het aantal zegt niets over de grootte van de opdrachten; kijk "
            "daarvoor naar de orderinstroom in euro's. Vergelijk met dezelfde periode vorig "
            "jaar, want het volume hangt ook af van seizoen en markt.",
            "en": "A unit indicator under customer satisfaction: satisfied customers come back "
            "and order more. The number says nothing about the size of the orders; for that, "
            "look at order intake in euros. Compare with the same period last year, because "
            "volume also depends on season and market.",
        },
        from_guidance=True,
        parent_key="customer_satisfaction",
    ),
    Entry(
        key="aftersales_resolution_days",
        area="customers",
        name={
            "nl": "Oplostijd klachten (aftersales)",
            "en": "Complaint resolution time (aftersales)",
        },
        definition={
            "nl": "Gemiddeld aantal kalenderdagen tussen de registratie van een klacht en de "
            "afmelding als opgelost, berekend over de klachten die in de periode zijn opgelost.",
            "en": "Average number of calendar days between registering a complaint and closing "
            "it as resolved, calculated over the complaints resolved in the period.",
        },
        unit="days",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Klachtenregistratie in CRM, helpdesk- of ticketsysteem: datum van melding en "
            "van oplossing",
            "en": "Complaint registration in the CRM, helpdesk or ticketing system: date "
            "reported and date resolved",
        },
        insight={
            "nl": "Een afdelingsindicator onder klachten: het tempo waarmee aftersales klachten "
            "verhelpt. Klachten die lang openstaan tellen pas mee als ze zijn opgelost; houd dus "
            "ook bij hoeveel klachten langer dan bijvoorbeeld 14 dagen openstaan. Klachten te "
            "snel afmelden verbetert het cijfer, maar niet de klant.",
            "en": "A unit indicator under complaints: how fast aftersales resolves complaints. "
            "Complaints that stay open for a long time only count once resolved, so also track "
            "how many complaints have been open longer than, say, 14 days. Closing complaints "
            "too early improves the figure, but not the customer's experience.",
        },
        from_guidance=True,
        parent_key="complaints",
    ),
    Entry(
        key="net_promoter_score",
        area="customers",
        name={"nl": "Net Promoter Score (NPS)", "en": "Net Promoter Score (NPS)"},
        definition={
            "nl": "Percentage promotors (score 9 of 10) min het percentage criticasters (score 0 "
            "tot en met 6) op de vraag 'Hoe waarschijnlijk is het dat u ons aanbeveelt bij een "
            "collega of vriend?' (schaal 0 tot en met 10). De uitkomst ligt tussen −100 en +100.",
            "en": "Percentage of promoters (score 9 or 10) minus percentage of detractors (score "
            "0 to 6) on the question 'How likely is it that you would recommend us to a "
            "colleague or friend?' (scale 0 to 10). The result lies between −100 and +100.",
        },
        unit="ratio",
        direction="higher",
        frequency="quarter",
        aggregation="average",
        decimals=0,
        data_source={
            "nl": "Klantenquête met de NPS-vraag, bijvoorbeeld na levering of eens per kwartaal",
            "en": "Customer survey with the NPS question, for example after delivery or once a "
            "quarter",
        },
        insight={
            "nl": "Eén vraag, dus makkelijk bij te houden en goed te vergelijken met anderen. Bij "
            "minder dan enkele tientallen reacties springt de score flink op en neer. De "
            "vervolgvraag 'Waarom geeft u dit cijfer?' levert meestal meer verbeterpunten op dan "
            "de score zelf.",
            "en": "One question, so easy to keep up and easy to compare with others. With fewer "
            "than a few dozen responses the score jumps up and down considerably. The follow-up "
            "question 'Why do you give this score?' usually yields more improvement points than "
            "the score itself.",
        },
    ),
    Entry(
        key="customer_retention",
        area="customers",
        name={"nl": "Klantbehoud", "en": "Customer retention"},
        definition={
            "nl": "Aantal klanten dat zowel in de 12 maanden vóór de afgelopen 12 maanden als in "
            "de afgelopen 12 maanden iets kocht, gedeeld door het aantal klanten dat in die "
            "eerdere 12 maanden iets kocht, × 100. De afgelopen 12 maanden lopen tot en met de "
            "peildatum.",
            "en": "Number of customers who bought both in the 12 months before the last 12 "
            "months and in the last 12 months, divided by the number of customers who bought in "
            "those earlier 12 months, × 100. The last 12 months run up to and including the "
            "reference date.",
        },
        unit="percent",
        direction="higher",
        frequency="quarter",
        aggregation="last",
        decimals=1,
        data_source={
            "nl": "Boekhouding of CRM: facturen per klant met factuurdatum",
            "en": "Accounts or CRM: invoices per customer with invoice date",
        },
        insight={
            "nl": "De keerzijde van klantverloop; een klant behouden is meestal goedkoper dan een "
            "nieuwe winnen. Elke klant telt even zwaar, dus het verlies van één grote klant valt "
            "weg tussen de kleine; kijk ook naar de omzet van de behouden klanten.",
            "en": "The flip side of customer churn; keeping a customer is usually cheaper than "
            "winning a new one. Every customer counts equally, so losing one large customer "
            "disappears among the small ones; also look at the revenue of retained customers.",
        },
    ),
    # --------------------------------------------------------------------- people
    Entry(
        key="absenteeism",
        area="people",
        name={"nl": "Ziekteverzuimpercentage", "en": "Sickness absence rate"},
        definition={
            "nl": "Aantal kalenderdagen ziekteverzuim in de periode, gedeeld door het totaal "
            "aantal beschikbare kalenderdagen van alle medewerkers in de periode, × 100. Weeg "
            "beide naar de omvang van het dienstverband (deeltijdfactor). Zwangerschaps- en "
            "bevallingsverlof tellen niet mee.",
            "en": "Number of calendar days of sickness absence in the period, divided by the "
            "total number of available calendar days of all employees in the period, × 100. "
            "Weight both by the size of the employment contract (part-time factor). Pregnancy "
            "and maternity leave do not count.",
        },
        unit="percent",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Verzuimregistratie in de salarisadministratie of bij de arbodienst",
            "en": "Absence registration in payroll or with the occupational health service",
        },
        insight={
            "nl": "Te vergelijken met branchecijfers van het CBS en arbodiensten, omdat die op "
            "dezelfde manier rekenen. In een klein team bepaalt één langdurig zieke het hele "
            "percentage; de meldingsfrequentie (ziekmeldingen per medewerker per jaar) zegt meer "
            "over kort verzuim en werkdruk.",
            "en": "Comparable with sector figures from Statistics Netherlands (CBS) and "
            "occupational health services, because they calculate it the same way. In a small "
            "team one long-term sick employee determines the whole percentage; the absence "
            "frequency (sick reports per employee per year) says more about short absences and "
            "work pressure.",
        },
    ),
    Entry(
        key="employee_satisfaction",
        area="people",
        name={"nl": "Medewerkerstevredenheid", "en": "Employee satisfaction"},
        definition={
            "nl": "Aantal medewerkers dat in het medewerkersonderzoek een 4 of 5 geeft op de "
            "vraag 'Hoe tevreden ben je over je werk bij ons?' (schaal 1 tot en met 5), gedeeld "
            "door het aantal medewerkers dat de vraag heeft beantwoord, × 100.",
            "en": "Number of employees who answer 4 or 5 in the employee survey to the question "
            "'How satisfied are you with your work here?' (scale 1 to 5), divided by the number "
            "of employees who answered the question, × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="year",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Medewerkersonderzoek (anonieme enquête), bijvoorbeeld eens per jaar",
            "en": "Employee survey (anonymous questionnaire), for example once a year",
        },
        insight={
            "nl": "Tevreden medewerkers verzuimen minder en blijven langer. In kleine teams is "
            "anonimiteit lastig, waardoor mensen voorzichtig antwoorden; vermeld ook de respons. "
            "Bespreek de uitkomst in het werkoverleg, anders daalt de respons de volgende keer.",
            "en": "Satisfied employees are absent less and stay longer. In small teams anonymity "
            "is hard, so people answer cautiously; also report the response rate. Discuss the "
            "outcome in the team meeting, or the response will drop next time.",
        },
    ),
    Entry(
        key="staff_turnover",
        area="people",
        name={"nl": "Personeelsverloop", "en": "Staff turnover"},
        definition={
            "nl": "Aantal medewerkers dat in de periode uit dienst is gegaan, gedeeld door het "
            "gemiddeld aantal medewerkers in dienst in de periode, × 100. Houd vrijwillig "
            "vertrek apart van vertrek op initiatief van de werkgever en van aflopende tijdelijke "
            "contracten.",
            "en": "Number of employees who left in the period, divided by the average number of "
            "employees in the period, × 100. Keep voluntary departures apart from departures "
            "initiated by the employer and from fixed-term contracts ending.",
        },
        unit="percent",
        direction="lower",
        frequency="quarter",
        aggregation="sum",
        decimals=1,
        data_source={
            "nl": "Personeels- of salarisadministratie: datum in en uit dienst en reden van "
            "vertrek",
            "en": "HR or payroll records: start and end dates and reason for leaving",
        },
        insight={
            "nl": "Elk vertrek kost werving, inwerktijd en kennis. Enig verloop is gezond; vooral "
            "vrijwillig vertrek van goede mensen is een signaal. De kwartaalpercentages tellen "
            "op tot een jaarcijfer, omdat ze op het gemiddelde personeelsbestand zijn gebaseerd.",
            "en": "Every departure costs recruitment, onboarding time and knowledge. Some "
            "turnover is healthy; voluntary departures of good people especially are a signal. "
            "Quarterly percentages add up to an annual figure, because they are based on average "
            "headcount.",
        },
    ),
    Entry(
        key="training_hours",
        area="people",
        name={"nl": "Opleidingsuren per medewerker", "en": "Training hours per employee"},
        definition={
            "nl": "Totaal aantal uren dat medewerkers in de periode hebben besteed aan opleiding, "
            "training en cursussen (intern en extern, inclusief e-learning), gedeeld door het "
            "gemiddeld aantal medewerkers in de periode.",
            "en": "Total number of hours employees spent on education, training and courses in "
            "the period (internal and external, including e-learning), divided by the average "
            "number of employees in the period.",
        },
        unit="hours",
        direction="higher",
        frequency="quarter",
        aggregation="sum",
        decimals=1,
        data_source={
            "nl": "Urenregistratie of opleidingsadministratie",
            "en": "Time registration or training records",
        },
        insight={
            "nl": "Laat zien of je investeert in vakmanschap, maar uren zeggen niets over wat er "
            "is geleerd of wordt toegepast. Een gemiddelde kan verbergen dat een paar mensen "
            "alle opleiding krijgen en de rest niets.",
            "en": "Shows whether you invest in skills, but hours say nothing about what was "
            "learned or is being applied. An average can hide that a few people get all the "
            "training and the rest none.",
        },
    ),
    Entry(
        key="billable_hours_ratio",
        area="people",
        name={"nl": "Declarabiliteit", "en": "Billable hours ratio"},
        definition={
            "nl": "Aantal declarabele uren (uren die aan klanten worden gefactureerd) in de "
            "periode, gedeeld door het aantal beschikbare uren in de periode (contracturen min "
            "vakantie, feestdagen en verlof), × 100.",
            "en": "Number of billable hours (hours invoiced to customers) in the period, divided "
            "by the number of available hours in the period (contract hours minus holidays, "
            "public holidays and leave), × 100.",
        },
        unit="percent",
        direction="higher",
        frequency="month",
        aggregation="average",
        decimals=1,
        data_source={
            "nl": "Urenregistratie: uren per medewerker per klant of project",
            "en": "Time registration: hours per employee per customer or project",
        },
        insight={
            "nl": "De kern-KPI voor dienstverleners en projectbedrijven. Een te hoge "
            "declarabiliteit laat geen ruimte voor opleiding, verbetering en acquisitie; kies "
            "een realistisch niveau per functie. Het werkt alleen als uren eerlijk en op tijd "
            "worden geschreven.",
            "en": "The core KPI for service and project businesses. A ratio that is too high "
            "leaves no room for training, improvement and sales work; choose a realistic level "
            "per role. It only works if hours are recorded honestly and on time.",
        },
    ),
    # ---------------------------------------------------------------------- other
    Entry(
        key="safety_incidents",
        area="other",
        name={"nl": "Aantal veiligheidsincidenten", "en": "Safety incidents"},
        definition={
            "nl": "Aantal arbeidsongevallen met letsel (met en zonder verzuim) dat in de periode "
            "is geregistreerd. Bijna-ongevallen, waarbij niemand gewond raakte, registreer je "
            "apart.",
            "en": "Number of occupational accidents with injury (with or without absence from "
            "work) registered in the period. Near misses, where nobody was hurt, are registered "
            "separately.",
        },
        unit="count",
        direction="lower",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source={
            "nl": "Ongevallenregister (verplicht voor ongevallen met meer dan drie werkdagen "
            "verzuim) en meldingen van medewerkers",
            "en": "Accident register (mandatory for accidents with more than three working days "
            "of absence) and reports from employees",
        },
        insight={
            "nl": "Een daling kan ook betekenen dat er minder wordt gemeld; moedig het melden van "
            "bijna-ongevallen juist aan, want daar leer je het meest van. Ongevallen met de dood, "
            "blijvend letsel of een ziekenhuisopname als gevolg moet je direct melden bij de "
            "Nederlandse Arbeidsinspectie.",
            "en": "A drop can also mean that fewer incidents are reported; encourage reporting "
            "near misses, because that is where you learn most. Accidents resulting in death, "
            "permanent injury or hospital admission must be reported immediately to the "
            "Netherlands Labour Authority (Nederlandse Arbeidsinspectie).",
        },
    ),
    Entry(
        key="energy_use_per_unit",
        area="other",
        name={"nl": "Energieverbruik per eenheid product", "en": "Energy use per unit produced"},
        definition={
            "nl": "Totaal energieverbruik in de periode in kWh, gedeeld door het aantal in de "
            "periode geproduceerde eenheden. Reken gas om naar kWh met de calorische waarde op "
            "de energienota (ongeveer 9,77 kWh per m³).",
            "en": "Total energy use in the period in kWh, divided by the number of units "
            "produced in the period. Convert gas to kWh using the calorific value on the energy "
            "bill (about 9.77 kWh per m³).",
        },
        unit="ratio",
        direction="lower",
        frequency="month",
        aggregation="average",
        decimals=2,
        data_source={
            "nl": "Energiemeters of slimme meter en de energienota; ERP: geproduceerde aantallen",
            "en": "Energy meters or smart meter and the energy bill; ERP: quantities produced",
        },
        insight={
            "nl": "Laat zien of je zuiniger produceert, los van hoeveel je produceert. "
            "Verlichting, verwarming en sluipverbruik lopen door als de productie daalt, "
            "waardoor het cijfer in rustige periodes stijgt; ook het weer beïnvloedt het "
            "gasverbruik.",
            "en": "Shows whether you produce more efficiently, regardless of how much you "
            "produce. Lighting, heating and standby use continue when production drops, so the "
            "figure rises in quiet periods; the weather also affects gas use.",
        },
    ),
)
