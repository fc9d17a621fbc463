"""Background jobs a person can follow, and units of scheduled work claimed once.

The work itself runs through Django's tasks API (``django_tasks``; ``django.tasks``
from Django 6): a task is a function decorated with ``@task()`` and queued with
``.enqueue()``; ``koers worker`` runs the queue stored in the database. A
:class:`Job` is the part a person sees: who started it, how far it is (done of
total), and its outcome (a message, a small JSON result).

A :class:`Claim` makes scheduled commands (``koers remind``, ``koers send-reports``,
data refreshes) safe to run from every server at once: whoever inserts the claim
row first does the work, the others skip it (a unique constraint decides, on
SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import os
import socket
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="jobs", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("job", args=[self.organisation.slug, self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """How far the job is, 0–100, or None while the total is unknown."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    def advance(self, done: int, total: int | None = None) -> None:
        """Record progress (from inside the task; one UPDATE, no other field touched)."""
        self.done = done
        fields = {"done": done, "status": self.Status.RUNNING}
        if total is not None:
            self.total = fields["total"] = total
        self.status = self.Status.RUNNING
        Job.objects.filter(pk=self.pk).update(**fields)

    def succeed(self, result: dict | None = None, message: str = "") -> None:
        self._finish(self.Status.DONE, result or {}, message)

    def fail(self, message: str, result: dict | None = None) -> None:
        self._finish(self.Status.FAILED, result or {}, message)

    def _finish(self, status: str, result: dict, message: str) -> None:
        self.status, self.result, self.message = status, result, str(message)
        self.finished_at = timezone.now()
        if status == self.Status.DONE and self.total is not None:
            self.done = self.total
        self.save(update_fields=["status", "result", "message", "finished_at", "done"])


def start_job(task, *, organisation, user, kind: str, title: str = "", args=(), kwargs=None):
    """Create a job and queue ``task(job_id, *args, **kwargs)`` for it; return the job.

    With the database queue a worker (``koers worker``) picks the task up once
    the current transaction commits; with ``KOERS_TASKS=immediate`` (and in
    tests) it runs at once, inside this call. Arguments must be JSON: ids and
    strings, never model instances or files.
    """
    job = Job.objects.create(organisation=organisation, user=user, kind=kind, title=title)
    result = task.enqueue(job.pk, *args, **(kwargs or {}))
    job.task_id = str(result.id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)
    job.refresh_from_db()
    return job


@contextmanager
def running(job_id: int):
    """Inside a task: the job, marked running; failed with the error's message if it raises.

    ``with running(job_id) as job: ...; job.succeed({...})`` — a job left
    unfinished by the block is marked done.
    """
    job = Job.objects.select_related("organisation").get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    job.status = Job.Status.RUNNING
    try:
        yield job
    except Exception as error:
        job.fail(str(error) or type(error).__name__)
        raise
    if not job.finished:
        job.succeed(job.result)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


class Claim(models.Model):
    """One unit of scheduled work, done once however many servers try (see :func:`claim`)."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="claims", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    claimed_by = models.CharField(_("claimed by"), max_length=100)
    claimed_at = models.DateTimeField(_("claimed"), auto_now_add=True)

    class Meta:
        verbose_name = _("claimed work")
        verbose_name_plural = _("claimed work")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "key"], name="claimed_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.claimed_by})"


@contextmanager
def claim(organisation, kind: str, key: str):
    """``with claim(org, "send-report", "2025-01:42") as mine: if mine: ...``

    ``mine`` is True for exactly one caller across every server; the others
    get False and must skip the work. If the work raises, the claim is given
    back so that the next run tries again.
    """
    try:
        with transaction.atomic():
            row = Claim.objects.create(
                organisation=organisation, kind=kind, key=key[:200], claimed_by=worker_name()
            )
    except IntegrityError:
        yield False
        return
    try:
        yield True
    except BaseException:
        Claim.objects.filter(pk=row.pk).delete()
        raise
