"""Path safety, filling the gaps around the saves helper's tests (tests/saves/test_save_paths.py:
a fixed list of bad and good names, a symlinked target or backup for `write_atomic`, autosave
names from hostile scenario ids; test_session.py: five bad names through `session.save`).

Here: any name whatsoever either is refused or lands directly inside the saves directory and
writes nothing else; links planted in saves/ (symbolic, hard, at the autosave, its backup or
the temp file's name) are never written through; Continue and the Load list do not offer links;
a save's recorded scenario path is never opened; bundled scenario names stay in scenarios/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.app.session import GameSession
from game.errors import CorridorError, PathError, SaveError
from game.paths import resolve_scenario, scenarios_dir
from game.saves import atomic, latest_autosave, list_saves, read_save
from game.saves.names import save_path
from tests.reliability.support import small_scenario

NAMES = st.one_of(
    st.text(max_size=120),
    st.lists(
        st.sampled_from(
            ["..", ".", "/", "\\", "~", "a", "é", " ", "\x00", "\n", "autosave-", ".prev",
             ".jsonl", "con", "C:", "%2e%2e", "\u2215", "\uff0f", "\u202e", "*", "?"]
        ),
        max_size=12,
    ).map("".join),
)  # fmt: skip


@pytest.fixture(scope="module")
def scenario():
    return small_scenario()


def _tree(root: Path) -> dict[str, bytes | str]:
    """Every entry under `root`: file bytes, or the target of a link."""
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            out[key] = "-> " + os.readlink(path)
        elif path.is_file():
            out[key] = path.read_bytes()
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_any_save_name_is_refused_or_stays_directly_inside(tmp_path_factory, name):
    directory = tmp_path_factory.mktemp("saves")
    try:
        path = save_path(directory, name)
    except PathError as error:
        assert error.diagnostics and str(directory) in error.format()
        return
    assert path.parent == directory
    assert path.resolve().parent == directory.resolve()
    assert path.name.endswith(".jsonl") and not path.name.endswith(".prev.jsonl")
    assert not path.name.startswith((".", "autosave-"))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=NAMES)
def test_a_named_save_writes_exactly_one_file_in_the_saves_dir(tmp_path_factory, scenario, name):
    root = tmp_path_factory.mktemp("root")
    (root / "outside.jsonl").write_bytes(b"keep")
    saves = root / "saves"
    session = GameSession.new(scenario, 1, saves_dir=saves, autosave=False, durable=False)
    session.end_turn()
    saves.mkdir()
    before = _tree(root)
    try:
        written = session.save(name)
    except PathError:
        assert _tree(root) == before
        return
    after = _tree(root)
    changed = {k for k in after if after[k] != before.get(k)} | set(before) - set(after)
    assert changed == {str(written.relative_to(root))}
    assert written.parent == saves
    assert read_save(written).header.seed == 1


# --- links in saves/ ------------------------------------------------------------------------


@pytest.fixture
def planted(tmp_path, scenario):
    """A session whose saves directory exists, and a file outside it that must not change."""
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    saves = tmp_path / "saves"
    saves.mkdir()
    session = GameSession.new(scenario, 5, saves_dir=saves, durable=False)
    return session, saves, outside


@pytest.mark.parametrize("which", ["autosave", "previous"])
def test_symlink_at_the_autosave_or_its_backup_is_not_written_through(planted, which):
    session, _, outside = planted
    session.end_turn()  # the autosave exists, so the next one renames it to .prev
    target = session.autosave_path
    if which == "previous":
        target = target.with_name(target.name.replace(".jsonl", ".prev.jsonl"))
    else:
        target.unlink()
    target.symlink_to(outside)
    session.end_turn()
    assert isinstance(session.autosave_error, CorridorError)
    assert outside.read_text() == "keep me"
    assert target.is_symlink()
    assert session.turn == 2


def test_symlink_at_the_autosave_is_reported_not_raised(planted):
    session, _, outside = planted
    session.autosave_path.symlink_to(outside)
    session.end_turn()
    assert session.autosave_error is not None


def test_named_save_refuses_a_symlink_to_a_directory(planted):
    session, saves, outside = planted
    (saves / "game.jsonl").symlink_to(outside.parent, target_is_directory=True)
    with pytest.raises(PathError):
        session.save("game")
    assert outside.read_text() == "keep me"


def test_hard_link_in_saves_is_replaced_not_written_through(planted):
    """A hard link to an outside file, named like a save: the atomic rename replaces the
    directory entry, so the outside file keeps its content."""
    session, saves, outside = planted
    os.link(outside, saves / "linked.jsonl")
    session.end_turn()
    session.save("linked")
    assert outside.read_text() == "keep me"
    assert read_save(saves / "linked.jsonl").header.seed == 5


def test_temp_file_name_taken_by_a_symlink_is_not_followed(tmp_path, monkeypatch):
    """The temp file is created with O_EXCL | O_NOFOLLOW: a link planted at its name (were
    the random part guessed) makes the save fail cleanly, not write through the link."""
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    saves = tmp_path / "saves"
    saves.mkdir()
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: "guessed")
    temp = saves / f"{atomic.TEMP_PREFIX}{os.getpid()}-guessed{atomic.TEMP_SUFFIX}"
    temp.symlink_to(outside)
    with pytest.raises(SaveError):
        atomic.write_atomic(saves / "game.jsonl", b"new\n")
    assert outside.read_text() == "keep me"
    assert not (saves / "game.jsonl").exists()


def test_continue_and_the_load_list_do_not_offer_links(planted, tmp_path):
    """A link in saves/ named like an autosave, pointing at a save elsewhere, is not offered
    (reading through links would let a shared directory show another user's files)."""
    session, saves, _ = planted
    elsewhere = tmp_path / "elsewhere"
    other = GameSession.new(session.scenario, 8, saves_dir=elsewhere, durable=False)
    other.end_turn()
    (saves / "autosave-x-1.jsonl").symlink_to(other.autosave_path)
    (saves / "mine.jsonl").symlink_to(other.autosave_path)
    assert latest_autosave(saves) is None
    assert list_saves(saves) == []


# --- paths recorded in saves and scenario names ---------------------------------------------


@pytest.mark.parametrize("recorded", ["/dev/zero", "/etc/shadow", "../../../../etc/passwd"])
def test_a_saves_recorded_scenario_path_is_never_opened(tmp_path, scenario, recorded, monkeypatch):
    """Loading uses the scenario text embedded in the save; the path in its header is only a
    name (reading /dev/zero would never end)."""
    from game.engine import new_game
    from game.replay.recording import scenario_text_of

    rebuilt = GameSession(
        scenario,
        scenario_text_of(scenario),
        2,
        None,
        new_game(scenario, 2),
        saves_dir=tmp_path,
        autosave=False,
        scenario_path=recorded,
    )
    rebuilt.end_turn()
    path = rebuilt.save_to(tmp_path / "g.jsonl")
    assert read_save(path).header.scenario.path == recorded
    opened = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    loaded = GameSession.load(path, autosave=False)
    assert loaded.turn == 1
    assert recorded not in opened and all("shadow" not in p and "zero" not in p for p in opened)


@pytest.mark.parametrize("name", ["../README", "../../etc/passwd", "a/../../x"])
def test_bundled_scenario_names_stay_in_the_scenarios_dir(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing of that name exists here: it is taken as a bundled name
    path = resolve_scenario(name)
    bundled = scenarios_dir().resolve()
    inside = path.resolve().parent == bundled
    assert inside or path == Path(name), path
