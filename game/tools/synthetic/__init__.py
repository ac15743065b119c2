"""A synthetic country-scale scenario, for benchmarks and for testing that the loader scales.

Pure: `generate_scenario(locations, seed, base=...)` returns plain data (the YAML document as
dicts/lists) and `to_yaml(doc)` renders it as text; the same arguments give the same bytes in
any process. Every fact is marked `assumption: synthetic ...`. The parts, in the order they
draw from the one seeded generator: `geography` (a jittered grid of places in a lat/lon box),
`roads` (grid neighbours thinned to degree 2-6, kept connected), `places` (camps, a border
crossing and aid hubs on the northern edge, cities, towns), `fronts` (attacker-held areas that
advance through projected capture events); `render` writes the YAML.
"""

from __future__ import annotations

from game.tools.synthetic.document import generate_scenario, generate_yaml
from game.tools.synthetic.render import to_yaml

__all__ = ["generate_scenario", "generate_yaml", "to_yaml"]
