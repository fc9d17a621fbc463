"""`koers trend` as a management command: the pure CLI, arguments untouched."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

WHEELER = "5045 4350 4350 3975 4290 4430 4485 4285 3980 3925 3645 3760 3300 3685 3463 5200"


@pytest.fixture
def wheeler(tmp_path):
    path = tmp_path / "wheeler.txt"
    path.write_text("\n".join(WHEELER.split()) + "\n")
    return path


def test_it_prints_the_json_contract_for_wheelers_data(wheeler):
    out = io.StringIO()
    call_command("trend", "--json", "--direction", "higher", str(wheeler), stdout=out)
    d = json.loads(out.getvalue())
    assert d["n"] == 16
    assert d["limits"]["centre"] == pytest.approx(4135.50, abs=0.01)
    assert d["limits"]["mr_bar"] == pytest.approx(355.93, abs=0.01)
    assert d["limits"]["lnpl"] == pytest.approx(3188.72, abs=0.01)
    assert d["limits"]["unpl"] == pytest.approx(5082.28, abs=0.01)
    assert d["limits"]["url"] == pytest.approx(1163.19, abs=0.01)
    rules = {(s["rule"], tuple(s["points"])) for s in d["signals"]}
    assert ("outside_limits", (15,)) in rules
    assert ("moving_range", (14, 15)) in rules
    assert not any(s["rule"] == "run_of_eight" for s in d["signals"])


def test_it_exits_non_zero_on_bad_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("12\nveel\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("trend", str(bad), stderr=err)
    assert "line 2" in err.getvalue()


def test_it_runs_from_the_console_script_with_arguments_untouched(wheeler, tmp_path):
    env = {**os.environ, "KOERS_DATA_DIR": str(tmp_path)}
    run = [sys.executable, "-m", "koers.cli", "trend", "--lang", "nl", "--direction", "lower"]
    result = subprocess.run(
        run + [str(wheeler)], capture_output=True, text=True, check=True, env=env
    )
    assert "Oordeel: verslechtering" in result.stdout
    assert "3.189–5.082" in result.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "koers.cli", "help", "trend"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "usage: koers trend" in helped.stdout
    assert "--rebaseline-at" in helped.stdout
