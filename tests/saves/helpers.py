"""Builders for save files in tests that do not need the engine (hashes are made up)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.saves.format import SaveHeader, ScenarioRef, TurnLine, encode_save, text_sha256

SCENARIO_TEXT = 'meta:\n  id: tiny\n  title: "Tiny — Maarat ¶"\n  turns: 30\n'


def fake_hash(n: int) -> str:
    return hashlib.sha256(f"state {n}".encode()).hexdigest()


def fake_save(turns: int = 3, *, text: str = SCENARIO_TEXT, orders_per_turn: int = 1) -> bytes:
    header = SaveHeader(
        scenario=ScenarioRef("tiny", "Tiny", "scenarios/tiny.yaml", text_sha256(text)),
        seed=7,
        difficulty=None,
        turns=30,
        initial_hash=fake_hash(0),
        game_version="0.1.0",
    )
    lines = [
        TurnLine(
            turn=n,
            orders=tuple({"kind": "appeal"} for _ in range(orders_per_turn)),
            hash=fake_hash(n),
            date=f"2020-01-{23 + n:02d}",
            figures={"sheltered": n * 100, "needs_covered_pct": 12.5},
        )
        for n in range(1, turns + 1)
    ]
    return encode_save(header, text, lines)


def write(tmp_path: Path, data: bytes, name: str = "game.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path
