"""Mail goes out in the background, never inside a request.

A request renders its messages (subject, text, HTML: what the person saw) and queues them with
:func:`queue_mail`; a task (``koers worker``; at once with ``KOERS_TASKS=immediate`` and in
tests) hands them to the mail server. With an organisation the sending is a :class:`Job` the
person can follow: when the mail server cannot be reached or refuses, the job fails with a
clear message (nothing else is lost) instead of the request hanging or answering 500. Without
one (the password reset of someone not logged in) the failure is logged.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Job, running, start_job

logger = logging.getLogger(__name__)
MAIL_ERRORS = (smtplib.SMTPException, OSError)  # smtplib's connection errors are OSErrors


def message(subject: str, body: str, to: list[str], html: str | None = None) -> dict:
    """One mail as JSON for the queue."""
    return {"subject": subject, "body": body, "to": list(to), "html": html}


def _deliver(messages: list[dict]) -> int:
    """Send ``messages`` over one connection; returns the number of recipients."""
    mails = []
    for m in messages:
        mail = EmailMultiAlternatives(m["subject"], m["body"], settings.DEFAULT_FROM_EMAIL, m["to"])
        if m.get("html"):
            mail.attach_alternative(m["html"], "text/html")
        mails.append(mail)
    with get_connection() as connection:
        connection.send_messages(mails)
    return sum(len(m["to"]) for m in messages)


@task()
def send_job(
    job_id: int, messages: list[dict], lang: str, done: str, url: str = "", failed: str = ""
) -> None:
    """Send the messages of a job; ``done`` is its message once sent, ``failed`` (with
    ``%(error)s``) when the mail server cannot be reached or refuses."""
    with running(job_id) as job, translation.override(lang):
        try:
            _deliver(messages)
        except MAIL_ERRORS as error:
            logger.warning("mail of job %s not sent: %s", job_id, error)
            failed = failed or _(
                "The mail could not be sent: the mail server cannot be reached or refused "
                "the message (%(error)s). Nothing is lost; try again later."
            )
            job.fail(failed % {"error": error.__class__.__name__}, {"url": url} if url else {})
            return
        job.succeed({"url": url} if url else {}, done)


@task()
def send_plain(messages: list[dict]) -> None:
    """Send messages nobody follows as a job (failures are logged)."""
    try:
        _deliver(messages)
    except MAIL_ERRORS as error:
        logger.warning("mail to %s not sent: %s", [m["to"] for m in messages], error)


def queue_mail(
    messages: list[dict], *, organisation=None, user=None, title="", done="", url="", failed=""
) -> Job | None:
    """Queue ``messages``; with an organisation as a job (returned; in immediate mode it is
    already finished), else as a plain task (None)."""
    if organisation is None:
        send_plain.enqueue(messages)
        return None
    lang = translation.get_language() or settings.LANGUAGE_CODE
    return start_job(
        send_job,
        organisation=organisation,
        user=user,
        kind="mail",
        title=title,
        args=(messages, lang, str(done), url, str(failed)),
    )
