"""Several servers (docs/deploy.md): two app servers and two workers on one PostgreSQL.

Runs in the PostgreSQL pass of CI (skips on SQLite). It shows that a login on
one server works on the other (sessions in the database), that a report
subscription is mailed once when both servers run `koers send-reports` at the
same moment, and that queued jobs run once each with two workers polling.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings

from koers.jobs.models import Job, start_job
from koers.jobs.tests.tasks import tally
from koers.organisations.models import Membership, Organisation, Unit
from koers.reports.models import SentReport, Subscription
from koers.testing import PASSWORD, make_kpi

KOERS = [sys.executable, "-c", "from koers.cli import main; main()"]
SRC = str(Path(__file__).resolve().parents[2])
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(data_dir: Path) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    env.update(
        PYTHONPATH=SRC,
        KOERS_DATABASE_URL=url,
        KOERS_DATA_DIR=str(data_dir),
        KOERS_SECRET_KEY="one-secret-key-for-every-server-0123456789-abcdefghij",
        KOERS_TASKS="database",
        KOERS_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        KOERS_EMAIL_FILE_PATH=str(data_dir / "mail"),
    )
    return env


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise AssertionError(f"no server on port {port}")


@pytest.fixture
def cluster():
    if connection.vendor != "postgresql":
        pytest.skip("several servers share one PostgreSQL database")
    data_dir = Path(tempfile.mkdtemp())
    env = server_env(data_dir)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [*KOERS, "serve", "--port", str(p), "--workers", "1", "--threads", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ] + [
        subprocess.Popen(
            [*KOERS, "worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        for port in ports:
            wait_for(port)
        yield {"ports": ports, "env": env, "data_dir": data_dir}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def make_company():
    org = Organisation.objects.create(name="Acme", slug="acme")
    unit = Unit.objects.create(organisation=org, name="Acme", slug="acme", kind="company")
    alice = get_user_model().objects.create_user("alice", "alice@example.nl", PASSWORD)
    Membership.objects.create(organisation=org, user=alice, role="admin")
    make_kpi(org, unit, "OT-1")
    return org, unit, alice


def login(port: int, jar) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/accounts/login/",
        data,
        headers={"Referer": f"http://127.0.0.1:{port}/accounts/login/"},
    )
    opener.open(request).read()


def test_it_keeps_a_login_across_servers(cluster):
    make_company()
    first, second = cluster["ports"]
    jar = http.cookiejar.CookieJar()
    login(first, jar)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    response = opener.open(f"http://127.0.0.1:{second}/acme/")
    assert response.status == 200
    assert response.url.endswith("/acme/")  # not sent back to the login page
    assert "Acme" in response.read().decode()


def test_it_mails_a_report_once_when_every_server_runs_send_reports(cluster):
    org, unit, alice = make_company()
    Subscription.objects.create(organisation=org, user=alice, unit=unit)
    runs = [
        subprocess.Popen(
            [*KOERS, "send-reports", "--today", "2025-03-10"],
            env=cluster["env"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0].decode() for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert SentReport.objects.count() == 1
    mails = list((cluster["data_dir"] / "mail").glob("*.log"))
    sent = sum(path.read_text().count("\nSubject: ") for path in mails)
    assert sent == 1, outputs


def test_it_runs_each_queued_job_once_with_two_workers(cluster):
    org, _unit, alice = make_company()
    with override_settings(TASKS=DATABASE_TASKS):
        jobs = [start_job(tally, organisation=org, user=alice, kind="tally").pk for _ in range(20)]
    deadline = time.monotonic() + 120
    while Job.objects.filter(pk__in=jobs, status=Job.Status.DONE).count() < len(jobs):
        assert time.monotonic() < deadline, "the workers did not run every job"
        time.sleep(0.3)
    time.sleep(1)  # a second run, if any, would show by now
    assert sorted(set(Job.objects.filter(pk__in=jobs).values_list("done", flat=True))) == [1]
