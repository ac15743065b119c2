"""The game's widgets: the map and its legend, the panels, indicators, log and charts."""
