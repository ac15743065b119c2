"""Words the app and the UI share: how figures, dates and sources read (`format`), and the
short names of places on maps and in tight rows (`names`). Imports only the scenario layer."""
