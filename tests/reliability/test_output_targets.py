"""Every file the game writes goes through one writer (`game.saves.output` over
`game.saves.atomic`): whatever a user names as an output (`schema -o`, `generate -o`,
`balance -o`, `simulate --csv`, `simulate --save`), nothing but that file changes, a device or
FIFO is written into and never replaced, anything else that is not a regular file is refused,
and every operating-system error is one clear message naming the path, exit status 2, never a
traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.cli import main
from game.saves import atomic
from tests.reliability.support import REPO, SMALL

WRITERS = {
    "schema -o": lambda target: ["schema", "-o", target],
    "generate -o": lambda target: ["generate", "--locations", "10", "-o", target],
    "simulate --csv": lambda target: ["simulate", "--turns", "1", "--csv", target],
    "simulate --save": lambda target: ["simulate", "--turns", "1", "--save", target],
    "balance -o": lambda target: ["balance", str(SMALL), "--seeds", "1", "-o", target],
}


def run_cli(capsys, argv: list[str]) -> tuple[int, str]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


def refused(capsys, argv: list[str], *words: str) -> str:
    status, err = run_cli(capsys, argv)
    assert status == 2, err
    for word in words:
        assert word in err, err
    return err


def temps(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]


def char_device(path: Path, major: int, minor: int) -> Path:
    """A character device node of our own (never /dev's real ones: if a writer replaced it,
    the machine would lose its /dev/null)."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return path


@contextlib.contextmanager
def reader_of(fifo: Path):
    """A thread reading everything written into `fifo`, until the writer closes it."""
    got = bytearray()

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.extend(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    time.sleep(0.05)
    yield got
    thread.join(10)


# --- targets that are not regular files -----------------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_without_a_reader_is_an_error_not_a_hang(capsys, tmp_path, writer):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(capsys, WRITERS[writer](str(fifo)), str(fifo), "no process is reading")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert temps(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_with_a_reader_is_written_into_and_stays_a_fifo(capsys, tmp_path, writer):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with reader_of(fifo) as got:
        status, err = run_cli(capsys, WRITERS[writer](str(fifo)))
    assert status == 0, err
    assert len(got) > 100
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_character_device_is_written_into_not_replaced(capsys, tmp_path, writer):
    null = char_device(tmp_path / "null", 1, 3)
    status, err = run_cli(capsys, WRITERS[writer](str(null)))
    assert status == 0, err
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert temps(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_device_is_a_clear_error(capsys, tmp_path, writer):
    full = char_device(tmp_path / "full", 1, 7)
    refused(capsys, WRITERS[writer](str(full)), str(full), "device is full")
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_directory_is_refused(capsys, tmp_path, writer):
    target = tmp_path / "dir"
    target.mkdir()
    (target / "inside").write_text("keep")
    refused(capsys, WRITERS[writer](str(target)), "is a directory")
    assert target.is_dir() and (target / "inside").read_text() == "keep"


@pytest.mark.parametrize("writer", WRITERS)
def test_a_symlink_at_the_target_is_refused_and_its_file_kept(capsys, tmp_path, writer):
    pointee = tmp_path / "pointee"
    pointee.write_text("keep me")
    link = tmp_path / "link"
    link.symlink_to(pointee)
    refused(capsys, WRITERS[writer](str(link)), str(link), "symbolic link")
    assert pointee.read_text() == "keep me" and link.is_symlink()


def test_a_dangling_symlink_is_refused_and_nothing_is_created(capsys, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "would-be-created")
    refused(capsys, ["schema", "-o", str(link)], "symbolic link")
    assert not (tmp_path / "would-be-created").exists()


def test_a_symlink_to_a_device_or_fifo_is_written_into_like_dev_stdout(capsys, tmp_path):
    """/dev/stdout and /dev/fd/N are links to streams: written into, nothing replaced."""
    null = char_device(tmp_path / "null", 1, 3)
    link = tmp_path / "stdout"
    link.symlink_to(null)
    status, err = run_cli(capsys, ["schema", "-o", str(link)])
    assert status == 0, err
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(null).st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "fd").symlink_to(fifo)
    with reader_of(fifo) as got:
        status, err = run_cli(capsys, ["simulate", "--turns", "2", "--csv", str(tmp_path / "fd")])
    assert status == 0, err
    assert got.startswith(b"turn,") and (tmp_path / "fd").is_symlink()


def test_a_symlink_loop_is_refused(capsys, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    refused(capsys, ["schema", "-o", str(tmp_path / "a")], "symbolic link")
    refused(capsys, ["schema", "-o", str(tmp_path / "a" / "x.json")], "symbolic links")


def test_a_socket_is_refused(capsys, tmp_path):
    import socket

    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        refused(capsys, ["schema", "-o", str(path)], "socket")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_block_device_is_refused(capsys, tmp_path):
    path = tmp_path / "disk"
    try:
        os.mknod(path, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    except OSError as error:
        pytest.skip(f"cannot make a block device node: {error}")
    refused(capsys, ["schema", "-o", str(path)], "block device")
    assert stat.S_ISBLK(os.lstat(path).st_mode)


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, words",
    [
        ("", ["empty"]),
        ("a\0b", ["NUL"]),
        ("out/", ["path separator"]),
        (".", ["directory"]),
        ("..", ["directory"]),
        ("x" * 256, ["too long"]),
        ("/".join(["d" * 200] * 30) + "/x", ["too long"]),
    ],
)
def test_bad_names_are_refused_with_the_reason(capsys, tmp_path, monkeypatch, name, words):
    monkeypatch.chdir(tmp_path)
    refused(capsys, ["schema", "-o", name], *words)
    assert sorted(os.listdir(tmp_path)) == []


def test_a_trailing_slash_on_a_new_name_does_not_create_a_file(capsys, tmp_path):
    refused(capsys, ["simulate", "--turns", "1", "--csv", str(tmp_path / "new") + "/"])
    assert not (tmp_path / "new").exists()


def test_a_file_as_a_directory_of_the_path_is_refused(capsys, tmp_path):
    (tmp_path / "file").write_text("keep")
    refused(capsys, ["schema", "-o", str(tmp_path / "file" / "x.json")], "not a directory")
    assert (tmp_path / "file").read_text() == "keep"


def test_a_missing_directory_is_refused(capsys, tmp_path):
    refused(
        capsys,
        ["generate", "--locations", "10", "-o", str(tmp_path / "no" / "x.yaml")],
        "does not exist",
    )


def test_a_symlinked_parent_directory_is_followed_like_any_path(capsys, tmp_path):
    """A link in the *directories* of an explicit path is the user's path (as for cp or git);
    only the final name is never a link."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via").symlink_to(real)
    status, err = run_cli(capsys, ["schema", "-o", str(tmp_path / "via" / "s.json")])
    assert status == 0, err
    assert (real / "s.json").is_file() and temps(real) == []


@pytest.mark.parametrize("target", ["/proc/self/status", "/proc/self/new.csv", "/sys/x.csv"])
def test_kernel_file_systems_are_refused(capsys, target):
    if not os.path.isdir(os.path.dirname(target)):
        pytest.skip(f"no {os.path.dirname(target)} here")
    refused(capsys, ["schema", "-o", target], target)


# --- existing regular files -----------------------------------------------------------------------


def test_a_read_only_file_is_not_replaced(capsys, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write any file")
    target = tmp_path / "ro.json"
    target.write_text("keep")
    target.chmod(0o444)
    refused(capsys, ["schema", "-o", str(target)], "read-only")
    assert target.read_text() == "keep"


def test_a_read_only_file_is_not_replaced_even_by_root(capsys, tmp_path, monkeypatch):
    target = tmp_path / "ro.json"
    target.write_text("keep")
    target.chmod(0o444)
    monkeypatch.setattr("game.saves.output.os.access", lambda path, mode: False)
    refused(capsys, ["schema", "-o", str(target)], "read-only")
    assert target.read_text() == "keep"


def test_a_hard_link_is_replaced_not_written_through(capsys, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    other = tmp_path / "other-name"
    os.link(target, other)
    status, err = run_cli(capsys, ["simulate", "--turns", "1", "--csv", str(target)])
    assert status == 0, err
    assert other.read_text() == "old" and target.read_text().startswith("turn,")


def test_an_existing_files_permissions_are_kept(capsys, tmp_path):
    target = tmp_path / "private.jsonl"
    target.write_text("old")
    target.chmod(0o600)
    assert main(["simulate", "--turns", "1", "--save", str(target)]) == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


# --- operating-system errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.ENOSPC, "disk is full"),
        (errno.EDQUOT, "quota"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.EMFILE, "Too many open files"),
    ],
)
@pytest.mark.parametrize("writer", WRITERS)
def test_an_error_creating_the_temp_file_is_a_message(
    capsys, tmp_path, monkeypatch, writer, code, words
):
    target = tmp_path / "out"
    target.write_text("keep")
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if str(path).startswith(str(tmp_path / atomic.TEMP_PREFIX)):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "open", failing_open)
    refused(capsys, WRITERS[writer](str(target)), str(target), words)
    assert target.read_text() == "keep" and temps(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_while_writing_keeps_the_old_file(capsys, tmp_path, monkeypatch, writer):
    target = tmp_path / "out"
    target.write_text("keep")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "write", full)
    refused(capsys, WRITERS[writer](str(target)), str(target), "disk is full")
    assert target.read_text() == "keep" and temps(tmp_path) == []


@contextlib.contextmanager
def mounted_tmpfs(path: Path, options: str):
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_real_read_only_file_system(capsys, tmp_path, writer):
    with mounted_tmpfs(tmp_path / "ro", "ro,size=64k") as directory:
        refused(capsys, WRITERS[writer](str(directory / "out")), "read-only")


def test_a_real_full_disk_keeps_the_old_file(capsys, tmp_path):
    with mounted_tmpfs(tmp_path / "disk", "size=64k") as disk:
        target = disk / "big.yaml"
        target.write_text("keep")
        refused(capsys, ["generate", "--locations", "400", "-o", str(target)], "disk is full")
        assert target.read_text() == "keep" and temps(disk) == []


# --- interruptions --------------------------------------------------------------------------------


def test_ctrl_c_during_a_write_leaves_the_old_file_and_no_temp(capsys, tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("keep")

    def interrupted(fd, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "write", interrupted)
    assert main(["simulate", "--turns", "2", "--csv", str(target)]) == 130
    assert target.read_text() == "keep" and temps(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_long_write_leaves_the_old_file_and_no_temp(tmp_path, signum):
    """A real process writing a long CSV (2,000 turns), signalled as soon as its temp file
    appears: the old file is intact and the temp file gone."""
    target = tmp_path / "out.csv"
    target.write_text("keep")
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "simulate", "--turns", "2000", "--csv", str(target)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not temps(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert temps(tmp_path), "the writer never started its temp file"
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode in (130, 128 + signum, -signum), err
    assert b"Traceback" not in err
    assert target.read_text() == "keep" and temps(tmp_path) == []


@pytest.mark.parametrize("signum, group", [(signal.SIGINT, True), (signal.SIGTERM, False)])
def test_a_signal_to_a_run_of_many_games_in_workers_ends_it_cleanly(tmp_path, signum, group):
    """--runs with worker processes: Ctrl+C (the whole process group) or SIGTERM (the main
    process only) ends the run within seconds, no worker left, the old file intact."""
    target = tmp_path / "out.csv"
    target.write_text("keep")
    argv = ["simulate", "--runs", "400", "--workers", "2", "--turns", "30", "--csv", str(target)]
    process = subprocess.Popen(
        [sys.executable, "-m", "game", *argv],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not temps(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # the workers are playing
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # only if something is left: fails below
    assert process.returncode in (130, 128 + signum), err
    assert b"Traceback" not in err
    assert target.read_text() == "keep" and temps(tmp_path) == []
    left = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, check=False)
    assert left.stdout == b"", "worker processes outlived the run"


def test_a_fifo_reader_that_stops_early_is_a_message(capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def read_a_little() -> None:
        with open(fifo, "rb") as handle:
            handle.read(10)

    thread = threading.Thread(target=read_a_little, daemon=True)
    thread.start()
    time.sleep(0.05)
    refused(capsys, ["simulate", "--turns", "3000", "--csv", str(fifo)], "closed the pipe")
    thread.join(10)


# --- standard output ------------------------------------------------------------------------------


def shell(command: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


CORRIDOR = f"{sys.executable} -m game"


@pytest.mark.parametrize(
    "command",
    [
        "schema",
        "--help",
        "--version",
        "simulate --help",
        "validate tests/scenario/fixtures/minimal.yaml",  # idlib warns on stderr
        "simulate --turns 2",
        "simulate --turns 2 --csv -",
        "simulate --turns 3 --runs 2",
    ],
)
def test_standard_output_on_a_full_device_is_one_message(command):
    done = shell(f"{CORRIDOR} {command} > /dev/full")
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().strip() == (
        "corridor: error: cannot write to standard output: no space left on the device"
    )


@pytest.mark.parametrize(
    "command", ["schema", "simulate --turns 30 --csv -", "--help", "simulate --turns 2"]
)
def test_a_closed_pipe_ends_quietly(command):
    done = shell(f"{CORRIDOR} {command} | head -c1 > /dev/null")
    if "--csv -" in command:  # the summary goes to stderr then, and is all there is
        assert done.stderr.startswith(b"Idlib") and b"error" not in done.stderr, done.stderr
    else:
        assert done.stderr == b"", done.stderr
    assert done.returncode in (0, 141)  # 0 when everything fit in the pipe before it closed
    big = shell(f"{CORRIDOR} generate --locations 2000 -o - | head -c1 > /dev/null")
    assert big.returncode == 141 and big.stderr == b"", big.stderr


def test_a_closed_standard_output_is_a_message():
    done = shell(f"{CORRIDOR} schema >&-")
    assert done.returncode == 2 and b"standard output" in done.stderr
    assert b"Traceback" not in done.stderr


def test_an_error_with_standard_error_full_exits_2_without_a_traceback():
    done = shell(f"{CORRIDOR} schema -o /nonexistent/dir/x.json 2> /dev/full")
    assert done.returncode == 2
    done = shell(f"{CORRIDOR} simulate --runs 0 2> /dev/full")
    assert done.returncode == 2


# --- outputs onto inputs, or onto each other --------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "{scenario}", "--turns", "1", "--save", "{scenario}"],
        ["simulate", "{scenario}", "--turns", "1", "--csv", "./{scenario}"],
        ["simulate", "{scenario}", "--turns", "1", "--save", "{link}"],
        ["balance", "{scenario}", "--seeds", "1", "-o", "{scenario}"],
    ],
)
def test_an_output_onto_the_scenario_being_read_is_refused(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(SMALL.read_bytes())
    os.link(scenario, tmp_path / "hard-link.yaml")
    filled = [a.format(scenario="s.yaml", link="hard-link.yaml") for a in argv]
    refused(capsys, filled, "being read")
    assert scenario.read_bytes() == SMALL.read_bytes()


@pytest.mark.parametrize(
    "csv, save", [("out", "out"), ("out", "./out"), ("sub/../out", "out"), ("-", "-")]
)
def test_two_outputs_onto_one_file_are_refused(capsys, tmp_path, monkeypatch, csv, save):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    refused(capsys, ["simulate", "--turns", "1", "--csv", csv, "--save", save], "both")
    assert not (tmp_path / "out").exists()


def test_two_hard_links_of_one_file_are_one_output(capsys, tmp_path):
    one = tmp_path / "one"
    one.write_text("keep")
    os.link(one, tmp_path / "two")
    refused(
        capsys, ["simulate", "--turns", "1", "--csv", str(one), "--save", str(tmp_path / "two")]
    )
    assert one.read_text() == "keep"
