"""The scenario format: load YAML safely, validate it, build frozen model objects."""
