"""Sending subscribed reports by e-mail: what is due, once, with what changed.

``send_due_reports`` is what ``koers send-reports`` (run daily from cron) calls. A monthly
subscription is due for the last closed month, a quarterly one for the last closed quarter;
a report is sent once per subscription and period (``SentReport`` is unique on both), so
running it twice, or daily, never sends anything twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from koers.organisations.access import Access
from koers.periods import Frequency, Period, last_finished
from koers.trends.verdicts import VERDICT_LABELS

from . import render as renderers
from .content import Report, build_report
from .models import SentReport, Subscription

NO_ADDRESS = gettext_noop("no e-mail address")
NOT_A_MEMBER = gettext_noop("no longer a member")


@dataclass
class Outcome:
    subscription: Subscription
    period: Period
    status: str  # "sent", "would_send", "skipped"
    reason: str = ""  # untranslated: NO_ADDRESS, NOT_A_MEMBER (translate when shown)
    changes: list[str] = field(default_factory=list)


def due_period(subscription: Subscription, today: date) -> Period:
    frequency = (
        Frequency.QUARTER
        if subscription.frequency == Subscription.Frequency.QUARTERLY
        else Frequency.MONTH
    )
    return last_finished(frequency, today)


def verdict_changes(previous: dict | None, report: Report) -> list[str]:
    """Lines saying which KPIs changed verdict since the previous sent report."""
    if not previous:
        return []
    lines = []
    for code, now in report.verdicts().items():
        before = previous.get(code)
        if before is None or before.get("verdict") == now["verdict"]:
            continue
        # The earlier report may have been in another language: name its verdict in this one.
        old_verdict = before.get("verdict")
        old = (
            str(VERDICT_LABELS[old_verdict])
            if old_verdict in VERDICT_LABELS
            else before.get("label") or _("not judged yet")
        )
        new = now["label"] or _("not judged yet")
        lines.append(f"{code} {now['name']}: {old} → {new}")
    return lines


def message_body(report: Report, changes: list[str], first: bool, url: str) -> str:
    lines = [
        _("Report %(unit)s, %(period)s (%(org)s).")
        % {
            "unit": report.unit_name,
            "period": report.period_long_label,
            "org": report.organisation_name,
        },
        "",
    ]
    if first:
        lines.append(
            _(
                "This is the first report of this subscription; next time this e-mail says "
                "which KPIs changed verdict."
            )
        )
    elif changes:
        lines.append(_("KPIs whose trend verdict changed since the last report:"))
        lines.extend(f"- {line}" for line in changes)
    else:
        lines.append(_("No KPI changed its trend verdict since the last report."))
    lines += ["", _("The full report is attached as PDF and online at:"), url, ""]
    lines.append(_("You receive this e-mail because you asked for it in Koers (Report e-mails)."))
    return "\n".join(lines)


def _member(subscription: Subscription) -> bool:
    return Access.for_user(subscription.user, subscription.organisation) is not None


def send_due_reports(today: date, dry_run: bool = False) -> list[Outcome]:
    """Send every report that is due and not sent before; return what happened."""
    outcomes = []
    subscriptions = Subscription.objects.select_related("organisation", "unit", "user").order_by(
        "organisation_id", "unit__order", "id"
    )
    for subscription in subscriptions:
        period = due_period(subscription, today)
        if subscription.sent.filter(period=period.key).exists():
            continue
        if not subscription.user.email or not subscription.user.is_active:
            outcomes.append(Outcome(subscription, period, "skipped", NO_ADDRESS))
            continue
        if not _member(subscription):
            outcomes.append(Outcome(subscription, period, "skipped", NOT_A_MEMBER))
            continue
        report = build_report(
            subscription.organisation,
            subscription.unit,
            period,
            subscription.group,
            subscription.lang,
            today,
        )
        last = subscription.sent.order_by("-sent_at", "-id").first()
        with translation.override(report.lang):
            changes = verdict_changes(last.verdicts if last else None, report)
        if dry_run:
            outcomes.append(Outcome(subscription, period, "would_send", changes=changes))
            continue
        if _send(subscription, period, report, changes, first=last is None):
            outcomes.append(Outcome(subscription, period, "sent", changes=changes))
    return outcomes


def _send(subscription, period: Period, report: Report, changes, first: bool) -> bool:
    try:
        with transaction.atomic():
            # Claim the period first: a second run at the same time fails here, not in the mail.
            SentReport.objects.create(
                subscription=subscription, period=period.key, verdicts=report.verdicts()
            )
            url = (
                settings.SITE_URL
                + reverse("report", args=[report.organisation_slug, report.unit_slug])
                + f"?period={period.key}&group={report.group}"
            )
            with translation.override(report.lang):
                subject = _("Koers report %(unit)s, %(period)s") % {
                    "unit": report.unit_name,
                    "period": report.period_long_label,
                }
                body = message_body(report, changes, first, url)
            email = EmailMessage(subject, body, to=[subscription.user.email])
            email.attach(
                renderers.filename(report, "pdf"), renderers.render_pdf(report), "application/pdf"
            )
            email.send()
    except IntegrityError:
        return False
    return True
