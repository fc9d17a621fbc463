"""Several servers (docs/deploy.md): two app servers and two workers on one PostgreSQL.

Runs in the PostgreSQL pass of CI (skips on SQLite). It shows that a login on
one server works on the other (sessions in the database), that a report
subscription is mailed once when both servers run `koers send-reports` at the
same moment, that queued jobs run once each with two workers polling, that a
data load (a web import confirmed as a background job) runs once, and that a
stale save is refused: the second of two saves started from the same value
answers 409, also when both arrive at the same moment on different servers.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings

from koers.dataentry.models import ImportBatch
from koers.jobs.models import Job, start_job
from koers.jobs.tests.tasks import tally
from koers.kpis.models import Measurement, MeasurementChange
from koers.organisations.models import Membership, Organisation, Unit
from koers.reports.models import SentReport, Subscription
from koers.testing import PASSWORD, add_values, make_kpi

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


def wait_for(port: int, seconds: float = 240) -> None:
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


def login(port: int, jar) -> urllib.request.OpenerDirector:
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
    return opener


def csrf(jar) -> str:
    return next(c.value for c in jar if c.name == "csrftoken")


def post(opener, jar, url: str, fields: dict, files: dict | None = None) -> int:
    """POST a form (multipart when ``files``); the status code, redirects not followed."""
    fields = {**fields, "csrfmiddlewaretoken": csrf(jar)}
    if files:
        boundary = "koers-test-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        for name, (filename, data) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
            )
            parts.append(head.encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        kind = f"multipart/form-data; boundary={boundary}"
    else:
        body, kind = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, body, headers={"Referer": url, "Content-Type": kind})
    no_redirect = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), _NoRedirect()
    )
    try:
        with no_redirect.open(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


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


def _value_form_version(opener, port: int, period: str = "2025-01") -> str:
    url = f"http://127.0.0.1:{port}/acme/kpis/OT-1/?period={period}"
    page = opener.open(url).read().decode()
    # The value form's own version (the trend settings forms on the page carry theirs).
    form = re.search(r'<form[^>]*action="/acme/kpis/OT-1/values/".*?</form>', page, re.S)
    return re.search(r'name="version" value="([^"]*)"', form.group(0)).group(1)


def test_it_refuses_a_stale_save_on_the_other_server(cluster):
    org, unit, alice = make_company()
    kpi = org.kpis.get(code="OT-1")
    add_values(kpi, date(2025, 1, 1), [10])
    first, second = cluster["ports"]
    jar = http.cookiejar.CookieJar()
    opener = login(first, jar)
    version_one = _value_form_version(opener, first)
    version_two = _value_form_version(opener, second)
    assert version_one == version_two == "2025-01=10"
    form = {"period": "2025-01", "comment": ""}
    url = "http://127.0.0.1:{}/acme/kpis/OT-1/values/"
    saved = post(opener, jar, url.format(first), {**form, "value": "11", "version": version_one})
    assert saved == 302
    history = MeasurementChange.objects.count()
    status = post(opener, jar, url.format(second), {**form, "value": "12", "version": version_two})
    assert status == 409
    assert Measurement.objects.get(kpi=kpi).value == 11
    assert MeasurementChange.objects.count() == history  # nothing saved, nothing logged


def _save_at_once(ports: list[int], period: str, values: list[int]) -> list[int]:
    """One save per server, each from the value its form showed, released together."""
    statuses: list[int] = []
    gate = threading.Barrier(len(ports))

    def save(port: int, value: int) -> None:
        jar = http.cookiejar.CookieJar()
        opener = login(port, jar)
        version = _value_form_version(opener, port, period)
        fields = {"period": period, "comment": "", "value": str(value), "version": version}
        gate.wait(60)
        url = f"http://127.0.0.1:{port}/acme/kpis/OT-1/values/"
        statuses.append(post(opener, jar, url, fields))

    threads = [threading.Thread(target=save, args=pair) for pair in zip(ports, values, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


def test_it_lets_one_of_two_simultaneous_saves_from_the_same_value_pass(cluster):
    """Both saves start from the same value and reach different servers at once: the stale
    check and the write are one locked step, so exactly one is saved, the other gets 409."""
    org, unit, alice = make_company()
    kpi = org.kpis.get(code="OT-1")
    add_values(kpi, date(2025, 1, 1), [10, 20, 30, 40, 50])
    for month in range(1, 6):
        history = MeasurementChange.objects.count()
        statuses = _save_at_once(cluster["ports"], f"2025-{month:02d}", [101, 102])
        assert sorted(statuses) == [302, 409], (month, statuses)
        assert MeasurementChange.objects.count() == history + 1


def test_it_runs_a_data_load_once_with_two_workers(cluster):
    """A web import of more than 5,000 rows is written by a background job (dataentry's
    apply_import): with two workers polling, its values are written once."""
    org, unit, alice = make_company()
    first, _second = cluster["ports"]
    jar = http.cookiejar.CookieJar()
    opener = login(first, jar)
    lines = [f"OT-1;{1000 + i // 12}-{i % 12 + 1:02d};{i}" for i in range(6000)]
    data = ("KPI;Periode;Waarde\r\n" + "\r\n".join(lines) + "\r\n").encode()
    base = f"http://127.0.0.1:{first}/acme/import/"
    upload = post(opener, jar, base, {"decimal": ","}, files={"file": ("load.csv", data)})
    assert upload == 302
    batch = ImportBatch.objects.get()
    assert batch.result["rows"] == 6000 and batch.result["ok"], batch.result
    assert post(opener, jar, f"{base}{batch.pk}/confirm/", {}) == 302
    deadline = time.monotonic() + 180
    while not Job.objects.filter(kind="import-apply", status=Job.Status.DONE).exists():
        failed = Job.objects.filter(status=Job.Status.FAILED).first()
        assert failed is None, failed.message
        assert time.monotonic() < deadline, "the workers did not write the import"
        time.sleep(0.5)
    time.sleep(2)  # a second run, if any, would show by now
    assert Job.objects.filter(kind="import-apply").count() == 1
    assert Measurement.objects.count() == 6000
    assert MeasurementChange.objects.count() == 6000  # each value written (and logged) once
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
