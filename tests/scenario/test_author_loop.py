"""The author's loop: `corridor new FILE` writes a starter that validates without a warning
and plays a whole game; `corridor FILE` opens the title screen on that file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from game.cli import main
from game.engine.simulate import play_to_end
from game.scenario.basis import event_basis
from game.scenario.load import load_scenario
from game.scenario.model import Basis
from game.scenario.starter import starter_text

from .helpers import IDLIB


def test_new_writes_a_starter_that_validates_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "my-crisis.yaml"
    assert main(["new", str(target)]) == 0
    assert "Next: corridor validate" in capsys.readouterr().err
    warnings: list = []
    scenario = load_scenario(target, warnings=warnings)
    assert warnings == []
    assert scenario.meta.id == "my_crisis" and scenario.meta.title == "My crisis"
    assert main(["validate", "--strict", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("assumption:") >= 10 and "#" in text  # sourced and commented


def test_the_starter_plays_a_whole_game_and_things_happen(tmp_path: Path) -> None:
    target = tmp_path / "starter.yaml"
    target.write_text(starter_text(str(target)), encoding="utf-8")
    scenario = load_scenario(target)
    outcome = play_to_end(scenario, 1, "greedy")
    final = outcome.final_figures
    assert outcome.turns == scenario.meta.turns
    assert final is not None and final.displaced_since_december > 0
    assert final.convoys_delivered > 0
    # one event of each basis, so an author sees both in the log
    assert {event_basis(e) for e in scenario.timeline} == {Basis.PROJECTED}
    assert any(e.probability < 1 for e in scenario.timeline)


def test_new_never_replaces_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken.yaml"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", str(target)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    link = tmp_path / "link.yaml"
    os.symlink(tmp_path / "nowhere.yaml", link)
    assert main(["new", str(link)]) == 2
    assert not (tmp_path / "nowhere.yaml").exists()


def _captured_play(monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    calls: list[argparse.Namespace] = []
    import game.commands.play as play

    monkeypatch.setattr(play, "run", lambda args: calls.append(args) or 0)
    return calls


def test_corridor_file_opens_the_title_screen_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "crisis.yaml"
    target.write_text(starter_text(str(target)), encoding="utf-8")
    calls = _captured_play(monkeypatch)
    assert main(["--saves-dir", str(tmp_path), str(target)]) == 0
    (args,) = calls
    assert args.title is True and args.scenario == str(target)
    assert main([]) == 0 and calls[-1].scenario is None and calls[-1].title is True


@pytest.mark.skipif(not IDLIB.exists(), reason="no bundled scenario")
def test_corridor_bundled_name_opens_its_title(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _captured_play(monkeypatch)
    assert main(["idlib"]) == 0
    assert calls[-1].scenario == "idlib" and calls[-1].title is True


def test_a_misspelt_command_is_still_refused_as_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["valdate", "x"])
    assert "invalid choice: 'valdate'" in capsys.readouterr().err


def test_corridor_missing_yaml_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_new_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-"]) == 0
    out = capsys.readouterr().out
    assert "id: my_scenario" in out and out.count("assumption:") >= 10


@pytest.mark.parametrize("name", ["", "somewhere/"])
def test_new_refuses_names_that_are_no_file(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", name]) == 2
    assert capsys.readouterr().err.strip()
