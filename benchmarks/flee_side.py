"""The Flee side of the peer run: build a Flee ecosystem from a JSON graph, run it, report.

Run under the interpreter that has `flee` installed (never our test venv), as
`$FLEE_PYTHON benchmarks/flee_side.py IN.json OUT.json`. It does not import `game`: everything
it needs comes in the JSON written by `benchmarks/flee_peer.py`:

    {"seed": 1, "days": 30, "agent_scale": 10, "move_rules": {...Flee YAML move_rules...},
     "locations": [{"name", "lat", "lon", "type", "capacity", "pop"}],  # capacity: people, -1
     "links": [{"a", "b", "km"}],
     "conflicts": [{"day", "location", "intensity"}],  # a conflict zone from that day on
     "link_changes": [{"day", "a", "b", "open"}],     # the way a -> b closes or reopens
     "spawns": [[day, location, people], ...]} # people newly displaced there that day

`OUT.json` gets the seconds spent in the simulated days (spawning + `evolve`), the set-up
seconds, the number of agents, and per location the people (agents x scale) there at the end
and the people spawned there.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time


def _settings(move_rules: dict) -> None:
    from flee.SimulationSettings import SimulationSettings

    doc = {
        "log_levels": {"agent": 0, "link": 0, "camp": 0, "init": 0, "conflict": 0},
        "spawn_rules": {"take_from_population": False, "insert_day0": False},
        "move_rules": move_rules,
        "optimisations": {"hasten": 1},
    }
    import yaml

    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as handle:
        yaml.safe_dump(doc, handle)
        path = handle.name
    try:
        SimulationSettings.ReadFromYML(path)
    finally:
        os.unlink(path)


def run(spec: dict) -> dict:
    """Run the Flee model on `spec` (see the module docstring) and return the result dict."""
    import numpy as np
    from flee import flee

    random.seed(spec["seed"])
    np.random.seed(spec["seed"] % 2**32)
    t0 = time.perf_counter()
    _settings(spec.get("move_rules", {}))
    eco = flee.Ecosystem()
    by_name = {}
    scale = int(spec.get("agent_scale", 10))
    for loc in spec["locations"]:
        people = int(loc.get("capacity", -1))  # in people; Flee counts agents, and < 1 = no limit
        capacity = max(1, round(people / scale)) if people >= 0 else -1
        by_name[loc["name"]] = eco.addLocation(
            name=loc["name"],
            x=float(loc["lon"]),
            y=float(loc["lat"]),
            location_type=loc["type"],
            capacity=capacity,
            pop=int(loc.get("pop", 0)),
        )
    for link in spec["links"]:
        eco.linkUp(link["a"], link["b"], distance=float(link["km"]))
    spawns: dict[int, list[tuple[str, int]]] = {}
    for day, name, people in spec.get("spawns", []):
        spawns.setdefault(int(day), []).append((name, int(people)))
    conflicts: dict[int, list[tuple[str, float]]] = {}
    for c in spec.get("conflicts", []):
        conflicts.setdefault(int(c["day"]), []).append(
            (c["location"], float(c.get("intensity", 1.0)))
        )
    changes: dict[int, list[tuple[str, str, bool]]] = {}
    for c in spec.get("link_changes", []):
        changes.setdefault(int(c["day"]), []).append((c["a"], c["b"], bool(c["open"])))
    setup = time.perf_counter() - t0

    carry: dict[str, float] = {}  # fractions of an agent carried to the next day, per origin
    spawned: dict[str, int] = {}
    t1 = time.perf_counter()
    for day in range(int(spec["days"])):
        for name, intensity in conflicts.get(day, []):
            eco.add_conflict_zone(name, conflict_intensity=intensity)
        for a, b, is_open in changes.get(day, []):
            # Flee matches link ends by identity (`name is not endpoint`): pass its own strings.
            a, b = by_name[a].name, by_name[b].name
            if is_open:
                eco.reopen_link(a, b, twoway=False)
            else:
                eco.close_link(a, b, twoway=False)
        for name, people in spawns.get(day, []):
            exact = people / scale + carry.get(name, 0.0)
            agents = int(exact)
            carry[name] = exact - agents
            spawned[name] = spawned.get(name, 0) + agents * scale
            loc = by_name[name]
            for _ in range(agents):
                eco.addAgent(location=loc, attributes={})
        eco.evolve()
    seconds = time.perf_counter() - t1
    at = {loc.name: loc.numAgents * scale for loc in eco.locations}
    return {
        "seconds": seconds,
        "setup_seconds": setup,
        "agents": len(eco.agents),
        "people_per_agent": scale,
        "at_locations": at,
        "spawned": spawned,
        "in_transit": sum(1 for a in eco.agents if a.travelling) * scale,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: flee_side.py IN.json OUT.json", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    noise = io.StringIO()  # Flee prints its settings and warnings; keep them out of the table
    with contextlib.redirect_stderr(noise), contextlib.redirect_stdout(noise):
        result = run(spec)
    with open(argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
