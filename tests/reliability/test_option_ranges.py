"""Every number on the command line has a documented range, checked when the arguments are read,
before a scenario loads or a game is played: the error says the range, `--help` says it too, and
what the range allows is safe (a save can hold the longest game, the loader takes the largest
generated country, memory stays flat over turns and runs)."""

from __future__ import annotations

import json
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import build_parser, main
from game.commands import options, simulate
from game.commands.options import LOCATIONS, RUNS, SEEDS, TURNS, WORKERS
from game.saves.format import MAX_SAVE_BYTES, SNAPSHOT_BUDGET
from tests.reliability.support import SMALL

# option -> (a command line using it, its range)
NUMERIC = {
    "simulate --runs": (["simulate", "--runs"], RUNS),
    "simulate --workers": (["simulate", "--workers"], WORKERS),
    "simulate --turns": (["simulate", "--turns"], TURNS),
    "simulate --seed": (["simulate", "--seed"], SEEDS),
    "play --seed": (["play", "--seed"], SEEDS),
    "generate --locations": (["generate", "-o", "x.yaml", "--locations"], LOCATIONS),
    "generate --seed": (["generate", "-o", "x.yaml", "--seed"], SEEDS),
    "balance --seeds": (["balance", "--seeds"], options.BALANCE_SEEDS),
    "balance --first-seed": (["balance", "--first-seed"], SEEDS),
    "balance --workers": (["balance", "--workers"], WORKERS),
}

NOT_NUMBERS = [
    "1e9",
    "1E3",
    "0x10",
    "0o7",
    "0b1",
    "1_000",
    "1,000",
    "1.0",
    "5.",
    ".5",
    " 5",
    "5 ",
    "+5",
    "--5",
    "-",
    "",
    "five",
    "NaN",
    "inf",
    "-inf",
    "10**9",
    "٣",  # Arabic-Indic three: int() takes it
    "３",  # fullwidth three: int() takes it
    "²",
    "5\x00",
    "5\n",
    "\x1b[2J5",
    "9" * 5000,  # past int()'s 4,300-digit guard
]


@contextmanager
def no_work(monkeypatch):
    """Fails the test if a scenario loads or a game starts: the check must come first."""

    def forbidden(*args, **kwargs):
        raise AssertionError("work started before the options were checked")

    # the package's lazy attribute first: read after the module's was patched, it would cache
    # (and later restore) the patched one
    monkeypatch.setattr("game.scenario.load_scenario", forbidden, raising=False)
    monkeypatch.setattr("game.scenario.load.load_scenario", forbidden)
    monkeypatch.setattr("game.engine.simulate.play", forbidden)
    monkeypatch.setattr("game.tools.synthetic.generate_yaml", forbidden)
    yield


def refused_option(capsys, argv, allowed) -> str:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" in err
    assert allowed.text() in err, err
    return err


@pytest.mark.parametrize("option", NUMERIC)
@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_anything_but_plain_digits_is_refused_with_the_range(
    capsys, monkeypatch, tmp_path, option, text
):
    monkeypatch.chdir(tmp_path)
    head, allowed = NUMERIC[option]
    with no_work(monkeypatch):  # --flag=value: argparse would take "--5" for an option
        err = refused_option(capsys, [*head[:-1], f"{head[-1]}={text}"], allowed)
    assert "\x1b" not in err and "\x00" not in err  # the value is echoed inert
    assert len(err) < 1000  # a 5,000-digit value is not echoed whole


@pytest.mark.parametrize("option", NUMERIC)
def test_one_past_either_end_is_refused_with_the_range(capsys, monkeypatch, tmp_path, option):
    monkeypatch.chdir(tmp_path)
    head, allowed = NUMERIC[option]
    for value in (allowed.low - 1, allowed.high + 1, -(10**20), 10**25):
        with no_work(monkeypatch):
            refused_option(capsys, [*head, str(value)], allowed)


@pytest.mark.parametrize("option", NUMERIC)
def test_both_ends_and_negative_zero_parse(option):
    head, allowed = NUMERIC[option]
    parser = build_parser()
    dest = head[-1].lstrip("-").replace("-", "_")
    for value in (allowed.low, allowed.high):
        assert getattr(parser.parse_args([*head, str(value)]), dest) == value
    if allowed.low <= 0:
        assert getattr(parser.parse_args([*head, "-0"]), dest) == 0
    assert getattr(parser.parse_args([*head, "0" + str(allowed.low)]), dest) == allowed.low


@settings(max_examples=60, deadline=None)
@given(value=st.integers(min_value=-(2**70), max_value=2**70))
def test_any_whole_number_is_taken_exactly_when_in_range(value):
    for _, (head, allowed) in NUMERIC.items():
        parse = options.whole_number(head[-1], allowed)
        if allowed.low <= value <= allowed.high:
            assert parse(str(value)) == value
        else:
            with pytest.raises(Exception, match="must be from"):
                parse(str(value))


@pytest.mark.parametrize(
    "command, flags",
    [
        ("simulate", ["--runs", "--workers", "--turns", "--seed"]),
        ("generate", ["--locations", "--seed"]),
        ("play", ["--seed"]),
        ("balance", ["--seeds", "--first-seed", "--workers"]),
    ],
)
def test_help_states_every_range(capsys, command, flags):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    entries: dict[str, str] = {}  # "--runs" -> its help text, continuation lines joined
    flag = None
    for line in capsys.readouterr().out.splitlines():
        if line.startswith("  -"):
            flag = next(w for w in line.split() if w.startswith("--")).rstrip(",")
            entries[flag] = line
        elif flag and line.startswith("    "):
            entries[flag] += " " + line.strip()
        else:
            flag = None
    for flag in flags:
        _, allowed = NUMERIC[f"{command} {flag}"]
        assert allowed.text() in " ".join(entries[flag].split()), entries[flag]


# --- seeds: the whole run inside the range -----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "--seed", str(SEEDS.high), "--runs", "2"],
        ["simulate", "--seed", str(SEEDS.high - 99_998), "--runs", "100000"],
        ["balance", "--first-seed", str(SEEDS.high), "--seeds", "2"],
    ],
)
def test_a_run_of_seeds_past_the_largest_is_refused_before_any_game(capsys, monkeypatch, argv):
    with no_work(monkeypatch):
        assert main(argv) == 2
    err = capsys.readouterr().err
    assert "go past the largest seed" in err and str(SEEDS.high) in err


def test_the_largest_seed_itself_plays(capsys):
    assert main(["simulate", str(SMALL), "--seed", str(SEEDS.high), "--turns", "1"]) == 0
    assert f"seed {SEEDS.high}" in capsys.readouterr().out


def test_the_last_run_ending_on_the_largest_seed_plays(capsys):
    first = SEEDS.high - 2
    assert main(["simulate", str(SMALL), "--seed", str(first), "--runs", "3", "--turns", "1"]) == 0
    assert f"seeds {first}..{SEEDS.high}" in capsys.readouterr().out


# --- workers: capped at the CPUs, with a note ----------------------------------------------------


def test_workers_beyond_the_cpus_are_capped_with_a_note(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(options.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    one, many = tmp_path / "one.csv", tmp_path / "many.csv"
    base = ["simulate", str(SMALL), "--runs", "5", "--turns", "2"]
    assert main([*base, "--csv", str(one)]) == 0
    assert "note" not in capsys.readouterr().err
    assert main([*base, "--workers", "1024", "--csv", str(many)]) == 0
    assert "--workers 1,024 capped at 2" in capsys.readouterr().err
    assert one.read_bytes() == many.read_bytes()


def test_the_pool_never_has_more_than_two_tasks_per_worker_in_flight(monkeypatch):
    """`--runs` never builds its seed list: tasks are made as results are taken."""
    in_flight, most = [0], [0]

    class Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            in_flight[0] -= 1
            return self.value

    class Pool:
        def __init__(self, max_workers):
            self.workers = max_workers

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, function, job):
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            _, first, count, *_ = job
            return Done([simulate.RunResult(s, {}, None, ()) for s in range(first, first + count)])

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", Pool)
    results = simulate.play_many("x", range(1, RUNS.high + 1), "none", None, None, 2)
    seeds = [result.seed for result in results]
    assert seeds == list(range(1, RUNS.high + 1))
    assert most[0] <= 4


def test_many_runs_keep_memory_flat(capsys):
    """The summary keeps 8 bytes a figure a run, the CSV rows are written as they come."""

    def peak(runs: int) -> int:
        tracemalloc.start()
        try:
            argv = ["simulate", str(SMALL), "--runs", str(runs), "--turns", "2"]
            assert main([*argv, "--csv", "/dev/null" if Path("/dev/null").exists() else "-"]) == 0
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            capsys.readouterr()

    peak(5)  # imports and caches
    few, many = peak(20), peak(400)
    assert many - few < 1_000_000, (few, many)


# --- turns: flat memory, and the longest game fits a save ----------------------------------------


def test_headless_play_keeps_memory_flat_over_turns(capsys, tmp_path):
    def peak(turns: int) -> int:
        tracemalloc.start()
        try:
            argv = ["simulate", str(SMALL), "--turns", str(turns), "--policy", "greedy"]
            assert main([*argv, "--csv", str(tmp_path / "t.csv")]) == 0
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            capsys.readouterr()

    peak(3)
    short, long = peak(30), peak(600)
    assert long - short < 2_000_000, (short, long)
    assert len((tmp_path / "t.csv").read_text().splitlines()) == 601


def test_the_longest_game_allowed_fits_in_a_save(tmp_path, capsys):
    """TURNS.high turns of the longest turn lines any built-in policy writes on the Idlib map,
    with the snapshot budget and the largest embedded scenario, are less than a save may be."""
    from game.scenario import loader

    longest = 0
    for policy in ("none", "greedy", "convoys", "shelter", "diplomacy", "random"):
        target = tmp_path / f"{policy}.jsonl"
        assert main(["simulate", "--turns", "120", "--policy", policy, "--save", str(target)]) == 0
        for line in target.read_bytes().splitlines()[2:-1]:
            record = json.loads(line)
            record.pop("snapshot", None)
            longest = max(longest, len(json.dumps(record, ensure_ascii=False)) + 1)
    capsys.readouterr()
    scenario_line = 2 * loader.MAX_BYTES + 64 * 1024
    worst = TURNS.high * longest * 1.5 + SNAPSHOT_BUDGET + scenario_line + 64 * 1024
    assert worst < MAX_SAVE_BYTES, (longest, worst)


@pytest.mark.slow
def test_a_game_of_the_most_turns_is_saved_and_verifies(tmp_path, capsys):
    target = tmp_path / "long.jsonl"
    argv = ["simulate", "--turns", str(TURNS.high), "--policy", "greedy", "--save", str(target)]
    assert main(argv) == 0
    assert main(["replay", "--verify", str(target)]) == 0
    assert "every state hash matches" in capsys.readouterr().out


# --- locations: what the generator writes, the loader takes ---------------------------------------


@pytest.mark.parametrize("seed", [1, 2**63 - 1])
def test_the_largest_generated_country_loads(tmp_path, capsys, seed):
    from game.scenario import load_scenario

    target = tmp_path / "big.yaml"
    argv = ["generate", "--locations", str(LOCATIONS.high), "--seed", str(seed)]
    assert main([*argv, "-o", str(target)]) == 0
    assert len(load_scenario(target).locations) == LOCATIONS.high
    capsys.readouterr()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3, 13))
def test_the_largest_generated_country_loads_for_more_seeds(tmp_path, seed):
    from game.commands.generate import base_sections
    from game.scenario import load_scenario_text
    from game.tools.synthetic import generate_yaml

    text = generate_yaml(LOCATIONS.high, seed, base_sections())  # as `corridor generate` does
    assert len(load_scenario_text(text).locations) == LOCATIONS.high
