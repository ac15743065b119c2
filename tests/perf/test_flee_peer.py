"""The Flee peer adapter: the exported graph and schedule, the ARD, and (when flee is installed
in its own venv) the Flee-side script honouring closures and conflict zones."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks import flee_peer as fp


def test_ard_is_zero_for_equal_shares_and_two_for_disjoint():
    same = {"a": {"corridor": 0.6, "flee": 0.6}, "b": {"corridor": 0.4, "flee": 0.4}}
    apart = {"a": {"corridor": 1.0, "flee": 0.0}, "b": {"corridor": 0.0, "flee": 1.0}}
    assert fp.ard(same) == 0
    assert fp.ard(apart) == pytest.approx(2.0)


@pytest.fixture(scope="module")
def idlib_run():
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    scenario = load_scenario(bundled_scenario())
    states, events = fp.corridor_days(scenario, seed=3, days=8)
    return scenario, states, events


def test_spec_mirrors_the_graph_and_the_run(idlib_run):
    scenario, states, events = idlib_run
    spec = fp.build_spec(scenario, states, events, seed=3, agent_scale=10)
    json.dumps(spec)  # plain JSON for the other interpreter
    ids = {loc.id for loc in scenario.locations}
    assert {loc["name"] for loc in spec["locations"]} == ids
    assert len(spec["links"]) == len(scenario.roads)
    pairs = {(r.a, r.b) for r in scenario.roads} | {(r.b, r.a) for r in scenario.roads}
    assert all((c["a"], c["b"]) in pairs for c in spec["link_changes"])
    assert all(0 <= day < len(events) for day, _, _ in spec["spawns"])
    assert all(c["intensity"] >= fp.CONFLICT_THRESHOLD for c in spec["conflicts"])
    # Flee gets no more departures than Corridor reported people fleeing.
    fled = sum(
        int(e.figures.get("people", 0))
        for evs in events
        for e in evs
        if e.kind == "displacement" and e.place
    )
    assert 0 < sum(people for _, _, people in spec["spawns"]) <= fled
    # Attacker-held places at the end are conflict zones with every road into them closed.
    from game.engine.network import network

    attackers = network(scenario).attackers
    held = {ls.id for ls in states[-1].locations if ls.control in attackers}
    assert held <= {c["location"] for c in spec["conflicts"]}
    closed: set[tuple[str, str]] = set()
    for change in spec["link_changes"]:
        (closed.discard if change["open"] else closed.add)((change["a"], change["b"]))
    for road in scenario.roads:
        if road.b in held and road.a not in held:
            assert (road.a, road.b) in closed


def test_spec_spawns_every_departure_and_the_engines_intensity():
    from game.engine.network import network
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    scenario = load_scenario(bundled_scenario())
    states, events = fp.corridor_days(scenario, seed=1, days=12, every_place=True)
    plain, _ = fp.corridor_days(scenario, seed=1, days=12)
    assert states == plain  # logging only
    # every flight has its place (none summed in one line), so Flee gets every origin
    assert not any(
        e.kind == "displacement" and e.place is None and "places" in e.figures
        for evs in events
        for e in evs
    )
    spec = fp.build_spec(scenario, states, events, seed=1, agent_scale=10)
    attackers = network(scenario).attackers
    for c in spec["conflicts"]:
        ls = states[c["day"] + 1].location(c["location"])
        if ls.control not in attackers and not ls.encircled:
            # a strike replaces the standing bombardment while it lasts; they do not add up
            assert c["intensity"] == max(ls.bombardment, ls.strike)


def test_destination_shares_sum_to_one(idlib_run):
    scenario, states, _ = idlib_run
    ids = [loc.id for loc in scenario.locations]
    fake = {"at_locations": {ids[-1]: 500, ids[-2]: 1500}, "spawned": {}}
    shares = fp.destination_shares(scenario, states, fake)
    assert sum(v["corridor"] for v in shares.values()) == pytest.approx(1.0)
    assert sum(v["flee"] for v in shares.values()) == pytest.approx(1.0)
    assert shares[ids[-2]]["flee"] == pytest.approx(0.75)


def test_flee_side_closes_links_and_spawns(tmp_path):
    python = fp.flee_python()
    if python is None or fp.flee_available(python):
        pytest.skip("flee is not installed in its own venv (see benchmarks/README.md)")
    spec = {
        "seed": 1,
        "days": 6,
        "agent_scale": 10,
        "move_rules": {"max_move_speed": 200.0},
        "locations": [
            {"name": "a", "lat": 35.6, "lon": 36.6, "type": "town", "pop": 1000, "capacity": -1},
            {"name": "b", "lat": 35.8, "lon": 36.6, "type": "town", "pop": 1000, "capacity": -1},
            {"name": "c", "lat": 36.1, "lon": 36.7, "type": "camp", "pop": 0, "capacity": -1},
            {"name": "d", "lat": 35.9, "lon": 36.9, "type": "camp", "pop": 0, "capacity": -1},
        ],
        "links": [
            {"a": "a", "b": "b", "km": 20},
            {"a": "b", "b": "c", "km": 40},
            {"a": "b", "b": "d", "km": 30},
        ],
        "conflicts": [{"day": 0, "location": "a", "intensity": 1.0}],
        "link_changes": [{"day": 0, "a": "b", "b": "d", "open": False}],
        "spawns": [[0, "a", 5000]],
    }
    result = fp.run_flee(python, spec)
    assert result["agents"] == 500 and result["spawned"] == {"a": 5000}
    assert result["at_locations"]["d"] == 0  # the closed way was never taken
    assert result["at_locations"]["c"] > 0
    assert sum(result["at_locations"].values()) + result["in_transit"] == 5000


def test_flee_side_does_not_import_game():
    text = (fp.FLEE_SIDE).read_text(encoding="utf-8")
    assert "import game" not in text and "from game" not in text
    proc = subprocess.run(
        [sys.executable, str(fp.FLEE_SIDE)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "usage" in proc.stderr
