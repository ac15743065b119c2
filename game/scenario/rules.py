"""Checks across the keys of one record (`Record.rules`): each gets the record's valid values,
its node, the checker and its path; it records its own diagnostics, returns False if the record
must not be built, and registers what the cross-record checks (`crosscheck.py`) need.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.scenario.checker import Checker
from game.scenario.model import EventKind
from game.scenario.nodes import Map, Scalar, Seq
from game.scenario.provenance import ARTICLE

FORMAT_VERSIONS = (1,)


def meta_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    if "start_date" in values and "turns" in values:
        # the last turn covers all of its days
        days = values.get("turn_days", 1) * values["turns"] - 1
        ck.campaign = (values["start_date"], values["start_date"] + dt.timedelta(days=days))
    version = values.get("format_version")
    if version is not None and version not in FORMAT_VERSIONS:
        supported = ", ".join(str(v) for v in FORMAT_VERSIONS)
        ck.error(
            node.get("format_version"),
            f"format_version {version} is not supported by this version of Corridor",
            f"this version reads format_version {supported}; update Corridor or the file",
            f"{path}.format_version",
        )
        return False
    return True


def source_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    if "id" not in values:
        return True
    ck.source_paragraphs[values["id"]] = values.get("paragraphs")
    if (
        values["id"] == ARTICLE
        and values.get("paragraphs") is None
        and "paragraphs" not in node.entries
    ):
        ck.error(
            node,
            "the `article` source needs `paragraphs`",
            "add `paragraphs: 15` (the number of paragraphs it can be cited by)",
            path,
        )
        return False
    return True


def _exit_claims(location: str, exits: object, ck: Checker, path: str) -> None:
    if isinstance(exits, Seq):
        for i, item in enumerate(exits.items):
            if isinstance(item, Scalar) and isinstance(item.value, str):
                ck.exits.append((location, item.value, item, f"{path}.open_exits[{i}]"))


def location_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    ok = True
    population, displaced = values.get("population"), values.get("displaced")
    if population is not None and displaced is not None and displaced > population:
        ck.error(
            node.get("displaced"),
            f"`displaced` ({displaced:,}) is above `population` ({population:,})",
            "`population` counts everyone present, displaced people included: raise it to at "
            f"least {displaced:,} or lower `displaced`",
            f"{path}.displaced",
        )
        ok = False
    if values.get("hub"):
        ck.hubs += 1
    encirclement = node.get("encirclement")
    if "id" in values and isinstance(encirclement, Map):
        _exit_claims(values["id"], encirclement.get("open_exits"), ck, f"{path}.encirclement")
    return ok


def road_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    a, b = values.get("a"), values.get("b")
    if a is not None and a == b:
        ck.error(
            node.get("to"),
            f"road `{values.get('id', '?')}` starts and ends at `{a}`",
            "a road joins two different locations: fix `from` or `to`",
            f"{path}.to",
        )
        return False
    if "id" in values and a is not None and b is not None:
        ck.road_ends[values["id"]] = (a, b)
    return True


def event_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    ok = True
    event = values.get("id", "?")
    if not {"date", "after"} & node.entries.keys():
        ck.error(
            node,
            f"event `{event}` has neither `date` nor `after`",
            "give the date it happens (or becomes possible), or `after: <event id>`",
            path,
        )
        ok = False
    for key in ("date", "latest"):
        if key in values:
            ck.dates.append((values[key], node.get(key), f"{path}.{key}", event))  # type: ignore[arg-type]
    if "date" in values and "latest" in values and values["latest"] < values["date"]:
        ck.error(
            node.get("latest"),
            f"`latest` ({values['latest']}) is before `date` ({values['date']})",
            "`latest` is the date by which the event has surely happened: put it after `date`",
            f"{path}.latest",
        )
        ok = False
    if "after" in values and "id" in values:
        ck.after[values["id"]] = (values["after"], node.get("after"), f"{path}.after")  # type: ignore[assignment]
    return ok


def encircle_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    if "location" in values:
        _exit_claims(values["location"], node.get("open_exits"), ck, path)
    if not {"approaches", "open_exits"} & node.entries.keys():
        ck.error(
            node,
            "this encircle effect changes nothing",
            "give `approaches`, `open_exits` or both",
            path,
        )
        return False
    return True


def road_change_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    if not {"status", "control", "bombardment"} & node.entries.keys():
        ck.error(
            node,
            "this road effect changes nothing",
            "give `status`, `control` or `bombardment` (or several)",
            path,
        )
        return False
    return True


def parameter_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    from game.scenario.parameters import PARAMETERS

    spec = PARAMETERS.get(values.get("name", ""))
    if spec is None:
        return True  # unknown names are reported once for the whole section
    ok = True
    unit = values.get("unit")
    if unit is not None and unit != spec.unit:
        ck.error(
            node.get("unit"),
            f"parameter `{spec.name}` is measured in `{spec.unit}`, not `{unit}`",
            f"write `unit: {spec.unit}` (and check the value is in that unit)",
            f"{path}.unit",
        )
        ok = False
    value = values.get("value")
    low, high = spec.minimum, spec.maximum
    if value is not None and (
        (low is not None and value < low) or (high is not None and value > high)
    ):
        bounds = f"{'-∞' if low is None else low}..{'∞' if high is None else high}"
        ck.error(
            node.get("value"),
            f"parameter `{spec.name}` is {value}, outside {bounds}",
            f"use a value in {bounds} {spec.unit} ({spec.description})",
            f"{path}.value",
        )
        ok = False
    return ok


MAX_OPTIONS = 3


def dilemma_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    """A dilemma has a prompt, two or three options with distinct ids and a default among
    them; other events have none of these."""
    event = values.get("id", "?")
    keys = ("prompt", "options", "default", "expires_days")
    present = [key for key in keys if key in node.entries]
    if values.get("kind") is not EventKind.DILEMMA:
        if present and "kind" in values:
            ck.error(
                node.get(present[0]),
                f"`{present[0]}` belongs to a dilemma, but event `{event}` is a "
                f"{values['kind'].value}",
                "write `kind: dilemma` to offer the player a choice, or remove the key",
                f"{path}.{present[0]}",
            )
            return False
        return True
    ok = True
    for key in ("prompt", "options", "default"):
        if key not in node.entries:
            ck.error(
                node,
                f"dilemma `{event}` has no `{key}`",
                {
                    "prompt": "write the question put to the player",
                    "options": "list two or three options, each with id, label, consequences "
                    "and source",
                    "default": "name the option that holds if the player does not choose",
                }[key],
                path,
            )
            ok = False
    options = values.get("options")
    if not options:
        return False
    options_node = node.get("options")
    if len(options) > MAX_OPTIONS:
        ck.error(
            options_node,
            f"dilemma `{event}` offers {len(options)} options",
            f"offer two or three: more than {MAX_OPTIONS} is a menu, not a dilemma",
            f"{path}.options",
        )
        ok = False
    seen: set[str] = set()
    for k, option in enumerate(options):
        if option.id in seen:
            item = options_node.items[k] if isinstance(options_node, Seq) else options_node
            ck.error(
                item.get("id") if isinstance(item, Map) else item,
                f"option id `{option.id}` appears twice in dilemma `{event}`",
                "give each option its own id",
                f"{path}.options[{k}].id",
            )
            ok = False
        seen.add(option.id)
    default = values.get("default")
    for option in options:
        if option.id == default and (
            option.cost.funds or option.cost.trucks or option.cost.leverage
        ):
            ck.error(
                node.get("default"),
                f"the default option `{default}` of `{event}` has a cost",
                "the default holds when the player does not choose, so it cannot cost anything: "
                "make another option the default, or move the cost to another option",
                f"{path}.default",
            )
            ok = False
    if default is not None and default not in seen:
        ck.error(
            node.get("default"),
            f"`default: {default}` is not one of the options of `{event}`",
            f"use one of: {', '.join(sorted(seen))}",
            f"{path}.default",
        )
        ok = False
    return ok


def stock_rule(values: dict[str, Any], node: Map, ck: Checker, path: str) -> bool:
    if not any(values.get(key) for key in ("food", "water", "tents")):
        ck.error(
            node,
            "this stock effect delivers nothing",
            "give `food`, `water` or `tents` (more than 0)",
            path,
        )
        return False
    return True
