"""`python -m game` does what the `corridor` command does."""

from game.cli import main

raise SystemExit(main())
