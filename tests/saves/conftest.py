"""Fixtures for save tests: a small scenario, sessions, and a supply of orders to try."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.yaml"


@pytest.fixture(scope="session")
def small_scenario():
    from game.scenario import load_scenario

    return load_scenario(SMALL)


def candidate_orders(scenario):
    """Orders of every kind over the scenario's places and roads; many will be refused at any
    given turn, which is the point: the session keeps only those the engine accepts."""
    from game.engine.orders import (
        Evacuate,
        ExpandShelter,
        LaunchAppeal,
        NegotiateCorridor,
        NegotiatePause,
        SendConvoy,
    )
    from game.scenario.model import Cargo

    hubs = [loc.id for loc in scenario.locations if loc.hub]
    orders = [LaunchAppeal()]
    for loc in scenario.locations:
        for hub in hubs:
            if hub != loc.id:
                for cargo in Cargo:
                    orders.append(SendConvoy(hub, loc.id, cargo, 5))
        orders.append(ExpandShelter(loc.id, 500))
        orders.append(NegotiatePause(loc.id))
        for road in scenario.roads_at(loc.id):
            orders.append(Evacuate(loc.id, road.id, 1000))
    for road in scenario.roads:
        orders.append(NegotiateCorridor(road.id))
    return orders


def play(session, choices, candidates):
    """Play one turn per entry of `choices` (each a list of candidate indices to try)."""
    for picks in choices:
        if session.game_over:
            break
        for index in picks:
            session.queue(candidates[index % len(candidates)])
        session.end_turn()
    return session
