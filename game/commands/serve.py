"""`corridor serve [SCENARIO] [--seed N] [--host H] [--port P]`: play in a web browser.

The scenario is loaded and validated, and the address tried, before the server starts, so a
broken scenario, an unknown host or a port in use is a message and exit status 2. Each browser
tab then runs its own game process (`game.web.tab`) with the same saves directory as the
terminal game. Ctrl+C stops the server and every tab's game.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from game.paths import resolve_scenario, saves_dir
    from game.scenario import load_scenario
    from game.web.address import bind_error, check_listen_address

    scenario_path = resolve_scenario(args.scenario)
    named = args.scenario is not None and Path(args.scenario) != scenario_path
    if named and not scenario_path.exists():  # a name that is not a bundled scenario
        from game.commands.validate import _unknown_name

        raise _unknown_name(args.scenario)
    scenario = load_scenario(scenario_path)  # a ScenarioError here is reported by the CLI
    check_listen_address(args.host, args.port)

    from game.web.server import CorridorServer, tab_command

    saves = saves_dir(args.saves_dir)
    server = CorridorServer(
        tab_command(scenario_path.resolve(), args.seed, args.saves_dir),
        args.host,
        args.port,
        banner=banner(args.host, args.port, scenario.meta.title, saves),
    )
    try:
        server.serve()
    except OSError as error:  # the port was taken between the check and the server's bind
        raise bind_error(f"{args.host}:{args.port}", error) from None
    print("Corridor: server stopped.", flush=True)
    return 0


def page_address(host: str, port: int) -> str:
    """The address to open in a browser (on this machine, for a wildcard host)."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def banner(host: str, port: int, title: str, saves: Path) -> str:
    """What the server prints once it listens: where to point a browser, where saves go."""
    from game.paths import shown_path
    from game.web.address import is_loopback

    lines = [
        f"Corridor ({title}) is served at {page_address(host, port)}",
        "Open that address in a web browser; each tab plays its own game.",
        f"Saves go to {shown_path(saves)} (the same place as the terminal game).",
    ]
    if not is_loopback(host):
        lines.append(
            f"Listening on {host}:{port}: anyone who can reach this machine on the network can "
            "open the page and play (plain HTTP, no password)."
        )
    lines.append("Press Ctrl+C to stop the server and every tab's game.")
    return "\n".join(lines)
