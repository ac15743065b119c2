"""Corridor's benchmark suite (`python -m benchmarks`); kept out of the normal test run."""
