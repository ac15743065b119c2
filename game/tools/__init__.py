"""Tools around the game that are not part of it: the synthetic country-scale scenario
generator (`synthetic`), used by `corridor generate`, the benchmarks and the scale tests."""
