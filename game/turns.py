"""Turn numbers and their dates, the same on every screen and in every file.

Turn N is the scenario's Nth day (or Nth step of `turn_days` days): its date is the start date
plus N-1 steps. After P turns played the player is on turn P+1, and every place that names
where a game stands says so with `current_turn`: the header (`turn 19/30 · Tue 11 Feb`), a
save's default name (`turn-19`), the Load list, the replay viewer. A turn's own record (the
turn report, the log, a CSV row, a save's turn line) carries the number of the turn played
and that turn's date, so `turn 18` is 10 Feb wherever it appears.
"""

from __future__ import annotations

import datetime as dt


def turn_date(start: dt.date, turn_days: int, turn: int) -> dt.date:
    """The date of turn `turn` (1-based; turn 0, before the first, has the start date)."""
    return start + dt.timedelta(days=max(turn - 1, 0) * turn_days)


def current_turn(turns_played: int, total: int) -> int:
    """The turn a player is on after `turns_played` turns: the next one, or the last turn once
    all `total` have been played."""
    return max(1, min(turns_played + 1, total)) if total > 0 else turns_played + 1


def finished(turns_played: int, total: int) -> bool:
    """Whether every turn of the game has been played."""
    return total > 0 and turns_played >= total


def position_words(turns_played: int, total: int) -> str:
    """Where a game stands, in the words every list uses: `turn 19 of 30`, or `all 30 turns
    played`."""
    if finished(turns_played, total):
        return f"all {total} turns played"
    return f"turn {current_turn(turns_played, total)} of {total}"
