"""The game's screens, one per module: title, main, help, order dialog, reports, pickers."""
