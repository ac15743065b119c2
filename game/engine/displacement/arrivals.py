"""People arrive: into free shelter places first, the rest without shelter. Unless the place
is a camp, those without a place stay on their way (`en_route`) and move on later."""

from __future__ import annotations

from game.engine.work import Work


def settle(work: Work, j: int, people: int) -> None:
    """`people` displaced arrive at place `j`."""
    place = work.edit(j)
    free = place.shelter_places - place.sheltered
    housed = people if free >= people else max(0, free)
    without = people - housed
    place.sheltered += housed
    place.unsheltered += without
    if not work.net.is_camp[j]:
        place.en_route += without


def settle_all(work: Work, arrivals: dict[int, int]) -> None:
    """Everyone who arrived today, place by place."""
    for j in sorted(arrivals):
        settle(work, j, arrivals[j])
