"""Determinism you can check with `cmp`: the same scenario, seed and orders give byte-identical
CSV (`corridor simulate --csv`) and save files (`corridor simulate --save`, and a player's
session save) in separate processes with different PYTHONHASHSEED, and under every Python
version found here (3.10, 3.12, 3.13 besides this one).

The engine helper checks state hashes across processes on an engine fixture
(tests/engine/test_properties.py); this file checks the files a user sees, through the real
loader, the bundled scenario and the CLI. Saves carry no wall-clock time, so whole files are
compared byte for byte.

Other Pythons run the same source as this process (PYTHONPATH), from throwaway virtual
environments with PyYAML and platformdirs only (what the CLI needs), cached in
$CORRIDOR_PYVERS (default /tmp/corridor-pyvers); a version that is not installed, or whose
environment cannot be built (no network), is skipped.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.support import IDLIB, REPO

HASH_SEEDS = ("0", "1", "271828")
RUNS = [
    ("none", None, 30),
    ("greedy", None, 30),
    ("random", "hard", 45),
    ("diplomacy", None, 30),
]
OTHER_PYTHONS = ("3.10", "3.12", "3.13")
PYVERS_CACHE = Path(os.environ.get("CORRIDOR_PYVERS", "/tmp/corridor-pyvers"))

# A player's game: orders chosen by index from every kind of order, saved by a session.
SESSION_CHILD = r"""
import sys
from pathlib import Path
from game.scenario import load_scenario
from game.app.session import GameSession
from game.engine.orders import (
    Evacuate, ExpandShelter, LaunchAppeal, NegotiateCorridor, NegotiatePause, SendConvoy,
)
from game.scenario.model import Cargo
scenario = load_scenario(sys.argv[1])
out = Path(sys.argv[2])
hubs = [loc.id for loc in scenario.locations if loc.hub]
candidates = [LaunchAppeal()]
for loc in scenario.locations:
    candidates += [SendConvoy(h, loc.id, c, 5) for h in hubs if h != loc.id for c in Cargo]
    candidates += [ExpandShelter(loc.id, 500), NegotiatePause(loc.id)]
    candidates += [Evacuate(loc.id, road.id, 1000) for road in scenario.roads_at(loc.id)]
candidates += [NegotiateCorridor(road.id) for road in scenario.roads]
session = GameSession.new(scenario, 11, saves_dir=out, autosave=True, durable=False)
for turn in range(25):
    for k in range(turn % 4):
        session.queue(candidates[(turn * 7 + k * 13) % len(candidates)])
    session.end_turn()
session.save("player")
rows = [",".join(str(v) for v in f.as_row()) for f in session.figures()]
(out / "figures.csv").write_text("\n".join(rows) + "\n")
"""


def _env(hash_seed: str) -> dict[str, str]:
    return {
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": str(REPO),
        "PATH": os.environ.get("PATH", ""),
        "LC_ALL": "C.UTF-8",
    }


def _simulate(python: str, workdir: Path, out: Path, hash_seed: str) -> dict[str, bytes]:
    """Run every simulation of RUNS with `python`; returns file name -> bytes."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    for policy, difficulty, turns in RUNS:
        stem = f"{policy}-{difficulty or 'std'}"
        argv = [python, "-m", "game", "simulate", "idlib.yaml", "--seed", "42"]
        argv += ["--policy", policy, "--turns", str(turns)]
        argv += ["--csv", str(out / f"{stem}.csv"), "--save", str(out / f"{stem}.jsonl")]
        if difficulty:
            argv += ["--difficulty", difficulty]
        done = subprocess.run(
            argv, cwd=workdir, env=_env(hash_seed), capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        for suffix in (".csv", ".jsonl"):
            files[stem + suffix] = (out / (stem + suffix)).read_bytes()
    done = subprocess.run(
        [python, "-c", SESSION_CHILD, "idlib.yaml", str(out / "session")],
        cwd=workdir,
        env=_env(hash_seed),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for path in sorted((out / "session").iterdir()):
        # an autosave's name holds its game's random identity; its bytes must not differ
        name = re.sub(r"-[0-9a-f]{8}((?:\.prev)?\.jsonl)$", r"-<id>\1", path.name)
        files["session/" + name] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A directory holding idlib.yaml, so every process records the same relative path."""
    directory = tmp_path_factory.mktemp("determinism")
    shutil.copy(IDLIB, directory / "idlib.yaml")
    return directory


@pytest.fixture(scope="module")
def reference(workdir) -> dict[str, bytes]:
    return _simulate(sys.executable, workdir, workdir / "reference", HASH_SEEDS[0])


def _digest(files: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest()[:16] for name, data in files.items()}


def test_reference_outputs_are_real_games(reference):
    assert len(reference) >= 2 * len(RUNS) + 3
    for name, data in reference.items():
        assert data, name
        if name.endswith(".csv") and not name.startswith("session/"):
            assert data.count(b"\n") >= 30, name
    saves = [d for n, d in reference.items() if n.endswith(".jsonl")]
    assert reference["session/player.jsonl"] in saves  # the autosave of the last turn is the same
    saves = [d for n, d in reference.items() if n.endswith(".jsonl") and "session/" not in n]
    assert all(b'"kind": "end"' in d.splitlines()[-1] for d in saves)
    assert len({_digest({"x": d})["x"] for d in saves}) == len(saves)  # different games


@pytest.mark.parametrize("hash_seed", HASH_SEEDS[1:])
def test_outputs_are_byte_identical_across_processes_and_hash_seeds(workdir, reference, hash_seed):
    other = _simulate(sys.executable, workdir, workdir / f"hash-{hash_seed}", hash_seed)
    assert _digest(other) == _digest(reference)


def test_saves_from_another_process_verify(workdir, reference, capsys):
    from game.cli import main

    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        for name in reference:
            if name.endswith(".jsonl") and ".prev." not in name:
                pattern = str(workdir / "reference" / name).replace("<id>", "*")
                (path,) = [p for p in glob.glob(pattern) if ".prev." not in p]
                assert main(["replay", "--verify", path]) == 0, capsys.readouterr().err
    finally:
        os.chdir(cwd)


def find_python(version: str) -> str | None:
    """An interpreter for `version` (pyenv's, or on PATH), or None."""
    candidates = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python")))
    found = shutil.which(f"python{version}")
    if found:
        candidates.append(found)
    for candidate in candidates:
        done = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip() == version:
            return candidate
    return None


def venv_python(version: str) -> str:
    """The python of a cached virtual environment for `version` with PyYAML and platformdirs
    installed."""
    base = find_python(version)
    if base is None:
        pytest.skip(f"Python {version} is not installed here")
    env_dir = PYVERS_CACHE / f"py{version}"
    python = env_dir / "bin" / "python"
    check = [str(python), "-c", "import yaml, platformdirs"]
    if python.exists() and subprocess.run(check, capture_output=True, check=False).returncode == 0:
        return str(python)
    steps = [
        [base, "-m", "venv", "--clear", str(env_dir)],
        [str(python), "-m", "pip", "install", "--quiet", "pyyaml>=6.0", "platformdirs>=4.0"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot build a Python {version} environment: {done.stderr[-300:]}")
    return str(python)


@pytest.mark.parametrize("version", OTHER_PYTHONS)
def test_outputs_are_byte_identical_across_python_versions(workdir, reference, version):
    python = venv_python(version)
    other = _simulate(python, workdir, workdir / f"py{version}", "12345")
    assert _digest(other) == _digest(reference), f"Python {version} differs"
