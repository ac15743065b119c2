"""The synthetic scenario generator: deterministic, valid-looking, a connected planar-ish graph."""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.tools.synthetic import generate_scenario, generate_yaml, to_yaml


def _degrees(doc):
    deg = Counter()
    for road in doc["roads"]:
        deg[road["from"]] += 1
        deg[road["to"]] += 1
    return deg


def _connected(doc) -> bool:
    adj = {loc["id"]: [] for loc in doc["locations"]}
    for road in doc["roads"]:
        adj[road["from"]].append(road["to"])
        adj[road["to"]].append(road["from"])
    start = doc["locations"][0]["id"]
    seen, queue = {start}, deque([start])
    while queue:
        for other in adj[queue.popleft()]:
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return len(seen) == len(adj)


def _crosses(p1, p2, q1, q2) -> bool:
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    if len({p1, p2, q1, q2}) < 4:  # roads sharing an end do not cross
        return False
    return orient(p1, p2, q1) != orient(p1, p2, q2) and orient(q1, q2, p1) != orient(q1, q2, p2)


def test_same_seed_same_text_other_seed_other_text():
    assert generate_yaml(300, 7) == generate_yaml(300, 7)
    assert generate_yaml(300, 7) != generate_yaml(300, 8)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(min_value=10, max_value=600), seed=st.integers(0, 2**32))
def test_graph_is_connected_with_degree_two_to_six(n, seed):
    doc = generate_scenario(n, seed)
    assert len(doc["locations"]) == n
    assert _connected(doc)
    degrees = _degrees(doc)
    assert all(2 <= degrees[loc["id"]] <= 6 for loc in doc["locations"])


def test_roads_do_not_cross():
    doc = generate_scenario(400, 3)
    where = {loc["id"]: (loc["lat"], loc["lon"]) for loc in doc["locations"]}
    segs = [(where[r["from"]], where[r["to"]]) for r in doc["roads"]]
    crossings = sum(
        _crosses(*segs[i], *segs[j]) for i in range(len(segs)) for j in range(i + 1, len(segs))
    )
    # Links across dropped grid cells may cross a neighbouring diagonal now and then.
    assert crossings <= len(segs) // 50


@settings(max_examples=10, deadline=None)
@given(n=st.integers(min_value=10, max_value=400), seed=st.integers(0, 2**32))
def test_references_sources_dates_and_populations_hold(n, seed):
    doc = generate_scenario(n, seed)
    ids = {loc["id"] for loc in doc["locations"]}
    road_ids = {r["id"] for r in doc["roads"]}
    factions = {f["id"] for f in doc["factions"]}
    assert len(ids) == n and len(road_ids) == len(doc["roads"])
    start = doc["meta"]["start_date"]
    end = start + dt.timedelta(days=doc["meta"]["turns"] - 1)
    for loc in doc["locations"]:
        assert loc["source"].startswith("assumption: synthetic")
        assert 0 <= loc["displaced"] <= loc["population"]
        assert loc["control"] in factions
    for road in doc["roads"]:
        assert road["source"].startswith("assumption: synthetic")
        assert road["from"] in ids and road["to"] in ids and road["from"] != road["to"]
        assert road["km"] > 0
    seen = set()
    for event in doc["timeline"]:
        assert event["source"].startswith("assumption: synthetic")
        assert start <= event["date"] <= end
        if "latest" in event:
            assert event["date"] <= event["latest"] <= end
        if "after" in event:
            assert event["after"] in seen
        seen.add(event["id"])
        for effect in event["effects"]:
            ((kind, body),) = effect.items()
            if kind == "capture":
                assert body["location"] in ids and body["faction"] in factions
            elif kind == "road":
                assert body["road"] in road_ids
            elif kind in ("bombard", "threat"):
                assert body.get("target", body.get("location")) in ids
    kinds = Counter(loc["kind"] for loc in doc["locations"])
    assert kinds["camp"] >= 3 and kinds["crossing"] == 1
    assert any(loc.get("hub") for loc in doc["locations"])
    controls = Counter(loc["control"] for loc in doc["locations"])
    assert controls["attacker"] > 0 and controls["defender"] > 0


def test_several_fronts_advance_at_country_scale():
    doc = generate_scenario(6000, 1)
    fronts = {e["id"].split("_")[0] for e in doc["timeline"] if e["id"].startswith("front")}
    assert len(fronts) >= 4
    captured = [eff for e in doc["timeline"] for eff in e["effects"] if "capture" in eff]
    assert len(captured) > 100


def test_yaml_text_parses_back_to_the_document():
    doc = generate_scenario(
        200,
        5,
        base={"model": {"x_rate": {"value": 0.5, "unit": "1/day", "source": "assumption: test"}}},
    )
    assert yaml.safe_load(to_yaml(doc)) == doc


def test_numbers_keep_their_type_in_yaml():
    values = [2e-05, 1e20, -3.5e-7, 0.1, 1.0, 7, 0, 123456789012]
    assert yaml.safe_load(to_yaml({"model": {"xs": values}})) == {"model": {"xs": values}}


def test_base_sections_are_copied():
    base = {
        "sources": [{"id": "flee_2017", "title": "Flee"}],
        "model": {
            "leave_rate_front": {
                "value": 0.3,
                "unit": "fraction/day",
                "source": "flee_2017: conflict zones",
            }
        },
        "difficulties": [{"id": "standard", "name": "Standard"}],
    }
    doc = generate_scenario(50, 1, base=base)
    assert doc["model"] == base["model"]
    assert doc["sources"] == base["sources"]
    assert doc["difficulties"] == base["difficulties"]


def test_cli_writes_the_file_atomically(tmp_path, capsys):
    out = tmp_path / "synthetic.yaml"
    assert main(["generate", "--locations", "120", "--seed", "4", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert len(yaml.safe_load(text)["locations"]) == 120
    assert [p.name for p in tmp_path.iterdir()] == ["synthetic.yaml"]  # no temp file left


def test_cli_reports_a_missing_directory_without_traceback(tmp_path, capsys):
    status = main(["generate", "--locations", "20", "-o", str(tmp_path / "no" / "x.yaml")])
    assert status == 2
    assert "does not exist" in capsys.readouterr().err


def test_generated_scenario_passes_the_loader(tmp_path):
    scenario_mod = pytest.importorskip("game.scenario")
    if not hasattr(scenario_mod, "load_scenario"):
        pytest.skip("the scenario loader has not landed yet")
    from game.commands.generate import base_sections

    out = tmp_path / "synthetic.yaml"
    out.write_text(generate_yaml(500, 2, base_sections()), encoding="utf-8")
    scenario = scenario_mod.load_scenario(str(out))
    assert len(scenario.locations) == 500


@pytest.mark.slow
def test_country_scale_file_loads_and_validates(tmp_path):
    """The loader and validator take a 6,000-place file (its time is in the benchmarks)."""
    from game.commands.generate import base_sections
    from game.scenario import load_scenario

    out = tmp_path / "synthetic.yaml"
    assert main(["generate", "--locations", "6000", "--seed", "3", "-o", str(out)]) == 0
    scenario = load_scenario(str(out))
    assert len(scenario.locations) == 6000
    assert len(scenario.roads) > 6000
    assert scenario.model.keys() == base_sections().get("model", {}).keys()
