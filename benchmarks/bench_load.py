"""Load test (loopback only): page views, value entry by web and API, small imports.

Run: python benchmarks/bench_load.py [--db sqlite|postgres://…/koers_bench] [--users 25,50]
     [--seconds 30] [--kpis 300] [--workers 2] [--threads 4]

Builds a throw-away organisation with 300 monthly KPIs (3 years of values) in a
temporary data directory (SQLite) or in the given PostgreSQL database (emptied
first: use a database of its own), starts `koers serve` (gunicorn) on a free
loopback port with a job worker, and lets N simulated users work for a fixed
time, each with its own session and one persistent HTTP/1.1 connection (as a browser
keeps; a reset on it counts as an error): home page, unit page, KPI page, report page
(60 % of requests), a value saved through the KPI's value form (15 %), a value
through the API (15 %) and a small import (5 values, all or nothing, through
the API's bulk endpoint; 10 %); every write confirms plausibility warnings, as a user
who means the value would (random values can jump). Prints requests/s, p50/p95 per kind, errors
(with the first reasons), on SQLite how often the server logged "database is locked", and
the server's CPU time per request (gunicorn and the job worker, measured from /proc: the
figure a machine shared with other work blurs least).
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import random
import select
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

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))
PASSWORD = "bench load passphrase 2025"
MIX = [("page", 60), ("web_value", 15), ("api_value", 15), ("import", 10)]


def setup(db: str, data_dir: str, kpis: int) -> dict:
    os.environ["KOERS_DATA_DIR"] = data_dir
    if db != "sqlite":
        os.environ["KOERS_DATABASE_URL"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from koers.api.models import issue_token
    from koers.organisations.models import Membership, Organisation, Unit
    from koers.testing import add_values, make_kpi

    call_command("migrate", verbosity=0)
    if db != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    org = Organisation.objects.create(name="Bench", slug="bench")
    top = Unit.objects.create(organisation=org, name="Bench", slug="bench", kind="company")
    units = [
        Unit.objects.create(organisation=org, parent=top, name=f"Team {i}", slug=f"team-{i}")
        for i in range(10)
    ]
    user = get_user_model().objects.create_user("bench", "bench@example.nl", PASSWORD)
    Membership.objects.create(organisation=org, user=user, role="admin")
    codes = []
    rng = random.Random(1)
    for i in range(kpis):
        kpi = make_kpi(org, units[i % len(units)], f"B-{i:03d}")
        add_values(kpi, date(2023, 1, 1), [rng.gauss(100, 10) for _ in range(36)])
        codes.append(kpi.code)
    _token, secret = issue_token(org, user, "bench")
    return {"codes": codes, "units": [u.slug for u in units], "token": secret}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StatusError(Exception):
    """An answer with an error status (4xx, 5xx)."""

    def __init__(self, status: int, path: str, body: bytes) -> None:
        super().__init__(f"HTTP {status} {path}")
        self.status, self.path, self.body = status, path, body


class Connection:
    """One persistent HTTP/1.1 connection, as a browser keeps one per site.

    A new one is opened only when there is none: at the start, after the server said it
    would close it (``Connection: close``) or closed it while it was idle, or after a request
    on it failed. A request that fails on a reused connection (a reset while the server
    answers) is not sent again: it counts as an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _closed_by_server(self) -> bool:
        """True when the server closed the idle connection (its keep-alive time is over):
        the socket is readable before anything was asked, at its end or reset."""
        sock = self.conn.sock
        if sock is None:
            return True
        if not select.select([sock], [], [], 0)[0]:
            return False
        try:
            return sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def request(self, method: str, path: str, body: bytes | None, headers: dict):
        if self.conn is not None and self._closed_by_server():
            self.close()  # as a browser does: a new connection, not an error
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        if response.will_close:
            self.close()
        return response, data


class _CookieResponse:
    """What ``http.cookiejar`` reads of a response: its headers."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.response = response

    def info(self):
        return self.response.msg


REDIRECTS = (301, 302, 303, 307, 308)


class Client:
    def __init__(self, base: str, data: dict, rng: random.Random):
        self.base, self.data, self.rng = base, data, rng
        self.jar = http.cookiejar.CookieJar()
        address = urllib.parse.urlsplit(base)
        self.connection = Connection(address.hostname, address.port)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def open(
        self, path: str, body: bytes | None = None, headers=None, cookies: bool = True
    ) -> bytes:
        """Send a request on the user's connection and follow redirects as a browser does
        (a POST answered 301, 302 or 303 becomes a GET); with ``cookies``, the user's cookies
        go along and the answer's are kept. An error status raises ``StatusError``."""
        method = "GET" if body is None else "POST"
        headers = dict(headers or {})
        for _hop in range(10):
            url = self.base + path
            if cookies:
                request = urllib.request.Request(url, headers=headers, method=method)
                self.jar.add_cookie_header(request)
                sent = {**headers, **request.unredirected_hdrs}
            else:
                sent = headers
            response, data = self.connection.request(method, path, body, sent)
            if cookies:
                self.jar.extract_cookies(_CookieResponse(response), request)
            if response.status in REDIRECTS and response.getheader("Location"):
                target = urllib.parse.urljoin(url, response.getheader("Location"))
                path = urllib.parse.urlsplit(target)._replace(scheme="", netloc="").geturl()
                if response.status in (301, 302, 303) and method == "POST":
                    method, body = "GET", None
                    headers = {
                        k: v
                        for k, v in headers.items()
                        if k.lower() not in ("content-type", "content-length")
                    }
                continue
            if response.status >= 400:
                raise StatusError(response.status, path, data)
            return data
        raise StatusError(310, path, b"too many redirects")

    def login(self) -> None:
        self.open("/accounts/login/")
        body = {"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()}
        self.post("/accounts/login/", body)

    def post(self, path: str, fields: dict):
        return self.open(
            path,
            urllib.parse.urlencode(fields).encode(),
            {
                "Referer": self.base + path,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )

    def api(self, path: str, payload) -> None:
        # The API's callers send no cookies: the token alone says who calls.
        self.open(
            "/api/v1" + path,
            json.dumps(payload).encode(),
            {
                "Authorization": f"Bearer {self.data['token']}",
                "Content-Type": "application/json",
            },
            cookies=False,
        )

    def period(self) -> str:
        return f"2025-{self.rng.randint(1, 12):02d}"

    def value(self) -> str:
        return f"{self.rng.uniform(80, 120):.2f}"

    def act(self, kind: str) -> None:
        code = self.rng.choice(self.data["codes"])
        if kind == "page":
            path = self.rng.choice(
                [
                    "/bench/",
                    f"/bench/units/{self.rng.choice(self.data['units'])}/",
                    f"/bench/kpis/{code}/",
                    f"/bench/reports/{self.rng.choice(self.data['units'])}/",
                ]
            )
            self.open(path)
        elif kind == "web_value":
            fields = {
                "period": self.period(),
                "value": self.value().replace(".", ","),
                "confirm": "1",
            }
            self.post(f"/bench/kpis/{code}/values/", {**fields, "csrfmiddlewaretoken": self.csrf()})
        elif kind == "api_value":
            value = {"period": self.period(), "value": self.value(), "confirm": True}
            self.api(f"/kpis/{code}/measurements", value)
        else:
            items = [  # five different KPIs: the same KPI and period twice is refused
                {"kpi": code, "period": self.period(), "value": self.value()}
                for code in self.rng.sample(self.data["codes"], 5)
            ]
            self.api("/measurements/bulk?confirm=true", items)


# What a failed request raises: an error status, a reset or closed connection, a timeout.
FAILURES = (StatusError, http.client.HTTPException, OSError, TimeoutError)


def _why(error: Exception) -> str:
    if isinstance(error, StatusError):
        body = error.body[:300].decode(errors="replace").replace("\n", " ")
        path = urllib.parse.urlsplit(error.path).path
        return f"HTTP {error.status} {path} {body}"
    return f"{type(error).__name__}: {error}"


def run_users(
    base: str, data: dict, users: int, seconds: float, problems: list[str], clock
) -> tuple[list[tuple[str, float, bool]], float, float]:
    """Every user logs in, then works until the time is up; each request's (kind, seconds,
    ok). A failed request (an error status, a reset, a timeout) is counted and its reason
    kept in ``problems``; a failed login counts as a failed request of kind "login". Also
    what ``clock`` counted over the timed part (after the logins), and the CPU time this
    process (the simulated users) took meanwhile: on one machine it is not the server's."""
    results: list[tuple[str, float, bool]] = []
    lock = threading.Lock()
    kinds = [k for k, weight in MIX for _ in range(weight)]
    clients = []
    for n in range(users):  # log in first, so the timed part is the work
        client = Client(base, data, random.Random(n))
        try:
            client.login()
            clients.append(client)
        except FAILURES as error:
            problems.append("login: " + _why(error))
            results.append(("login", 0.0, False))
    started, own = clock(), time.process_time()
    stop = time.monotonic() + seconds

    def user(client: Client) -> None:
        while time.monotonic() < stop:
            kind = client.rng.choice(kinds)
            started = time.monotonic()
            ok = True
            try:
                client.act(kind)
            except FAILURES as error:
                ok = False
                with lock:
                    problems.append(f"{kind}: {_why(error)}")
            with lock:
                results.append((kind, time.monotonic() - started, ok))

    threads = [threading.Thread(target=user, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.connection.close()
    return results, clock() - started, time.process_time() - own


def wait_for_server(base: str, server: subprocess.Popen, log: Path, seconds: float = 300) -> None:
    """Until the login page answers (a loaded machine can take a minute to start gunicorn)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped:\n" + log.read_text()[-2000:])
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=30).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SystemExit(f"no answer from {base} within {seconds:.0f} s")


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children, reaped or alive (Linux /proc): the server's
    own cost, which a machine shared with other work does not blur as wall times are."""
    tick = os.sysconf("SC_CLK_TCK")

    def fields(p: int) -> list[str]:
        with open(f"/proc/{p}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()

    try:
        own = fields(pid)
    except OSError:
        return 0.0
    total = sum(int(x) for x in own[11:15])  # utime stime cutime cstime
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                total += sum(int(x) for x in fields(int(child))[11:13])
            except OSError:
                pass
    return total / tick


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def report(
    label: str,
    results,
    seconds: float,
    locked: int,
    problems: list[str],
    cpu: float,
    client_cpu: float,
) -> None:
    total = len(results)
    errors = sum(1 for _, _, ok in results if not ok)
    durations = [d for _, d, _ in results]
    print(
        f"{label}: {total / seconds:6.1f} req/s  p50 {percentile(durations, 0.5) * 1000:6.0f} ms"
        f"  p95 {percentile(durations, 0.95) * 1000:6.0f} ms"
        f"  p99 {percentile(durations, 0.99) * 1000:6.0f} ms"
        f"  max {max(durations, default=0) * 1000:6.0f} ms"
        f"  errors {errors}  "
        f"'database is locked' {locked}  server CPU {cpu * 1000 / max(total, 1):.0f} ms/request"
        f"  (the users' own {client_cpu * 1000 / max(total, 1):.1f})"
    )
    for kind, _ in MIX:
        mine = [d for k, d, _ in results if k == kind]
        print(f"    {kind:10} n={len(mine):5}  p95 {percentile(mine, 0.95) * 1000:6.0f} ms")
    for reason in sorted(set(problems))[:5]:
        print(f"    error: {reason} (×{problems.count(reason)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--users", default="25,50")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--kpis", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        data = setup(args.db, data_dir, args.kpis)
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(SRC), "KOERS_DATA_DIR": data_dir}
        log = Path(data_dir) / "server.log"
        koers = [sys.executable, "-c", "from koers.cli import main; main()"]
        with log.open("w") as out:
            server = subprocess.Popen(
                [*koers, "serve", "--port", str(port), "--workers", str(args.workers)]
                + ["--threads", str(args.threads), "--max-requests", "2000"]
                + ["--max-requests-jitter", "200"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            worker = subprocess.Popen(
                [*koers, "worker", "--no-reload"], env=env, stdout=out, stderr=out
            )
            try:
                base = f"http://127.0.0.1:{port}"

                def used() -> float:
                    return cpu_seconds(server.pid) + cpu_seconds(worker.pid)

                wait_for_server(base, server, log)
                print(f"{args.kpis} KPIs, {args.db.split('@')[-1]}, {args.workers}×{args.threads}")
                for users in [int(u) for u in args.users.split(",")]:
                    before = log.read_text().count("database is locked")
                    problems: list[str] = []
                    results, cpu, own = run_users(base, data, users, args.seconds, problems, used)
                    locked = log.read_text().count("database is locked") - before
                    report(f"{users:3} users", results, args.seconds, locked, problems, cpu, own)
            finally:
                server.terminate()
                worker.terminate()
                server.wait(30)
                worker.wait(30)


if __name__ == "__main__":
    main()
