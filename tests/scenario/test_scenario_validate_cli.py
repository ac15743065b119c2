"""`corridor validate FILE...`: one summary line per valid file, every file checked, errors on
stderr, exit status 2 if any is invalid; bundled names; and one run in a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.errors import EXIT_USER_ERROR

from .helpers import IDLIB, MINIMAL, REPO, minimal_text, replace_once


def test_valid_file_prints_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINIMAL)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{MINIMAL}: ok — 4 locations, 3 roads, 3 events, 43,000 people\n"
    assert err == ""


def test_every_file_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(replace_once(minimal_text(), "population: 3000", "population: -1"), "utf-8")
    missing = tmp_path / "missing.yaml"
    status = main(["validate", str(broken), str(missing), str(MINIMAL)])
    out, err = capsys.readouterr()
    assert status == EXIT_USER_ERROR
    assert out == f"{MINIMAL}: ok — 4 locations, 3 roads, 3 events, 43,000 people\n"
    assert f"{broken}:" in err and "`population` is -1, below the minimum 0" in err
    assert f"{broken}: invalid — 1 error\n" in err
    assert f"{missing}: error: no such file" in err
    assert f"{missing}: invalid — 1 error\n" in err


@pytest.mark.skipif(not IDLIB.exists(), reason="scenarios/idlib.yaml not written yet")
def test_bundled_name_resolves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "idlib"]) == 0
    out = capsys.readouterr().out
    shown, _, summary = out.partition(": ok — ")
    assert Path(shown).resolve() == IDLIB.resolve()
    assert re.fullmatch(
        r"[\d,]+ locations, [\d,]+ roads, [\d,]+ events, [\d,]+ people(, [\d,]+ warnings?)?\n",
        summary,
    )


def test_unknown_bundled_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no_such_scenario"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert (
        "no_such_scenario: error: `no_such_scenario` is neither a file nor a bundled scenario"
        in err
    )
    assert "hint: give the path of a .yaml file, or a bundled scenario name (" in err


def test_end_to_end_in_a_real_process(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"meta:\n  title: Caf\xe9\n")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(MINIMAL), str(broken)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_USER_ERROR
    assert done.stdout.startswith(f"{MINIMAL}: ok — ")
    assert f"{broken}:2:13: error: the file is not valid UTF-8" in done.stderr
    assert "Traceback" not in done.stderr
