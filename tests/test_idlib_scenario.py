"""Facts of the Idlib scenario that the game and its calibration depend on.

These read `scenarios/idlib.yaml` as plain YAML (so they do not depend on the loader) and replay
the certain timeline events to check the state the article describes on 28 January 2020.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import subprocess
import sys
from collections import deque
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.provenance import parse_source

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "idlib.yaml"
ARTICLE = ROOT.parent / "shared" / "seed" / "article.md"

START = dt.date(2020, 1, 24)
ENTRY = dt.date(2020, 1, 28)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def locations(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {loc["id"]: loc for loc in data["locations"]}


@pytest.fixture(scope="module")
def roads(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {road["id"]: road for road in data["roads"]}


@pytest.fixture(scope="module")
def events(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {event["id"]: event for event in data["timeline"]}


def _sources(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _effects(event: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [effect[kind] for effect in event.get("effects", []) if kind in effect]


def _certain_until(data: dict[str, Any], last_id: str) -> list[dict[str, Any]]:
    """The certain events in file order up to and including `last_id`."""
    out = []
    for event in data["timeline"]:
        if event.get("probability", 1.0) == 1.0:
            out.append(event)
        if event["id"] == last_id:
            return out
    raise AssertionError(f"no event {last_id}")


class World:
    """Control, encirclement and road states after replaying events' effects in order."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.control = {loc["id"]: loc["control"] for loc in data["locations"]}
        self.encirclement = {
            loc["id"]: {
                "approaches": dict(loc["encirclement"]["approaches"]),
                "open_exits": list(loc["encirclement"]["open_exits"]),
            }
            for loc in data["locations"]
            if "encirclement" in loc
        }
        self.roads = {
            r["id"]: {"status": r["status"], "control": r["control"]} for r in data["roads"]
        }
        self.localities = 0
        self.localities_of = {loc["id"]: loc.get("localities", 1) for loc in data["locations"]}

    def apply(self, event: dict[str, Any]) -> None:
        self.localities += event.get("localities", 0)
        for capture in _effects(event, "capture"):
            if self.control[capture["location"]] != capture["faction"]:
                self.localities += self.localities_of[capture["location"]]
            self.control[capture["location"]] = capture["faction"]
        for change in _effects(event, "road"):
            for key in ("status", "control"):
                if change.get(key) is not None:
                    self.roads[change["road"]][key] = change[key]
        for enc in _effects(event, "encircle"):
            state = self.encirclement[enc["location"]]
            state["approaches"].update(enc.get("approaches", {}))
            if enc.get("open_exits") is not None:
                state["open_exits"] = list(enc["open_exits"])


def _replay(data: dict[str, Any], last_id: str) -> World:
    world = World(data)
    for event in _certain_until(data, last_id):
        world.apply(event)
    return world


# --- meta ------------------------------------------------------------------------------------


def test_campaign_starts_friday_24_january_with_at_least_30_daily_turns(data):
    meta = data["meta"]
    assert meta["start_date"] == START
    assert meta["start_date"].weekday() == 4  # Friday
    assert meta["turn_days"] == 1
    assert meta["turns"] >= 30


def test_briefing_tells_the_player_who_they_are_and_what_to_try(data):
    briefing = data["meta"]["briefing"].lower()
    assert "coordinator" in briefing
    assert "one day" in briefing
    assert "bab al-hawa" in briefing
    assert "pause" in briefing


# --- provenance ------------------------------------------------------------------------------


def _fact_bearers(data: dict[str, Any]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for section in ("factions", "locations", "roads", "timeline", "figures"):
        out += [(f"{section}.{item['id']}", item.get("source")) for item in data[section]]
    out += [
        (f"locations.{loc['id']}.encirclement", loc["encirclement"].get("source"))
        for loc in data["locations"]
        if "encirclement" in loc
    ]
    out.append(("player", data["player"].get("source")))
    out += [(f"model.{name}", p.get("source")) for name, p in data["model"].items()]
    return out


def test_every_fact_has_a_parseable_source_citing_a_known_record(data):
    known = {source["id"] for source in data["sources"]}
    paragraphs = next(s["paragraphs"] for s in data["sources"] if s["id"] == "article")
    assert paragraphs == 15
    bearers = _fact_bearers(data)
    assert len(bearers) > 100
    for where, value in bearers:
        texts = _sources(value)
        assert texts, f"{where} has no source"
        for text in texts:
            prov = parse_source(text)
            if prov.kind == "article":
                assert 1 <= prov.paragraph <= paragraphs, f"{where}: {text}"
            elif prov.kind == "record":
                assert prov.ref in known, f"{where}: unknown source id in {text!r}"
            assert len(prov.note) >= 8, f"{where}: note too short in {text!r}"


def test_events_after_the_article_are_reported_by_a_record_or_projected_with_a_basis(data):
    """After 28 January an event is either reported (certain on its date, citing a listed
    public record other than the article) or a projection whose `assumption:` gives its
    basis; either way it cites something beyond the article."""
    for event in data["timeline"]:
        after_article = event["date"] > ENTRY
        certain = event.get("probability", 1.0) >= 1.0 and "after" not in event
        provenances = [parse_source(t) for t in _sources(event["source"])]
        kinds = {p.kind for p in provenances}
        projected = event.get("basis") == "projected" or not certain
        if projected and (after_article or event.get("probability", 1.0) < 1.0):
            assert "assumption" in kinds, f"{event['id']} is a projection without its basis"
            assert event["title"].startswith("Projected:") or event["kind"] != "bombardment"
        elif after_article:
            assert "record" in kinds, f"{event['id']} after the article cites no public record"


def test_no_sentence_is_copied_from_the_article():
    if not ARTICLE.exists():
        pytest.skip("the seed article is not beside this checkout")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))

    body = re.sub(r"\[¶\d+\]", " ", ARTICLE.read_text(encoding="utf-8").split("\n---\n", 1)[-1])
    article = words(body)
    grams = {tuple(article[i : i + 8]) for i in range(len(article) - 7)}
    for no, line in enumerate(SCENARIO.read_text(encoding="utf-8").splitlines(), 1):
        lw = words(line)
        for i in range(len(lw) - 7):
            assert tuple(lw[i : i + 8]) not in grams, (
                f"line {no} copies the article: {line.strip()}"
            )


# --- places the article names ------------------------------------------------------------------


def test_article_places_are_present(locations):
    for place in (
        "maaret_al_numan", "kfar_roummah", "khan_sheikhoun", "saraqeb", "jabal_zawiya",
        "west_aleppo_suburbs", "aleppo", "bab_al_hawa", "idlib", "ariha", "atmeh", "dana",
    ):  # fmt: skip
        assert place in locations


def test_maaret_is_opposition_held_since_2012_and_mostly_deserted(locations):
    maaret = locations["maaret_al_numan"]
    assert maaret["control"] == "opposition"
    text = " ".join(_sources(maaret["source"]))
    assert "article ¶8" in text and "2012" in text
    assert "article ¶7" in text
    # Mostly deserted: far below the 58,008 of the 2004 census.
    assert 0 < maaret["population"] < 58008 // 5


def test_khan_sheikhoun_is_government_held_since_august_2019(locations):
    ks = locations["khan_sheikhoun"]
    assert ks["control"] == "government"
    assert any(t.startswith("article ¶9") for t in _sources(ks["source"]))


def test_saraqeb_and_jabal_zawiya_are_cited_as_origins_of_the_flight(locations):
    for place in ("saraqeb", "jabal_zawiya"):
        assert any(t.startswith("article ¶11") for t in _sources(locations[place]["source"]))


def test_populations_are_plausible(locations, data):
    total = sum(loc["population"] for loc in locations.values())
    province = next(f for f in data["figures"] if f["id"] == "province_civilians")["value"]
    assert province == 3_000_000
    assert 1_000_000 < total <= province
    for loc in locations.values():
        assert 0 <= loc["displaced"] <= loc["population"], loc["id"]
    # The camps near the border are overcrowded: more displaced than shelter places.
    for camp in ("atmeh", "dana", "sarmada"):
        assert locations[camp]["displaced"] > locations[camp]["shelter_capacity"]


def test_displaced_since_december_starts_below_the_reported_358000(data):
    figures = {f["id"]: f for f in data["figures"]}
    start = figures["displaced_since_december"]
    assert start["date"] == START
    assert 350_000 <= start["value"] < 358_000
    assert figures["displaced_since_december_reported"]["value"] == 358_000


# --- roads -------------------------------------------------------------------------------------


def _path(roads, start: str, goal: str, ok) -> list[str] | None:
    """Breadth-first path of location ids along roads that satisfy `ok`."""
    adj: dict[str, list[str]] = {}
    for road in roads.values():
        if ok(road):
            adj.setdefault(road["from"], []).append(road["to"])
            adj.setdefault(road["to"], []).append(road["from"])
    prev = {start: None}
    todo = deque([start])
    while todo:
        here = todo.popleft()
        if here == goal:
            path = [here]
            while prev[path[-1]] is not None:
                path.append(prev[path[-1]])
            return path[::-1]
        for nxt in adj.get(here, []):
            if nxt not in prev:
                prev[nxt] = here
                todo.append(nxt)
    return None


def test_m5_runs_khan_sheikhoun_maaret_saraqeb_aleppo(roads):
    path = _path(roads, "khan_sheikhoun", "aleppo", lambda r: r.get("highway") == "M5")
    assert path is not None
    assert path.index("maaret_al_numan") < path.index("saraqeb")


def test_m4_runs_west_of_saraqeb_through_ariha(roads):
    path = _path(roads, "saraqeb", "jisr_al_shughur", lambda r: r.get("highway") == "M4")
    assert path == ["saraqeb", "ariha", "jisr_al_shughur"]


def test_roads_have_positive_lengths_and_valid_ends(roads, locations):
    for road in roads.values():
        assert road["from"] in locations and road["to"] in locations
        assert 0 < road["km"] < 100
        assert 0.0 <= road.get("bombardment", 0.0) <= 1.0


def test_every_place_is_reachable_from_the_bab_al_hawa_hub(roads, locations):
    assert locations["bab_al_hawa"]["hub"] is True
    for place in locations:
        assert _path(roads, "bab_al_hawa", place, lambda r: True), place


def test_the_west_road_out_of_maaret_leads_on_to_the_border(roads, locations):
    west = roads["maaret_kafr_nabl"]
    other = west["to"] if west["from"] == "maaret_al_numan" else west["from"]
    assert locations[other]["lon"] < locations["maaret_al_numan"]["lon"]
    path = _path(roads, other, "bab_al_hawa", lambda r: r["status"] != "closed")
    assert path is not None and "maaret_al_numan" not in path


# --- the timeline the article reports --------------------------------------------------------


def test_all_event_dates_lie_in_the_campaign(data):
    end = START + dt.timedelta(days=data["meta"]["turns"] - 1)
    for event in data["timeline"]:
        assert START <= event["date"] <= end, event["id"]
        if "latest" in event:
            assert event["date"] <= event["latest"] <= end, event["id"]


def test_triggers_refer_to_earlier_events(data):
    seen: set[str] = set()
    for event in data["timeline"]:
        if "after" in event:
            assert event["after"] in seen, event["id"]
        seen.add(event["id"])


def test_entry_into_maaret_is_certain_on_tuesday_28_january(events):
    entry = events["maaret_entered"]
    assert entry["date"] == ENTRY and ENTRY.weekday() == 1
    assert entry.get("probability", 1.0) == 1.0
    assert {"location": "maaret_al_numan", "faction": "government"} in _effects(entry, "capture")


def test_kfar_roummah_falls_before_maaret_on_the_same_day(data, events, locations):
    fall = events["kfar_roummah_captured"]
    assert fall["date"] == ENTRY and fall.get("probability", 1.0) == 1.0
    order = [e["id"] for e in data["timeline"]]
    assert order.index("kfar_roummah_captured") < order.index("maaret_entered")
    # Same date, both certain: file order decides, and the entry waits for nothing else.
    assert events["maaret_entered"].get("after") in (None, "kfar_roummah_captured")
    assert any(t.startswith("article ¶6") for t in _sources(fall["source"]))
    # South-west (or west) of the town, as the article places it.
    assert locations["kfar_roummah"]["lon"] < locations["maaret_al_numan"]["lon"]


def test_maaret_is_held_on_three_sides_with_the_west_road_open_before_the_entry(data):
    before_entry = _replay(data, "kfar_roummah_captured")
    enc = before_entry.encirclement["maaret_al_numan"]
    assert enc["approaches"] == {"N": "government", "E": "government", "S": "government",
                                 "W": "opposition"}  # fmt: skip
    assert enc["open_exits"] == ["maaret_kafr_nabl"]
    assert before_entry.roads["maaret_kafr_nabl"]["status"] != "closed"
    assert before_entry.control["kfar_roummah"] == "government"
    assert before_entry.control["maaret_al_numan"] == "opposition"


def test_the_west_exit_stays_open_through_the_entry(data):
    world = World(data)
    for event in _certain_until(data, "maaret_entered"):
        world.apply(event)
        assert world.roads["maaret_kafr_nabl"]["status"] != "closed", event["id"]
        enc = world.encirclement["maaret_al_numan"]
        assert "maaret_kafr_nabl" in enc["open_exits"], event["id"]
    assert world.control["maaret_al_numan"] == "government"


def test_more_than_23_localities_are_seized_before_the_entry(data):
    before_entry = _replay(data, "kfar_roummah_captured")
    assert before_entry.localities > 23
    by_28 = _replay(data, "maaret_entered")
    assert by_28.localities == before_entry.localities + 1
    # Spread over several days from Friday, not all on one.
    days = {
        e["date"]
        for e in _certain_until(data, "maaret_entered")
        if e.get("localities", 0) or _effects(e, "capture")
    }
    assert len(days) >= 4 and min(days) == START


def test_the_article_disagreement_on_encirclement_is_shown_as_reports(events):
    reports = [e for e in events.values() if e["kind"] == "report"]
    cited = {t.split(":")[0] for e in reports for t in _sources(e["source"])}
    assert {"article ¶3", "article ¶7"} <= cited
    assert all(not e.get("effects") for e in reports)


def test_saraqeb_becomes_the_next_target_after_maaret(events, roads, locations):
    target = events["saraqeb_next_target"]
    assert target["after"] == "maaret_entered" and target.get("probability", 1.0) == 1.0
    threats = _effects(target, "threat")
    assert max(threats, key=lambda t: t["level"])["location"] == "saraqeb"
    capture = events["saraqeb_captured"]
    # the record: entered on Wednesday 5 February, per the Observatory
    assert capture["date"] == dt.date(2020, 2, 5)
    assert {"location": "saraqeb", "faction": "government"} in _effects(capture, "capture")
    assert any(t.startswith("ians_2020_02_06") for t in _sources(capture["source"]))
    # Saraqeb is the first M5 town to fall after Maaret: every other capture of a town or city
    # on the M5 comes later.
    on_m5 = {
        end for r in roads.values() if r.get("highway") == "M5" for end in (r["from"], r["to"])
    }
    towns = {i for i in on_m5 if locations[i]["kind"] in ("town", "city")} - {"saraqeb"}
    for event in events.values():
        if event["date"] >= ENTRY and event["id"] != "maaret_entered":
            taken = {c["location"] for c in _effects(event, "capture")} & towns
            if taken:
                assert event["date"] > capture["date"], (event["id"], taken)


def _triggers(events: dict[str, dict[str, Any]], event: dict[str, Any]) -> list[str]:
    """The chain of `after` triggers behind `event`, nearest first."""
    chain = []
    while "after" in event:
        event = events[event["after"]]
        chain.append(event["id"])
    return chain


def test_the_us_statement_and_envoy_visit_raise_leverage(events):
    statement = events["us_statement"]
    assert statement["date"] == dt.date(2020, 1, 27) and statement["kind"] == "statement"
    assert _effects(statement, "diplomacy")[0]["leverage"] > 0
    assert any(t.startswith("article ¶13") for t in _sources(statement["source"]))
    visit = events["envoy_visit"]
    assert visit["kind"] == "visit" and _effects(visit, "diplomacy")[0]["bonus"] > 0
    assert any(t.startswith("article ¶15") for t in _sources(visit["source"]))


def test_the_second_front_west_of_aleppo_opens(events):
    offensive = events["west_aleppo_offensive"]
    assert offensive["kind"] == "offensive"
    targets = {b["target"] for b in _effects(offensive, "bombard")}
    assert "west_aleppo_suburbs" in targets
    assert any(t.startswith("article ¶12") for t in _sources(offensive["source"]))


# --- player and model ----------------------------------------------------------------------------


def test_player_costs_cover_every_order_kind(data):
    costs = data["player"]["costs"]
    assert set(costs) == {"convoy", "shelter", "pause", "corridor", "evacuate", "appeal"}
    player = data["player"]
    # Scarcity: the starting funds pay for well under twenty convoys.
    assert player["funds"] // costs["convoy"]["funds"] < 20
    assert player["trucks"] // costs["convoy"]["trucks"] <= 5
    assert costs["pause"]["leverage"] <= player["leverage"] < 2 * costs["pause"]["leverage"]


def test_sphere_minimums_are_in_the_model(data):
    model = data["model"]
    assert model["sphere_water_lpd"]["value"] == 15
    assert model["sphere_food_kcal"]["value"] == 2100
    assert model["sphere_shelter_m2"]["value"] >= 3.5
    for name in ("sphere_water_lpd", "sphere_food_kcal", "sphere_shelter_m2"):
        assert any(t.startswith("sphere_2018:") for t in _sources(model[name]["source"]))


def test_difficulty_presets_include_standard(data):
    ids = [d["id"] for d in data["difficulties"]]
    assert "standard" in ids and len(ids) >= 3


# --- the loader (game.scenario.load_scenario) -------------------------------------------------


def test_the_loader_accepts_the_file():
    scenario_pkg = pytest.importorskip("game.scenario")
    load = getattr(scenario_pkg, "load_scenario", None)
    if load is None:
        pytest.skip("game.scenario.load_scenario has not landed yet")
    scenario = load(str(SCENARIO))
    assert scenario.meta.start_date == START
    maaret = scenario.location_by_id["maaret_al_numan"]
    assert maaret.encirclement is not None
    assert "maaret_kafr_nabl" in maaret.encirclement.open_exits
    assert len(scenario.timeline) == len(yaml.safe_load(SCENARIO.read_text())["timeline"])


def test_corridor_validate_accepts_the_file():
    if importlib.util.find_spec("game.commands.validate") is None:
        pytest.skip("`corridor validate` has not landed yet")
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(SCENARIO)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "idlib.yaml" in done.stdout and "locations" in done.stdout
