"""Checks across records, run once the whole file has been read: references to ids, citations,
exits attached to their town, campaign dates, `after` cycles, model parameters, hubs.

Each reads the registries the walk filled in `Checker`, so one broken record does not hide the
problems of the others. Nothing here is quadratic: lookups are dicts, did-you-mean runs only on
errors (and within a budget).
"""

from __future__ import annotations

from game.scenario.checker import Checker
from game.scenario.nodes import Map, Node, Scalar

SECTION = {
    "location": "locations",
    "road": "roads",
    "faction": "factions",
    "event": "timeline",
    "source": "sources",
}


def run_all(ck: Checker, root: Map) -> None:
    """Every cross-record check, adding diagnostics to `ck`."""
    check_refs(ck)
    check_place_ids(ck)
    check_citations(ck)
    check_exits(ck)
    check_dates(ck)
    check_after_cycles(ck)
    check_parameters(ck, root.get("model"))
    check_hubs(ck, root.get("locations"))


def check_refs(ck: Checker) -> None:
    """Every id reference names an id that exists, of the right kind."""
    pools: dict[tuple[str, ...], list[str]] = {}
    for ref in ck.refs:
        if any(ref.value in ck.ids.get(kind, {}) for kind in ref.kinds):
            continue
        if ck.unresolvable(ref.kinds, ref.value):
            continue
        what = " or ".join(ref.kinds)
        key = ref.path.rsplit(".", 1)[-1]
        if key in ("from", "to") and ".relocate." in ref.path:
            message = f"the relocation's `{key}` place `{ref.value}` is not a location id"
        elif key in ("from", "to"):
            message = f"the road's `{key}` end `{ref.value}` is not a location id"
        else:
            message = f"`{ref.value}` is not a {what} id"
        candidates = pools.get(ref.kinds)
        if candidates is None:
            candidates = pools[ref.kinds] = [n for k in ref.kinds for n in ck.ids.get(k, {})]
        close = ck.suggest(ref.value, candidates)
        if close:
            hint = f"did you mean `{close}`?"
        else:
            sections = " or ".join(f"`{SECTION.get(kind, kind)}:`" for kind in ref.kinds)
            hint = f"use the id of an entry under {sections}, or add one with this id"
        ck.error(ref.node, message, hint, ref.path)


def check_place_ids(ck: Checker) -> None:
    """Locations and roads share one name space (a bombardment target may be either)."""
    locations = ck.ids.get("location", {})
    paths = ck.id_paths.get("road", {})
    for road_id, node in ck.ids.get("road", {}).items():
        first = locations.get(road_id)
        if first is not None:
            where = ck.id_paths.get("location", {}).get(road_id, "a location")
            ck.error(
                node,
                f"`{road_id}` is both a road id and a location id ({where}, line {first.line})",
                f"bombardment targets name either, so rename the road, e.g. `{road_id}_road`",
                paths.get(road_id),
            )


def check_citations(ck: Checker) -> None:
    """`<id>: ...` names a listed source; `¶N` is within that source's paragraphs."""
    sources = ck.ids.get("source", {})
    for provenance, node, path in ck.citations:
        ref = provenance.ref
        if ref is None:
            continue
        if ref not in sources:
            close = ck.suggest(ref, sources)
            hint = (
                f"did you mean `{close}`?"
                if close
                else "list the document under `sources:` (id, title, date), or use "
                "`assumption: reason` if it is a game assumption"
            )
            ck.error(node, f"source `{ref}` is not listed in `sources:`", hint, path)
            continue
        paragraph, count = provenance.paragraph, ck.source_paragraphs.get(ref)
        if paragraph is not None and count is not None and not 1 <= paragraph <= count:
            ck.error(
                node,
                f"`{ref} ¶{paragraph}` is outside its paragraphs 1..{count}",
                f"cite a paragraph between 1 and {count} (the source's `paragraphs`)",
                path,
            )


def check_exits(ck: Checker) -> None:
    """Roads named as open exits of a town are attached to that town."""
    attached: dict[str, list[str]] | None = None
    for location, road, node, path in ck.exits:
        ends = ck.road_ends.get(road)
        if ends is None or location in ends:
            continue  # unknown roads are reported by check_refs
        if attached is None:
            attached = {}
            for road_id, (a, b) in ck.road_ends.items():
                attached.setdefault(a, []).append(road_id)
                attached.setdefault(b, []).append(road_id)
        own = attached.get(location, [])
        hint = (
            "open exits are roads with one end at this town: " + ", ".join(f"`{r}`" for r in own)
            if own
            else f"no road touches `{location}` yet: add one under `roads:` with `from` or `to` "
            f"`{location}`"
        )
        ck.error(
            node,
            f"road `{road}` is not attached to `{location}` (it joins `{ends[0]}` and `{ends[1]}`)",
            hint,
            path,
        )


def check_dates(ck: Checker) -> None:
    """Timeline dates fall within the campaign (the first day .. the last day of the last
    turn)."""
    if ck.campaign is None:
        return
    first, last = ck.campaign
    for date, node, path, event in ck.dates:
        if first <= date <= last:
            continue
        when = "before the campaign starts" if date < first else "after the last turn"
        ck.error(
            node,
            f"event `{event}`: {date.isoformat()} is {when}",
            f"the campaign runs from {first.isoformat()} (meta.start_date) to {last.isoformat()} "
            "(the last day of the last turn): move the date, or change meta.start_date or "
            "meta.turns",
            path,
        )


def check_after_cycles(ck: Checker) -> None:
    """`after` chains end somewhere: no event waits (indirectly) for itself."""
    state: dict[str, int] = {}  # 1: on the current chain, 2: known to end
    for start in ck.after:
        if state.get(start):
            continue
        chain: list[str] = []
        current = start
        while current in ck.after and not state.get(current):
            state[current] = 1
            chain.append(current)
            current = ck.after[current][0]
        if state.get(current) == 1:
            cycle = chain[chain.index(current) :]
            _, node, path = ck.after[cycle[0]]
            loop = " → ".join(f"`{e}`" for e in [*cycle, cycle[0]])
            ck.error(
                node,
                f"events wait for each other in a cycle: {loop}",
                "one of them must have a `date` instead of `after`, so the chain can start",
                path,
            )
        for event in chain:
            state[event] = 2


def check_parameters(ck: Checker, model: Node | None) -> None:
    """Model parameter names against the engine's registry (an empty registry accepts any)."""
    from game.scenario.parameters import PARAMETERS

    if not PARAMETERS or not isinstance(model, Map):
        return
    for name, (key, _) in model.entries.items():
        if name not in PARAMETERS:
            close = ck.suggest(name, PARAMETERS)
            hint = (
                f"did you mean `{close}`?"
                if close
                else (
                    f"the {len(PARAMETERS)} known parameters are listed in "
                    "game/scenario/parameters.py and docs/scenario-format.md"
                )
            )
            ck.error(key, f"unknown model parameter `{name}`", hint, f"model.{name}")
    missing = [n for n, spec in PARAMETERS.items() if spec.required and n not in model.entries]
    for name in missing:
        spec = PARAMETERS[name]
        ck.error(
            model,
            f"the model lacks parameter `{name}` ({spec.description})",
            f'add `{name}: {{value: ..., unit: {spec.unit}, source: "..."}}`',
            "model",
        )


def check_hubs(ck: Checker, locations: Node | None) -> None:
    """At least one location is a hub, or no convoy could ever start."""
    items = getattr(locations, "items", None)
    if ck.hubs == 0 and items and not any(_unreadable_hub(item) for item in items):
        ck.error(
            locations,
            "no location is a hub, so convoys could not start anywhere",
            "set `hub: true` on the warehouse towns or border crossings aid comes through",
            "locations",
        )


def _unreadable_hub(location: Node) -> bool:
    """A `hub:` that is there but not true or false (already an error): perhaps the hub."""
    hub = location.get("hub") if isinstance(location, Map) else None
    return isinstance(hub, Scalar) and not isinstance(hub.value, bool) and hub.value is not None
