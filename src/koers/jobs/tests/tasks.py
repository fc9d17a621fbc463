"""Tasks the jobs tests queue (a task must live in an importable module)."""

from django.db.models import F
from django_tasks import task

from koers.jobs.models import Job, running


@task()
def count_to(job_id: int, n: int) -> int:
    with running(job_id) as job:
        for i in range(1, n + 1):
            job.advance(i, n)
        job.succeed({"counted": n}, message=f"Counted to {n}.")
    return n


@task()
def fail(job_id: int) -> None:
    with running(job_id):
        raise ValueError("Row 3, column B: not a number.")


@task()
def tally(job_id: int) -> None:
    """Count the runs of a job: a job run twice ends with done == 2."""
    Job.objects.filter(pk=job_id).update(done=F("done") + 1, status=Job.Status.DONE)
