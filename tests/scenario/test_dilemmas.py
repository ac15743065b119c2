"""Dilemmas and the effects they use, in the scenario format: what loads, and what is refused
with file, line and a fix."""

from __future__ import annotations

from game.scenario import load_scenario_text
from game.scenario.model import Escort, EventKind, Funds, HoldTrucks, OrderCost, Relocate, Stock

from .helpers import diagnostics, minimal_text, position, replace_once

DILEMMA = """  - id: escort_offer
    kind: dilemma
    title: "An armed group offers to escort convoys"
    date: 2020-01-27
    source: "assumption: a situation convoys met; dated for play"
    prompt: "Accept an armed escort for the coming days?"
    default: decline
    expires_days: 2
    options:
      - id: accept
        label: "Accept the escort"
        consequences: "Convoys are struck less; the parties read it as taking sides."
        source: "assumption: escorts protect convoys but cost neutrality"
        cost: {leverage: 10}
        effects:
          - escort: {days: 3, strike_factor: 0.5, odds_penalty: 0.1}
          - hold_trucks: {trucks: 5, days: 2}
      - id: decline
        label: "Decline"
        consequences: "Nothing changes."
        source: "assumption: the alternative to an escort"
        effects:
          - funds: {amount: 200, days: 4}
          - stock: {location: saraqeb, food: 10000, tents: 50}
          - relocate: {from: saraqeb, to: kfar_roummah, people: 500, places: 500}
"""
ANCHOR = "player:\n"


def with_dilemma(text: str = DILEMMA) -> str:
    return replace_once(minimal_text(), ANCHOR, text + ANCHOR)


def test_a_dilemma_loads_with_its_options_costs_and_effects():
    scenario = load_scenario_text(with_dilemma(), "d.yaml")
    event = scenario.timeline[-1]
    assert event.kind is EventKind.DILEMMA
    assert event.prompt.startswith("Accept an armed escort")
    assert event.default == "decline" and event.expires_days == 2
    accept, decline = event.options
    assert event.option("accept") is accept and event.option("nothing") is None
    assert accept.cost == OrderCost(leverage=10)
    assert accept.effects == (Escort(3, 0.5, 0.1), HoldTrucks(5, 2))
    assert decline.cost == OrderCost()
    assert decline.effects == (
        Funds(200, 4),
        Stock("saraqeb", food=10000, tents=50),
        Relocate("saraqeb", "kfar_roummah", 500, 500),
    )


def _one(text: str):
    (diagnostic,) = diagnostics(text)
    return diagnostic


def test_a_dilemma_needs_a_default_among_its_options():
    text = with_dilemma(DILEMMA.replace("default: decline", "default: refuse"))
    d = _one(text)
    assert "`default: refuse` is not one of the options of `escort_offer`" in d.message
    assert "accept, decline" in d.hint
    assert (d.line, d.column) == position(text, "refuse")


def test_the_default_option_costs_nothing():
    text = with_dilemma(DILEMMA.replace("default: decline", "default: accept"))
    d = _one(text)
    assert "the default option `accept` of `escort_offer` has a cost" in d.message


def test_a_dilemma_without_options_prompt_or_default_is_refused():
    text = with_dilemma(
        DILEMMA.replace('    prompt: "Accept an armed escort for the coming days?"\n', "")
    )
    assert "dilemma `escort_offer` has no `prompt`" in _one(text).message
    text = with_dilemma(DILEMMA.replace("    default: decline\n", ""))
    assert "has no `default`" in _one(text).message


def test_option_ids_are_unique_and_options_two_or_three():
    text = with_dilemma(DILEMMA.replace("      - id: decline", "      - id: accept"))
    messages = [d.message for d in diagnostics(text)]
    assert any("option id `accept` appears twice" in m for m in messages)
    one = DILEMMA[: DILEMMA.index("      - id: decline")]
    assert "needs at least 2 item(s)" in _one(with_dilemma(one)).message
    more = "".join(
        f"      - id: {oid}\n"
        f'        label: "{oid}"\n'
        '        consequences: "x"\n'
        '        source: "assumption: x"\n'
        for oid in ("wait", "ask")
    )
    extra = DILEMMA.replace("      - id: decline", more + "      - id: decline")
    assert "offers 4 options" in _one(with_dilemma(extra)).message


def test_dilemma_keys_on_another_event_are_refused():
    text = with_dilemma(DILEMMA.replace("kind: dilemma", "kind: report"))
    d = _one(text)
    assert "`prompt` belongs to a dilemma" in d.message and "kind: dilemma" in d.hint


def test_options_need_sources_and_effects_known_ids():
    text = with_dilemma(
        DILEMMA.replace('        source: "assumption: the alternative to an escort"\n', "")
    )
    assert "source" in _one(text).message
    text = with_dilemma(DILEMMA.replace("location: saraqeb, food", "location: saraqueb, food"))
    d = _one(text)
    assert "`saraqueb` is not a location id" in d.message and "saraqeb" in d.hint


def test_a_relocation_names_places():
    text = with_dilemma(DILEMMA.replace("to: kfar_roummah", "to: idlib"))
    assert "the relocation's `to` place `idlib` is not a location id" in _one(text).message


def test_a_stock_that_delivers_nothing_is_refused():
    text = with_dilemma(DILEMMA.replace("food: 10000, tents: 50", "food: 0"))
    assert "this stock effect delivers nothing" in _one(text).message


def test_the_json_schema_accepts_a_dilemma_and_refuses_an_unknown_option_key():
    import jsonschema

    from game.scenario.loader import load_nodes
    from game.scenario.nodes import to_plain
    from game.scenario.schema import scenario_schema

    validator = jsonschema.Draft202012Validator(scenario_schema())

    def plain(text: str):
        root, _ = load_nodes(text.encode(), "s.yaml")
        return to_plain(root)

    assert list(validator.iter_errors(plain(with_dilemma()))) == []
    wrong = with_dilemma(DILEMMA.replace('label: "Decline"', 'lable: "Decline"'))
    assert list(validator.iter_errors(plain(wrong)))
