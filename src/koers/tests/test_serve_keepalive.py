"""``koers serve`` keeps an idle connection open for the browser's next request (``--keepalive``,
75 s), not gunicorn's own 2 s: at 2 s a browser that paused for two seconds reused a
connection just as the server closed it, and saw "connection reset" (issue 13: resets on
reused keep-alive connections under load, one of them on an import POST)."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from koers.management.commands.serve import KEEPALIVE

from .test_several_servers import free_port, wait_for

KOERS = [sys.executable, "-c", "from koers.cli import main; main()"]
SRC = str(Path(__file__).resolve().parents[2])


def test_it_answers_on_a_connection_idle_longer_than_gunicorns_own_keepalive():
    assert KEEPALIVE >= 60
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    env.update(PYTHONPATH=SRC, KOERS_DATA_DIR=tempfile.mkdtemp())
    port = free_port()
    server = subprocess.Popen(
        [*KOERS, "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        answers = []
        for pause in (0, 3):  # 3 s: past gunicorn's own keep-alive of 2 s
            time.sleep(pause)
            connection.request("GET", "/accounts/login/")
            response = connection.getresponse()
            answers.append((response.status, b'name="password"' in response.read()))
            assert not response.will_close
        assert answers == [(200, True), (200, True)]  # the same connection, both answered
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
