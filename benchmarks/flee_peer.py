"""Peer run against Flee (Suleimenova, Bell & Groen 2017): same graph, same days, both models.

Our side plays the Idlib scenario for `days` turns with no player orders and exports, as JSON,
what Flee needs to run the same days (the script `flee_side.py` runs it under Flee's own
interpreter, `$FLEE_PYTHON`, default /work/flee-venv/bin/python, so flee never enters our venv):

- the graph: every location (camps as Flee camps, everything else a Flee town, with Flee's own
  move chances) and every road with its km;
- the conflict timing from the run: a place is a Flee conflict zone from the day it is held by
  the attacker or encircled (intensity 1) or under attack, bombarded at `CONFLICT_THRESHOLD` or
  more (standing or a timeline strike; intensity = bombardment: the sporadic shelling of rear
  towns does not make them Flee conflict zones, whose move chance is 1); roads into
  attacker-held places, closed roads and the non-exit roads of encircled towns are closed (one
  way where Corridor's rule is one way);
- the same departures: the people Corridor reports newly displaced from each origin each day,
  plus those displaced before the start who flee again, are spawned there in Flee (one agent
  per `agent_scale` people), the way Flee is driven by observed totals; people who arrived
  during the run and flee again are Flee agents already and follow Flee's own move chances. So
  the comparison is about where people go, not how many leave.

Shared concepts take the scenario's values (camp weight, conflict weight, route offset km,
travel km/day, capacity buffer); the rest is Flee's 2017 rules as published. The figures:
`flee_speedup` = Flee's seconds for the days ÷ Corridor's seconds for the same turns, and
`flee_ard` = Flee's averaged relative difference between the two models' end-of-run shares of
the net gain of people at the destination places (those that gained people in either model and
are not attacker-held at the end): sum |c - f|, 0..2.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, Section

DEFAULT_FLEE_PYTHON = "/work/flee-venv/bin/python"
FLEE_SIDE = Path(__file__).with_name("flee_side.py")


def flee_python() -> str | None:
    """The interpreter with flee installed: $FLEE_PYTHON, else the default venv if present."""
    env = os.environ.get("FLEE_PYTHON")
    if env:
        return env
    return DEFAULT_FLEE_PYTHON if Path(DEFAULT_FLEE_PYTHON).exists() else None


def flee_available(python: str) -> str | None:
    """None if `python` can import flee, else the reason it cannot."""
    try:
        proc = subprocess.run(
            [python, "-c", "import flee.flee"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tempfile.gettempdir(),
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"flee peer skipped: cannot run FLEE_PYTHON={python} ({error})"
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return f"flee peer skipped: flee does not import under FLEE_PYTHON={python}: {last}"
    return None


def corridor_days(
    scenario: Any, seed: int, days: int, every_place: bool = False
) -> tuple[list[Any], list[tuple]]:
    """States after turns 0..days (no player orders) and each turn's events. `every_place`:
    log each place's flight however small (the player's log sums places under
    `EVENT_MIN_PEOPLE` in one line; Flee needs every origin). Logging only: same states."""
    from game.engine import Rng, new_game, step
    from game.engine.displacement import departures

    state = new_game(scenario, seed)
    rng = Rng(seed)
    states, events = [state], []
    threshold = departures.EVENT_MIN_PEOPLE
    if every_place:
        departures.EVENT_MIN_PEOPLE = 1
    try:
        for _ in range(days):
            if state.game_over:
                break
            state, evs = step(scenario, state, (), rng)
            states.append(state)
            events.append(evs)
    finally:
        departures.EVENT_MIN_PEOPLE = threshold
    return states, events


def corridor_seconds(scenario: Any, seed: int, days: int, repeats: int) -> float:
    """Median seconds for `days` turns of the engine (states kept, as a game keeps them)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        corridor_days(scenario, seed, days)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _scenario_rules(scenario: Any) -> dict[str, Any]:
    """Flee move rules: Flee's 2017 values, shared concepts set to the scenario's values."""
    rules: dict[str, Any] = {
        "max_move_speed": 200.0,
        "camp_weight": 2.0,
        "conflict_weight": 0.25,
        "softening": 10.0,
        "capacity_buffer": 0.9,
        "conflict_movechance": 1.0,
        "default_movechance": 0.3,
        "camp_movechance": 0.001,
        "idpcamp_movechance": 0.1,
        "awareness_level": 1,  # Flee counts the neighbour as level 1
        "start_on_foot": False,
        "avoid_short_stints": False,
    }
    shared = {
        "travel_km_per_day": "max_move_speed",
        "camp_weight": "camp_weight",
        "conflict_weight": "conflict_weight",
        "route_offset_km": "softening",
        "capacity_full_share": "capacity_buffer",
    }
    from game.engine.network import network

    params = network(scenario).params
    for ours, theirs in shared.items():
        value = getattr(params, ours, None)
        if value is not None:
            rules[theirs] = float(value)
    # Corridor's awareness counts roads beyond the neighbour; Flee's counts the neighbour too.
    awareness = getattr(params, "awareness_level", None)
    if awareness is not None:
        rules["awareness_level"] = int(awareness) + 1
    return rules


CONFLICT_THRESHOLD = 0.5


def build_spec(
    scenario: Any,
    states: list[Any],
    events: list[tuple],
    seed: int,
    agent_scale: int,
    conflict_threshold: float = CONFLICT_THRESHOLD,
) -> dict[str, Any]:
    """The JSON the Flee side reads (see flee_side.py), from a Corridor run."""
    from game.engine.network import network

    net = network(scenario)
    hostile_factions = net.attackers
    first = states[0]
    locations = []
    for loc, ls in zip(scenario.locations, first.locations, strict=True):
        camp = loc.kind.value == "camp"
        free = max(0, ls.capacity + ls.tents - ls.sheltered - ls.unsheltered)
        locations.append(
            {
                "name": loc.id,
                "lat": loc.lat,
                "lon": loc.lon,
                "type": "camp" if camp else "town",
                "capacity": free if camp else -1,
                "pop": ls.residents,
            }
        )
    links = [{"a": r.a, "b": r.b, "km": float(r.km)} for r in scenario.roads]
    conflicts: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    conflict_level: dict[str, float] = {}
    closed: set[tuple[str, str]] = set()
    spawns: list[list[Any]] = []
    budget = {ls.id: ls.sheltered + ls.unsheltered for ls in first.locations}
    for day in range(len(events)):
        state = states[day + 1]
        hostile = {ls.id for ls in state.locations if ls.control in hostile_factions}
        for ls in state.locations:
            # the engine's intensity: the standing bombardment or a timeline strike, whichever
            # is heavier (not their sum)
            level = (
                1.0
                if ls.id in hostile or ls.encircled
                else min(1.0, max(ls.bombardment, ls.strike))
            )
            if level >= conflict_threshold and level > conflict_level.get(ls.id, 0.0):
                conflict_level[ls.id] = level
                conflicts.append({"day": day, "location": ls.id, "intensity": level})
        want: set[tuple[str, str]] = set()
        road_state = {rs.id: rs for rs in state.roads}
        for road in scenario.roads:
            if road_state[road.id].status.value == "closed":
                want |= {(road.a, road.b), (road.b, road.a)}
            for s, h in ((road.a, road.b), (road.b, road.a)):
                if h in hostile and s not in hostile:
                    want.add((s, h))
        for ls in state.locations:
            if ls.encircled:
                for road in scenario.roads_at(ls.id):
                    if road.id not in ls.open_exits:
                        want.add((ls.id, road.other_end(ls.id)))
        for a, b in sorted(want - closed):
            changes.append({"day": day, "a": a, "b": b, "open": False})
        for a, b in sorted(closed - want):
            changes.append({"day": day, "a": a, "b": b, "open": True})
        closed = want
        for ev in events[day]:
            if ev.kind != "displacement" or not ev.place or not ev.figures.get("people"):
                continue
            new = int(ev.figures.get("newly_displaced", 0))
            again = int(ev.figures["people"]) - new
            # Displaced people fleeing again: those who arrived during the run are already Flee
            # agents; count the ones displaced before the start (first in, first counted).
            old = min(again, budget.get(ev.place, 0))
            budget[ev.place] = budget.get(ev.place, 0) - old
            if new + old:
                spawns.append([day, ev.place, new + old])
    return {
        "seed": seed,
        "days": len(events),
        "agent_scale": agent_scale,
        "move_rules": _scenario_rules(scenario),
        "locations": locations,
        "links": links,
        "conflicts": conflicts,
        "link_changes": changes,
        "spawns": spawns,
    }


def destination_shares(
    scenario: Any, states: list[Any], flee: dict[str, Any]
) -> dict[str, dict[str, float]]:
    """Per destination: each model's share of the net gain of people over the run. Net gain is
    end minus start population in Corridor, and agents there at the end minus people spawned
    there in Flee (its only movers), the same quantity; destinations are the places with a
    gain in either model that are not held by the attacker at the end."""
    from game.engine.network import network

    attackers = network(scenario).attackers
    start = {ls.id: ls.population for ls in states[0].locations}
    held = {ls.id for ls in states[-1].locations if ls.control in attackers}
    gain_c = {ls.id: ls.population - start[ls.id] for ls in states[-1].locations}
    at, spawned = flee["at_locations"], flee.get("spawned", {})
    gain_f = {lid: float(at.get(lid, 0)) - float(spawned.get(lid, 0)) for lid in gain_c}
    dest = [lid for lid in gain_c if lid not in held and (gain_c[lid] > 0 or gain_f[lid] > 0)]
    ours = {d: max(0, gain_c[d]) for d in dest}
    theirs = {d: max(0.0, gain_f[d]) for d in dest}
    total_c = sum(ours.values()) or 1
    total_f = sum(theirs.values()) or 1.0
    return {
        d: {
            "corridor": ours[d] / total_c,
            "flee": theirs[d] / total_f,
            "corridor_people": ours[d],
            "flee_people": theirs[d],
        }
        for d in dest
    }


def ard(shares: dict[str, dict[str, float]]) -> float:
    """Flee's averaged relative difference, with Corridor's shares in the observed role."""
    return sum(abs(v["flee"] - v["corridor"]) for v in shares.values())


def run_flee(python: str, spec: dict[str, Any], timeout: float = 600) -> dict[str, Any]:
    """Run flee_side.py on `spec` under `python`; its result dict."""
    with tempfile.TemporaryDirectory(prefix="corridor-flee-") as tmp:
        src = Path(tmp) / "in.json"
        out = Path(tmp) / "out.json"
        src.write_text(json.dumps(spec), encoding="utf-8")
        proc = subprocess.run(
            [python, str(FLEE_SIDE), str(src), str(out)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=tmp,
        )
        if proc.returncode:
            raise RuntimeError(f"flee side failed: {proc.stderr.strip()[-600:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def run(baseline_s: float, quick: bool = False, seed: int = 1) -> Section:
    """The peer figures: flee_speedup and flee_ard (None with a reason when flee is absent)."""
    section = Section()
    python = flee_python()
    reason = (
        None
        if python
        else (
            "flee peer skipped: flee not installed (set FLEE_PYTHON or create /work/flee-venv, "
            "see benchmarks/README.md)"
        )
    )
    if python and reason is None:
        reason = flee_available(python)
    if reason:
        section.figures.append(Figure("flee_speedup", None, "x", ">= 100", note=reason))
        section.figures.append(Figure("flee_ard", None, "", "<= 0.3", note=reason))
        return section
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    scenario = load_scenario(bundled_scenario())
    days = 5 if quick else 30
    scale = 100 if quick else 10
    states, events = corridor_days(scenario, seed, days, every_place=True)
    ours_s = corridor_seconds(scenario, seed, days, repeats=3 if quick else 7)
    spec = build_spec(scenario, states, events, seed, scale)
    result = run_flee(python, spec)
    shares = destination_shares(scenario, states, result)
    speedup = result["seconds"] / ours_s
    diff = ard(shares)
    section.figures.append(
        Figure(
            "flee_speedup",
            speedup,
            "x",
            ">= 100",
            note=(
                f"Flee {result['seconds']:.2f}s ({result['agents']:,} agents, 1 per {scale}) vs "
                f"Corridor {ours_s * 1000:.1f}ms for {len(events)} days"
            ),
        )
    )
    section.figures.append(
        Figure("flee_ard", diff, "", "<= 0.3", note=f"{len(shares)} destination places")
    )
    top = sorted(shares.items(), key=lambda kv: -(kv[1]["corridor"] + kv[1]["flee"]))
    section.extra["flee"] = {
        "days": len(events),
        "agent_scale": scale,
        "flee_seconds": result["seconds"],
        "flee_setup_seconds": result["setup_seconds"],
        "flee_agents": result["agents"],
        "flee_in_transit_people": result["in_transit"],
        "corridor_seconds": ours_s,
        "move_rules": spec["move_rules"],
        "departures_people": sum(s[2] for s in spec["spawns"]),
        "destinations": {k: {kk: round(vv, 4) for kk, vv in v.items()} for k, v in top},
    }
    if not quick:
        section.extra["flee"]["sensitivity"] = sensitivity(python, scenario, states, events, seed)
    return section


def sensitivity(
    python: str, scenario: Any, states: list[Any], events: list[tuple], seed: int
) -> dict[str, Any]:
    """ARD with one difference between the models removed at a time (coarser agents, 1 per 50
    people, to stay quick), to show which rule makes their destinations differ:
    `captures_only`: only taken or encircled places are Flee conflict zones, so bombarded towns
    keep Flee's town move chance; `town_move_chance_X`: Flee's towns keep people about as
    Corridor's places do (X = Corridor's leave rate at threat 1); and both together."""
    params = network_params(scenario)
    stay = float(getattr(params, "leave_rate_max", 0.1))
    variants: dict[str, tuple[float, dict[str, Any]]] = {
        "as_run_1_per_50": (CONFLICT_THRESHOLD, {}),
        "captures_only": (1.0, {}),
        f"town_move_chance_{stay:g}": (CONFLICT_THRESHOLD, {"default_movechance": stay}),
        f"captures_only+town_move_chance_{stay:g}": (1.0, {"default_movechance": stay}),
    }
    out: dict[str, Any] = {}
    for name, (threshold, rules) in variants.items():
        spec = build_spec(scenario, states, events, seed, 50, conflict_threshold=threshold)
        spec["move_rules"].update(rules)
        try:
            result = run_flee(python, spec)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            out[name] = {"error": str(error)[:200]}
            continue
        out[name] = {
            "ard": ard(destination_shares(scenario, states, result)),
            "flee_seconds": result["seconds"],
            "conflict_threshold": threshold,
            "rules": rules,
        }
    return out


def network_params(scenario: Any) -> Any:
    """The engine's parameter object (scenario values, else registry defaults)."""
    from game.engine.network import network

    return network(scenario).params
