"""The pure, deterministic simulation engine: `step(scenario, state, orders, rng)`."""
