from django.utils.translation import gettext_lazy as _
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from koers.commands import KoersCommand


class Command(KoersCommand, DatabaseWorker):
    help = _(
        "Run background jobs (imports, data loads, PDFs, large exports, mail) from the "
        "queue in the database. Run one or more on every server; each job runs once. "
        "With --max-tasks N the worker exits after N jobs, so a supervisor that "
        "restarts it keeps its memory bounded."
    )
